// Runs the real compiled `kg build` (see test/global-build.ts) on a folder of good
// and bad inputs, and checks what a user sees: skip lines, exit codes, output files.
// Graph *content* depends on extraction and is asserted by the extraction tests;
// here we check the shape every graph must have, whatever it contains.
import { DOMParser } from '@xmldom/xmldom';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectInputs } from '../src/cli/ingest.js';
import { runPool, WORKER_READY, WorkerStartError } from '../src/cli/worker-pool.js';
import { ExportedGraph } from '../src/graph/contract.js';
import { runKg, type Run } from './kg-process.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixtures = path.join(root, 'test/fixtures/corpus');


const skipLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('skip '));

/** Deterministic bytes that are neither UTF-8 nor plausible GB18030/Big5 text. */
function byteSoup(length: number): Buffer {
  const out = Buffer.alloc(length);
  let x = 12345;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x80 + ((x >> 16) % 0x7f);
  }
  return out;
}

let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-cli-'));
  const input = path.join(work, 'in');
  cpSync(fixtures, input, { recursive: true });
  writeFileSync(path.join(input, 'empty.txt'), '');
  writeFileSync(path.join(input, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01]));
  writeFileSync(path.join(input, 'garbled.txt'), byteSoup(4000));
  // 5 MB of prose on one line: no sentence or line breaks to split on.
  const sentence = '市政府召开常务会议研究部署重点项目建设工作，要求各县市区加快推进交通基础设施和产业园区建设，';
  writeFileSync(path.join(input, 'one-line.txt'), sentence.repeat(Math.ceil((5 * 1024 * 1024) / Buffer.byteLength(sentence))));
  cpSync(path.join(fixtures, 'news/standing-meeting.txt'), path.join(input, '会议 新闻 2024.txt'));
  writeFileSync(path.join(input, 'gbk.txt'), iconv.encode(readFileSync(path.join(fixtures, 'notices/division.txt'), 'utf8'), 'gbk'));
  cpSync(path.join(fixtures, 'news/standing-meeting.txt'), path.join(input, 'UPPER.TXT'));
  writeFileSync(path.join(input, 'notes.md'), '不是输入文件');
  symlinkSync('.', path.join(input, 'loop')); // folder cycle
  symlinkSync('self.txt', path.join(input, 'self.txt')); // link to itself
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kg build on mixed good and bad inputs', () => {
  let run: Run;
  const out = () => path.join(work, 'out');
  const GOOD = ['UPPER.TXT', 'gbk.txt', 'news/division.txt', 'news/field-visit.html', 'news/standing-meeting.txt', 'notices/division.txt', 'one-line.txt', '会议 新闻 2024.txt'];
  const BAD = ['in/binary.txt', 'in/empty.txt', 'in/garbled.txt', 'in/self.txt', 'missing-folder'];
  // Generous for 5 MB of text, short enough that a quadratic step in extraction shows up as a failure.
  const TIMEOUT_S = 20;

  beforeAll(async () => {
    run = await runKg(['build', 'in', 'missing-folder', '--out', 'out', '--jobs', '2', '--timeout', String(TIMEOUT_S)], { cwd: work });
  }, 120_000);

  it('exits 0 because documents were read, and prints one skip line per bad input', () => {
    expect(run.code, run.stderr).toBe(0);
    const lines = skipLines(run.stderr);
    expect(lines.map((l) => l.slice(5, l.indexOf(': '))).sort()).toEqual([...BAD].sort());
    const reasonOf = (p: string) => lines.find((l) => l.startsWith(`skip ${p}: `))!.slice(`skip ${p}: `.length);
    expect(reasonOf('missing-folder')).toBe('no such file or directory');
    expect(reasonOf('in/empty.txt')).toMatch(/empty/);
    expect(reasonOf('in/binary.txt')).toMatch(/binary/);
    expect(reasonOf('in/garbled.txt')).not.toBe('');
    expect(reasonOf('in/self.txt')).toBe('symlink loop');
    expect(run.stderr).not.toMatch(/^\s+at /m); // no stack traces
  });

  it('ends with a one-line summary that counts the entities and relations of the graph', () => {
    const last = run.stderr.trim().split('\n').at(-1)!;
    const m = new RegExp(`^read ${GOOD.length} documents \\(${BAD.length} skipped\\) in \\d+\\.\\d s → out: (\\d+) entities, (\\d+) relations \\(${GOOD.length} extracted, 0 from the cache\\)$`).exec(last);
    expect(m, last).not.toBeNull();
    const graph = JSON.parse(readFileSync(path.join(out(), 'graph.json'), 'utf8'));
    expect([Number(m![1]), Number(m![2])]).toEqual([graph.nodes.length, graph.edges.length]);
    expect(graph.nodes.length).toBeGreaterThan(0);
  });

  it('--help marks the required options', async () => {
    const build = await runKg(['build', '--help']);
    expect(build.stdout.split('\n').find((l) => l.includes('--out <dir>'))).toMatch(/\(required\)/);
    const evalHelp = await runKg(['eval', '--help']);
    expect(evalHelp.stdout.split('\n').find((l) => l.includes('--gold <gold...>'))).toMatch(/\(required\)/);
    // An option that is not required is not marked.
    expect(build.stdout.split('\n').find((l) => l.includes('--strict'))).not.toMatch(/required/);
  });

  it('reads the 5 MB one-line file within the per-document time limit', () => {
    expect(run.stderr).not.toContain('one-line.txt');
    expect(readFileSync(path.join(out(), 'texts/one-line.txt'), 'utf8').length).toBeGreaterThan(1_000_000);
  });

  it('writes graph.json that passes the contract, with evidence and an integer community everywhere', () => {
    const graph = ExportedGraph.parse(JSON.parse(readFileSync(path.join(out(), 'graph.json'), 'utf8')));
    // Every input is a Document node (no evidence or community of its own); every entity has both.
    expect(graph.nodes.filter((n) => n.attributes.type === 'Document').length).toBeGreaterThan(0);
    for (const n of graph.nodes) {
      if (n.attributes.type === 'Document') continue;
      expect(n.attributes.evidence.length).toBeGreaterThan(0);
      expect(Number.isInteger(n.attributes.community)).toBe(true);
    }
    for (const e of graph.edges) expect(e.attributes.evidence.length).toBeGreaterThan(0);
    // Every evidence span lies inside the normalised text written for its document.
    const lengths = new Map<string, number>();
    const textLength = (doc: string) => {
      if (!lengths.has(doc)) lengths.set(doc, readFileSync(path.join(out(), 'texts', doc), 'utf8').length);
      return lengths.get(doc)!;
    };
    for (const item of [...graph.nodes, ...graph.edges]) {
      for (const ev of item.attributes.evidence ?? []) expect(ev.end).toBeLessThanOrEqual(textLength(ev.doc));
    }
  });

  it('writes well-formed GraphML and GEXF and a report', () => {
    for (const file of ['graph.graphml', 'graph.gexf']) {
      const problems: string[] = [];
      new DOMParser({ errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) } })
        .parseFromString(readFileSync(path.join(out(), file), 'utf8'), 'text/xml');
      expect(problems, file).toEqual([]);
    }
    expect(existsSync(path.join(out(), 'report.md'))).toBe(true);
  });

  it('writes one normalised text per document; a repeated base name gets its relative path', () => {
    const docs = ['UPPER.TXT', 'gbk.txt', 'division.txt', 'field-visit.html', 'standing-meeting.txt', 'in/notices/division.txt', 'one-line.txt', '会议 新闻 2024.txt'];
    for (const doc of docs) expect(existsSync(path.join(out(), 'texts', doc)), doc).toBe(true);
    // GBK input comes out as UTF-8 text.
    expect(readFileSync(path.join(out(), 'texts/gbk.txt'), 'utf8')).toContain('唐振宇');
  });

  it('lists every skipped file with its reason in report.md', () => {
    const report = readFileSync(path.join(out(), 'report.md'), 'utf8');
    expect(report).toContain(`## Skipped (${BAD.length})`);
    for (const line of skipLines(run.stderr)) {
      const [p, reason] = [line.slice(5, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)];
      expect(report).toContain(`| ${p} | ${reason.replace(/\|/g, '\\|')} |`);
    }
    expect(report).toContain(`## Documents read (${GOOD.length})`);
    expect(report).toContain('| 会议 新闻 2024.txt |');
  });
});

describe('kg build exit codes', () => {
  it('--strict exits non-zero when anything was skipped, but still writes the outputs', async () => {
    const dir = path.join(work, 'strict');
    mkdirSync(dir);
    cpSync(path.join(fixtures, 'notices/division.txt'), path.join(dir, 'good.txt'));
    writeFileSync(path.join(dir, 'empty.txt'), '');
    const strict = await runKg(['build', dir, '--out', path.join(work, 'out-strict'), '--strict'], { cwd: work });
    expect(strict.code).toBe(1);
    expect(skipLines(strict.stderr)).toHaveLength(1);
    expect(existsSync(path.join(work, 'out-strict/graph.json'))).toBe(true);
    const lenient = await runKg(['build', dir, '--out', path.join(work, 'out-lenient')], { cwd: work });
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).not.toContain('extracting ['); // no bar: 2 files and no terminal
    // --progress forces the bar even without a terminal; skip lines must survive it.
    const withBar = await runKg(['build', dir, '--out', path.join(work, 'out-bar'), '--progress'], { cwd: work });
    expect(withBar.code).toBe(0);
    expect(withBar.stderr).toContain('extracting [');
    expect(skipLines(withBar.stderr)).toEqual([`skip ${path.join(dir, 'empty.txt')}: ${skipLines(lenient.stderr)[0].split(': ').slice(1).join(': ')}`]);
  }, 60_000);

  it('exits 1 with one line per problem when nothing could be read', async () => {
    const dir = path.join(work, 'all-bad');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'empty.txt'), '');
    writeFileSync(path.join(dir, 'nul.html'), Buffer.from([0, 1, 2, 0, 0, 0]));
    const r = await runKg(['build', dir, path.join(work, 'nope.txt'), '--out', path.join(work, 'out-bad')], { cwd: work });
    expect(r.code).toBe(1);
    expect(skipLines(r.stderr)).toHaveLength(3);
    expect(r.stderr).toMatch(/^kg build: no document could be read$/m);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const verbose = await runKg(['build', dir, '--out', path.join(work, 'out-bad'), '--verbose'], { cwd: work });
    expect(verbose.code).toBe(1);
    expect(verbose.stderr).toMatch(/^\s+at /m);
  }, 60_000);

  it('rejects a bad --jobs value with a usage error', async () => {
    const r = await runKg(['build', fixtures, '--out', path.join(work, 'out-jobs'), '--jobs', 'zero'], { cwd: work });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--jobs must be a positive integer/);
  });
});

describe('collectInputs', () => {
  it('expands folders in code-point order, keeps base names unique and reports missing paths', async () => {
    const { files, skipped } = await collectInputs([path.join(fixtures, 'notices'), path.join(fixtures, 'news'), path.join(work, 'absent')]);
    expect(files.map((f) => f.doc)).toEqual(['division.txt', 'news/division.txt', 'field-visit.html', 'standing-meeting.txt']);
    expect(skipped).toEqual([{ path: path.join(work, 'absent'), reason: 'no such file or directory' }]);
  });

  it('skips oversized files and explicitly named non-text files, and reads a file reached twice only once', async () => {
    const dir = path.join(work, 'ingest');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'big.htm'), 'x'.repeat(2048));
    writeFileSync(path.join(dir, 'small.txt'), '短文');
    writeFileSync(path.join(dir, 'table.csv'), 'a,b');
    symlinkSync('small.txt', path.join(dir, 'alias.txt'));
    const { files, skipped } = await collectInputs([dir, path.join(dir, 'table.csv')], { maxFileBytes: 1024 });
    expect(files.map((f) => path.basename(f.path))).toEqual(['alias.txt']);
    expect(skipped.map((s) => [path.basename(s.path), s.reason.replace(/\(.*\)/, '').trim()])).toEqual([
      ['big.htm', 'too large'],
      ['table.csv', 'not a .txt/.html/.htm file'],
    ]);
  });
});

describe('runPool', () => {
  it('times out a hung task, survives a crashing worker and finishes the rest', async () => {
    const workerFile = path.join(work, 'test-worker.mjs');
    writeFileSync(workerFile, `
      import { parentPort } from 'node:worker_threads';
      parentPort.on('message', (task) => {
        if (task === 'hang') return;            // never answers
        if (task === 'crash') throw new Error('boom');
        parentPort.postMessage(task.toUpperCase());
      });
      parentPort.postMessage(${JSON.stringify(WORKER_READY)});
    `);
    const results: string[] = [];
    const failures: string[] = [];
    const started = Date.now();
    await runPool<string, string>(['a', 'hang', 'b', 'crash', 'c', 'd'], {
      workerUrl: new URL(`file://${workerFile}`),
      jobs: 2,
      // Long enough that a quick task never times out on a busy machine (worker start-up included).
      timeoutMs: 3000,
      onResult: (_t, _i, r) => results.push(r),
      onFailure: (t, _i, reason) => failures.push(`${t}: ${reason}`),
    });
    expect(results.sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(failures.sort()).toEqual(['crash: worker failed: boom', 'hang: timed out after 3 s']);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('aborts the whole run with one error when the worker cannot start', async () => {
    const workerFile = path.join(work, 'broken-worker.mjs');
    writeFileSync(workerFile, `import './does-not-exist.mjs';`);
    const failures: string[] = [];
    const run = runPool<string, string>(['a', 'b', 'c'], {
      workerUrl: new URL(`file://${workerFile}`),
      jobs: 2,
      timeoutMs: 5000,
      onResult: () => {},
      onFailure: (t) => failures.push(t),
    });
    await expect(run).rejects.toThrow(WorkerStartError);
    await expect(run).rejects.toThrow(/could not start: worker failed: Cannot find module/);
    expect(failures).toEqual([]);
  });
});
