// Failures a user can run into are one line, a non-zero exit, and no stack (issue #6).
// test/neo4j/neo4j.test.ts already covers `kg load` / `kg query` against an unreachable server,
// bad credentials, a missing database and a non-Bolt URI; this adds `kg build --neo4j` with a bad
// URI (the graph files must still be written) and the loader's retry of MERGE races, which needs
// no server: a stub session stands in for the driver's.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportedGraph } from '../../src/graph/contract.js';
import { executeWriteRetrying } from '../../src/load/load.js';
import { runKg } from './helpers.js';

let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-clear-failures-'));
  mkdirSync(path.join(work, 'in'));
  writeFileSync(path.join(work, 'in', 'news.txt'), '黄山市第八届人民代表大会第三次会议开幕\n市委副书记、市长周明远代表市人民政府作政府工作报告。\n', 'utf8');
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kg build --neo4j with a server that cannot be used', () => {
  for (const [what, uri, pattern] of [
    ['nothing listening', 'bolt://127.0.0.1:9', /^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/],
    ['not a Bolt URI', 'http://127.0.0.1:7474', /^kg: invalid Neo4j URI "http:\/\/127\.0\.0\.1:7474"/],
  ] as const) {
    it(`${what}: the graph files are written, the exit is non-zero, the error is one line`, async () => {
      const out = path.join(work, `out-${what.replace(/ /g, '-')}`);
      const run = await runKg(['build', path.join(work, 'in'), '--out', out, '--neo4j', uri, '--no-progress']);
      expect(run.code).toBe(1);
      const lines = run.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/^read 1 documents \(0 skipped\) in [\d.]+ s → /);
      expect(lines.slice(1)).toHaveLength(1);
      expect(lines[1]).toMatch(pattern);
      expect(run.stderr).not.toMatch(/^\s+at /m);
      for (const file of ['graph.json', 'graph.graphml', 'graph.gexf', 'report.md', 'texts/news.txt']) expect(existsSync(path.join(out, file)), file).toBe(true);
      const graph = ExportedGraph.parse(JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')));
      expect(graph.nodes.map((n) => n.attributes.name)).toContain('周明远');
    });
  }

  it('--verbose adds the stack', async () => {
    const run = await runKg(['--verbose', 'build', path.join(work, 'in'), '--out', path.join(work, 'out-verbose'), '--neo4j', 'bolt://127.0.0.1:9']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^\s+at /m);
  });
});

describe('kg build --neo4j takes the connection options kg load takes (issue #14.2)', () => {
  it('--user, --password-file and --database are accepted and reach the load', async () => {
    const passwordFile = path.join(work, 'password');
    writeFileSync(passwordFile, 'secret\n', { mode: 0o600 });
    const run = await runKg(['build', path.join(work, 'in'), '--out', path.join(work, 'out-flags'), '--no-progress',
      '--neo4j', 'bolt://127.0.0.1:9', '--user', 'someone', '--password-file', passwordFile, '--database', 'kg']);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^kg: cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });

  it('refuses them without --neo4j, a missing --password-file, and a --neo4j value that is not a URI, before building anything', async () => {
    for (const [args, message] of [
      [['--user', 'someone'], 'kg: --user is for --neo4j, which was not given'],
      [['--neo4j', '--password-file', path.join(work, 'nowhere')], `kg: cannot read a password from --password-file ${path.join(work, 'nowhere')}: missing, unreadable or empty`],
      [['--neo4j', 'corpus'], 'kg: --neo4j takes a Bolt URI (bolt://host:port), not "corpus"; give the inputs before --neo4j'],
    ] as const) {
      const out = path.join(work, 'out-refused');
      const run = await runKg(['build', path.join(work, 'in'), '--out', out, ...args]);
      expect(run.stderr.trim()).toBe(message);
      expect(run.code).toBe(2);
      expect(existsSync(path.join(out, 'graph.json'))).toBe(false);
    }
  });
});

describe('the loader retries a transaction that lost a MERGE race', () => {
  const raceError = () => Object.assign(new Error('Node(12) already exists with label `Person` and property `name` = \'周明远\''), { code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
  const stub = (failures: Array<Error | null>) => {
    let calls = 0;
    return {
      get calls() { return calls; },
      executeWrite: async <T>(work: (tx: never) => Promise<T>): Promise<T> => {
        const failure = failures[calls++];
        if (failure) throw failure;
        return work(undefined as never);
      },
    };
  };

  it('reruns it after a uniqueness-constraint violation (MERGE then finds the node the other load created)', async () => {
    const session = stub([raceError(), raceError(), null]);
    await expect(executeWriteRetrying(session as never, async () => 'committed')).resolves.toBe('committed');
    expect(session.calls).toBe(3);
  });

  it('reruns it when a node it reached was deleted by the other load (a Community emptied and tidied away)', async () => {
    const gone = Object.assign(new Error('Unable to load NODE 4:0f0e:98.'), { code: 'Neo.ClientError.Statement.EntityNotFound' });
    const session = stub([gone, null]);
    await expect(executeWriteRetrying(session as never, async () => 'committed')).resolves.toBe('committed');
    expect(session.calls).toBe(2);
  });

  it('does not retry other errors, and gives up on a race that never ends', async () => {
    const syntax = Object.assign(new Error('Invalid input'), { code: 'Neo.ClientError.Statement.SyntaxError' });
    const once = stub([syntax]);
    await expect(executeWriteRetrying(once as never, async () => 'x')).rejects.toBe(syntax);
    expect(once.calls).toBe(1);
    const forever = stub(Array.from({ length: 20 }, raceError));
    await expect(executeWriteRetrying(forever as never, async () => 'x')).rejects.toMatchObject({ code: 'Neo.ClientError.Schema.ConstraintValidationFailed' });
    expect(forever.calls).toBe(8);
  });
});
