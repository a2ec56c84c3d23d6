// Connection settings and the one-line explanations of connection failures,
// shared by `kg load`, `kg query` and `kg build --neo4j`.
import neo4j, { type Driver } from 'neo4j-driver';

export const DEFAULT_URI = 'bolt://127.0.0.1:7687';
export const DEFAULT_USER = 'neo4j';
export const DEFAULT_PASSWORD = 'password';

export interface ConnectionOptions {
  uri?: string;
  user?: string;
  password?: string;
  /** undefined: the server's default database. */
  database?: string;
}

export interface Connection {
  uri: string;
  user: string;
  password: string;
  database?: string;
}

/** Flags first, then $NEO4J_URI / $NEO4J_USER / $NEO4J_PASSWORD / $NEO4J_DATABASE, then the documented defaults. */
export function resolveConnection(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env): Connection {
  const pick = (flag: string | undefined, name: string, fallback?: string) =>
    flag !== undefined && flag !== '' ? flag : env[name] !== undefined && env[name] !== '' ? env[name] : fallback;
  const database = pick(options.database, 'NEO4J_DATABASE');
  return {
    uri: pick(options.uri, 'NEO4J_URI', DEFAULT_URI)!,
    user: pick(options.user, 'NEO4J_USER', DEFAULT_USER)!,
    password: pick(options.password, 'NEO4J_PASSWORD', DEFAULT_PASSWORD)!,
    ...(database ? { database } : {}),
  };
}

/** A failure to talk to Neo4j, already phrased for a person: one line, no stack needed. */
export class Neo4jConnectionError extends Error {
  constructor(message: string, readonly cause?: unknown) {
    super(message);
    this.name = 'Neo4jConnectionError';
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** The server cannot be reached, or the connection to it broke (refused, reset, closed, timed out). */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired') return true;
  return /ECONNREFUSED|ECONNRESET|EPIPE|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|connect|connection/i.test(firstLine(String(e?.message ?? err)));
}

/** Turns a driver error into one line that says what to fix. */
export function explainNeo4jError(err: unknown, conn: Connection): Neo4jConnectionError {
  if (err instanceof Neo4jConnectionError) return err;
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  const message = firstLine(String(e?.message ?? err));
  const where = `Neo4j at ${conn.uri}`;
  if (code === 'Neo.ClientError.Security.Unauthorized') {
    return new Neo4jConnectionError(`${where} refused user "${conn.user}": wrong user name or password (set --user/--password or NEO4J_USER/NEO4J_PASSWORD)`, err);
  }
  if (code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new Neo4jConnectionError(`${where} is blocking user "${conn.user}" after too many failed logins; wait a few seconds and check the password`, err);
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new Neo4jConnectionError(`${where} has no database "${conn.database ?? '(default)'}"`, err);
  }
  if (isConnectionLoss(err)) {
    // The driver's text is a paragraph of advice; the socket error after "Caused by:" is the informative part.
    const cause = /Caused by:\s*(.*)$/.exec(message)?.[1] ?? message;
    return new Neo4jConnectionError(`cannot reach ${where}: ${cause} (is it running? \`npm run neo4j:start\`)`, err);
  }
  return new Neo4jConnectionError(`${where}: ${message}${code ? ` [${code}]` : ''}`, err);
}

/**
 * Opens a driver, checks that the server answers, accepts the credentials and has
 * the database, runs `work`, and closes the driver whatever happens.
 */
export async function withNeo4j<T>(conn: Connection, work: (driver: Driver) => Promise<T>): Promise<T> {
  let driver: Driver;
  try {
    driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
      connectionTimeout: 10_000,
      maxTransactionRetryTime: 15_000,
      // Numbers come back as JS numbers; our counts and offsets are far below 2^53.
      disableLosslessIntegers: true,
      userAgent: 'zhengkg',
    });
  } catch (err) {
    throw new Neo4jConnectionError(`invalid Neo4j URI "${conn.uri}": ${firstLine(String((err as Error)?.message ?? err))}`, err);
  }
  try {
    // An auto-commit query, not executeQuery: that one retries for seconds when the server is down.
    const probe = driver.session(sessionConfig(conn));
    try {
      await probe.run('RETURN 1');
    } catch (err) {
      throw explainNeo4jError(err, conn);
    } finally {
      await probe.close().catch(() => undefined);
    }
    return await work(driver);
  } finally {
    await driver.close().catch(() => undefined);
  }
}

/** Session settings for the chosen database. */
export const sessionConfig = (conn: Connection) => (conn.database ? { database: conn.database } : {});
