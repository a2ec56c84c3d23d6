// vitest globalSetup for the Neo4j tests (test/neo4j/): they run against a real server, never a mock.
//
// - ZHENGKG_SKIP_NEO4J=1: no server; the Neo4j tests skip.
// - NEO4J_URI set: that server is used when it holds nothing but the tests' own fixtures (the
//   tests empty it). Its credentials: NEO4J_USER/NEO4J_PASSWORD, else the local server's
//   (.neo4j/server.json and .neo4j/password) when NEO4J_URI is its address. A server that holds
//   other data, or cannot be used, is left alone: the tests start their own, as below.
// - otherwise a test server of our own is started with scripts/neo4j.mjs, separate from the
//   one `npm run neo4j:start` runs (home .neo4j/test, on free ports), so that a developer's data
//   is never touched; it is stopped afterwards only if this setup started it.
// A run whose file filters name no Neo4j server test starts nothing: other engineers' quick runs stay quick.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import type { TestProject } from 'vitest/node';
import { resolveConnection } from '../../src/load/connection.js';
import { findLocalServer } from '../../src/load/local-server.js';
import { freePort } from '../free-port.js';

export interface Neo4jTestServer {
  uri: string;
  user: string;
  password: string;
  /** Where Neo4j Browser is served, for the Chromium test. */
  browserUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTestServer | null;
    neo4jSkipReason: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const script = path.join(root, 'scripts/neo4j.mjs');
/** The documents of the tests' fixtures: a database whose nodes all come from these may be emptied. */
export const TEST_DOCS = ['qinglan_report.txt', 'qinglan_news.txt', 'zhengkg_neo4j_test_report.txt'];
/** Counts the nodes that did not come from the tests' fixtures. */
export const FOREIGN_NODES = 'MATCH (n) WHERE NOT n:Community AND (n.docs IS NULL OR any(d IN n.docs WHERE NOT d IN $docs)) RETURN count(n) AS foreign';

/** File filters given on the command line (`vitest run test/foo.test.ts`); none means every file runs. */
function fileFilters(argv: readonly string[]): string[] {
  const runAt = argv.findIndex((a) => a === 'run' || a === 'watch' || a === 'related');
  const args = runAt >= 0 ? argv.slice(runAt + 1) : argv.slice(2);
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      // options that take a separate value
      if (['-t', '--testNamePattern', '--config', '-c', '--project', '--dir', '--root', '-r', '--reporter', '--pool'].includes(a)) i++;
      continue;
    }
    filters.push(a);
  }
  return filters;
}

/** Why the server at NEO4J_URI cannot be used by the tests, or '' when it can. */
export async function unusable(conn: { uri: string; user: string; password: string; database?: string }): Promise<string> {
  const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), { connectionTimeout: 5000, maxTransactionRetryTime: 0 });
  try {
    const { records } = await driver.executeQuery(FOREIGN_NODES, { docs: TEST_DOCS }, conn.database ? { database: conn.database } : {});
    const foreign = Number(records[0].get('foreign'));
    return foreign > 0 ? `it holds ${foreign} nodes that are not test fixtures` : '';
  } catch (err) {
    return String((err as Error).message ?? err).split('\n')[0];
  } finally {
    await driver.close();
  }
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const none = (reason: string) => {
    project.provide('neo4j', null);
    project.provide('neo4jSkipReason', reason);
    return undefined;
  };
  if (process.env.ZHENGKG_SKIP_NEO4J === '1') return none('ZHENGKG_SKIP_NEO4J=1');
  const filters = fileFilters(process.argv);
  if (filters.length > 0 && !filters.some((f) => f.includes('neo4j.test') || /neo4j\/?$/.test(f))) return none('no Neo4j server test selected');

  project.provide('neo4jSkipReason', '');
  if (process.env.NEO4J_URI) {
    const conn = resolveConnection({}, process.env);
    const why = await unusable(conn);
    if (!why) {
      const local = findLocalServer(process.env);
      const browserUrl = process.env.NEO4J_BROWSER_URL || (local && local.bolt === conn.uri ? local.http : 'http://127.0.0.1:7474/');
      project.provide('neo4j', { uri: conn.uri, user: conn.user, password: conn.password, browserUrl });
      return undefined;
    }
    console.error(`test/neo4j: not using NEO4J_URI=${conn.uri} (${why}); starting a test server of our own`);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, ZHENGKG_NEO4J_HOME: path.join(root, '.neo4j/test'), NEO4J_URI: '', NEO4J_PASSWORD: '' };
  const run = (command: string) => spawnSync(process.execPath, [script, command], { cwd: root, env, encoding: 'utf8' });
  const wasRunning = run('status').status === 0;
  if (!wasRunning) {
    env.NEO4J_BOLT_PORT = String(await freePort());
    env.NEO4J_HTTP_PORT = String(await freePort());
    const started = run('start');
    if (started.status !== 0) {
      throw new Error(`could not start the Neo4j test server (set ZHENGKG_SKIP_NEO4J=1 to skip the Neo4j tests):\n${started.stdout}${started.stderr}`);
    }
  }
  const local = findLocalServer(env);
  if (!local?.password) throw new Error(`the Neo4j test server under ${env.ZHENGKG_NEO4J_HOME} has no state or password file`);
  project.provide('neo4j', { uri: local.bolt, user: local.user, password: local.password, browserUrl: local.http });
  return wasRunning ? undefined : () => {
    run('stop');
  };
}
