// Connection settings and the one-line explanations of connection failures,
// shared by `kg load`, `kg query` and `kg build --neo4j`.
import neo4j, { type Driver } from 'neo4j-driver';
import { findLocalServer, type LocalServer } from './local-server.js';

export const DEFAULT_URI = 'bolt://127.0.0.1:7687';
export const DEFAULT_USER = 'neo4j';

export interface ConnectionOptions {
  uri?: string;
  user?: string;
  password?: string;
  /** undefined: the server's default database. */
  database?: string;
  /** Where a given password came from (a resolved Connection passed on keeps it). */
  passwordFrom?: string;
}

export interface Connection {
  uri: string;
  user: string;
  /** '' when none was found: the server then refuses the login, and the error says where to put one. */
  password: string;
  database?: string;
  /** Where the password came from, for the message when the server refuses it. */
  passwordFrom?: string;
}

/**
 * Flags first, then $NEO4J_URI / $NEO4J_USER / $NEO4J_PASSWORD / $NEO4J_DATABASE, then the local
 * server that `npm run neo4j:start` runs (its real address, user and password file), then the
 * documented defaults. The local password is sent only to the local server's own address.
 */
export function resolveConnection(
  options: ConnectionOptions,
  env: NodeJS.ProcessEnv = process.env,
  local: LocalServer | null = findLocalServer(env) ?? null,
): Connection {
  const given = (v: string | undefined): v is string => v !== undefined && v !== '';
  const pick = (flag: string | undefined, name: string) => (given(flag) ? flag : given(env[name]) ? env[name] : undefined);
  const uri = pick(options.uri, 'NEO4J_URI') ?? local?.bolt ?? DEFAULT_URI;
  const isLocal = local !== null && sameAddress(uri, local.bolt);
  const database = pick(options.database, 'NEO4J_DATABASE');
  const user = pick(options.user, 'NEO4J_USER') ?? (isLocal ? local.user : DEFAULT_USER);
  let password: string | undefined;
  let passwordFrom: string | undefined;
  if (given(options.password)) [password, passwordFrom] = [options.password, options.passwordFrom ?? 'the command line'];
  else if (given(env.NEO4J_PASSWORD)) [password, passwordFrom] = [env.NEO4J_PASSWORD, '$NEO4J_PASSWORD'];
  else if (isLocal && local.password !== undefined) [password, passwordFrom] = [local.password, local.passwordFile];
  return { uri, user, password: password ?? '', ...(database ? { database } : {}), ...(passwordFrom ? { passwordFrom } : {}) };
}

/** bolt://127.0.0.1:7687 and neo4j://localhost:7687/ name the same server. */
function sameAddress(a: string, b: string): boolean {
  const key = (u: string) => {
    try {
      const url = new URL(u.replace(/^[a-z+]+:/i, 'http:'));
      const host = url.hostname === 'localhost' || url.hostname === '[::1]' ? '127.0.0.1' : url.hostname;
      return `${host}:${url.port || '7687'}`;
    } catch {
      return u;
    }
  };
  return key(a) === key(b);
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
    if (conn.password === '') {
      return new Neo4jConnectionError(`${where} refused user "${conn.user}": no password given (set NEO4J_PASSWORD or --password-file; the local server's is in .neo4j/password)`, err);
    }
    const from = conn.passwordFrom ? ` (password from ${conn.passwordFrom})` : '';
    return new Neo4jConnectionError(`${where} refused user "${conn.user}": wrong user name or password${from}; set NEO4J_USER/NEO4J_PASSWORD or --user/--password-file`, err);
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
