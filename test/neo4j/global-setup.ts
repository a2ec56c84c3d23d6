// vitest globalSetup for the Neo4j tests (test/neo4j/): they run against a real server, never a mock.
//
// - ZHENGKG_SKIP_NEO4J=1: no server; the Neo4j tests skip.
// - NEO4J_URI set: that server is used (it must hold no data but ours: the tests empty it).
// - otherwise a test server of our own is started with scripts/neo4j.mjs, separate from the
//   one `npm run neo4j:start` runs (home .neo4j/test, Bolt 7688, Browser 7475), so that a
//   developer's data is never touched; it is stopped afterwards only if this setup started it.
// A run whose file filters name no Neo4j test starts nothing: other engineers' quick runs stay quick.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

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
const TEST_BOLT_PORT = '7688';
const TEST_HTTP_PORT = '7475';

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

export default function setup(project: TestProject): (() => void) | undefined {
  const credentials = { user: process.env.NEO4J_USER || 'neo4j', password: process.env.NEO4J_PASSWORD || 'password' };
  const none = (reason: string) => {
    project.provide('neo4j', null);
    project.provide('neo4jSkipReason', reason);
    return undefined;
  };
  if (process.env.ZHENGKG_SKIP_NEO4J === '1') return none('ZHENGKG_SKIP_NEO4J=1');
  const filters = fileFilters(process.argv);
  if (filters.length > 0 && !filters.some((f) => f.includes('neo4j'))) return none('no Neo4j test selected');

  project.provide('neo4jSkipReason', '');
  if (process.env.NEO4J_URI) {
    project.provide('neo4j', { uri: process.env.NEO4J_URI, ...credentials, browserUrl: process.env.NEO4J_BROWSER_URL || 'http://127.0.0.1:7474/' });
    return undefined;
  }

  const env = { ...process.env, ZHENGKG_NEO4J_HOME: path.join(root, '.neo4j/test'), NEO4J_BOLT_PORT: TEST_BOLT_PORT, NEO4J_HTTP_PORT: TEST_HTTP_PORT };
  const run = (command: string) => spawnSync(process.execPath, [script, command], { cwd: root, env, encoding: 'utf8' });
  const wasRunning = run('status').status === 0;
  if (!wasRunning) {
    const started = run('start');
    if (started.status !== 0) {
      throw new Error(`could not start the Neo4j test server (set ZHENGKG_SKIP_NEO4J=1 to skip the Neo4j tests):\n${started.stdout}${started.stderr}`);
    }
  }
  project.provide('neo4j', { uri: `bolt://127.0.0.1:${TEST_BOLT_PORT}`, ...credentials, browserUrl: `http://127.0.0.1:${TEST_HTTP_PORT}/` });
  return wasRunning ? undefined : () => {
    run('stop');
  };
}
