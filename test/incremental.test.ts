// Incremental builds: the record cache in <out>/cache (src/cli/record-cache.ts) through the real
// compiled `kg build`, and the pure difference of two graphs that `kg build --neo4j` applies
// (src/load/delta.ts; the database side is test/neo4j/incremental.test.ts).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheKey, extractorVersion, withDoc } from '../src/cli/record-cache.js';
import { planDelta } from '../src/load/delta.js';
import { planLoad } from '../src/load/model.js';
import { runKg } from './kg-process.js';

const fixtures = path.join(path.dirname(new URL(import.meta.url).pathname), 'fixtures/corpus');
/** A document whose mayor (林澈) no other input mentions; it also names entities the fixtures share. */
export const ONLY_TEXT = '株洲市人民政府召开常务会议\n2024年5月8日，株洲市市长林澈主持召开市政府常务会议，研究部署星河光电产业园建设工作。会议要求湘江动力集团加快推进整机扩产项目建设。\n';
export const ONLY_PERSON = '林澈';

const summaryOf = (stderr: string) => {
  const m = /^read (\d+) documents \((\d+) skipped\) in [\d.]+ s → .*: (\d+) entities, (\d+) relations \((\d+) extracted, (\d+) from the cache\)$/m.exec(stderr);
  if (!m) throw new Error(`no summary line in:\n${stderr}`);
  return { documents: Number(m[1]), extracted: Number(m[5]), cached: Number(m[6]) };
};
const graphOf = (out: string) => JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as {
  nodes: Array<{ key: string; attributes: { type: string; name: string; evidence?: Array<{ doc: string }> } }>;
};
const names = (out: string) => new Set(graphOf(out).nodes.map((n) => n.attributes.name));

let work: string;
const input = () => path.join(work, 'in');
const out = () => path.join(work, 'out');
const build = async (...extra: string[]) => {
  const run = await runKg(['build', 'in', '--out', 'out', '--jobs', '2', '--no-progress', ...extra], { cwd: work });
  expect(run.code, run.stderr).toBe(0);
  return run;
};
/** A build of the same inputs from scratch, into a folder of its own: what the incremental one must equal. */
const fresh = async (name: string) => {
  const run = await runKg(['build', 'in', '--out', name, '--jobs', '2', '--no-progress', '--no-cache'], { cwd: work });
  expect(run.code, run.stderr).toBe(0);
  expect(summaryOf(run.stderr).cached).toBe(0);
  return path.join(work, name);
};
/**
 * graph.json with each community number replaced by the order in which its first member appears: a rebuild
 * keeps the previous build's numbers (src/graph/community-numbers.ts) where a build from scratch numbers by
 * size, so the two agree on the partition, not on the numbers.
 */
const byPartition = (out: string): string => {
  const graph = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')) as { nodes: Array<{ attributes: { community?: number } }> };
  const order = new Map<number, number>();
  for (const { attributes } of graph.nodes) {
    if (attributes.community === undefined) continue;
    if (!order.has(attributes.community)) order.set(attributes.community, order.size);
    attributes.community = order.get(attributes.community);
  }
  return JSON.stringify(graph);
};
const sameOutput = (a: string, b: string) => {
  // Not toBe on the texts: a difference would print two whole graphs.
  expect(byPartition(a) === byPartition(b), `${a}/graph.json differs from ${b}/graph.json beyond the community numbers`).toBe(true);
  const texts = (dir: string) => graphOf(dir).nodes.filter((n) => n.attributes.type === 'Document').map((n) => n.attributes.name).sort();
  expect(texts(a)).toEqual(texts(b));
  for (const doc of texts(a)) expect(readFileSync(path.join(a, 'texts', doc), 'utf8'), doc).toBe(readFileSync(path.join(b, 'texts', doc), 'utf8'));
};

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-incremental-'));
  cpSync(fixtures, input(), { recursive: true });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kg build with the record cache', () => {
  it('a first build extracts everything and leaves a cache in the output folder', async () => {
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 4, extracted: 4, cached: 0 });
    expect(existsSync(path.join(out(), 'cache', 'index.json'))).toBe(true);
    expect(statSync(path.join(out(), 'cache', 'records.jsonl')).size).toBeGreaterThan(0);
  }, 60_000);

  it('a rebuild after adding one file extracts only that file, and gives what a build from scratch gives', async () => {
    writeFileSync(path.join(input(), 'only.txt'), ONLY_TEXT);
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 5, extracted: 1, cached: 4 });
    expect(names(out()).has(ONLY_PERSON)).toBe(true);
    sameOutput(out(), await fresh('fresh-added'));
    // --fresh-communities numbers by size, as the build from scratch does: then even the numbers agree.
    await build('--fresh-communities');
    expect(readFileSync(path.join(out(), 'graph.json'), 'utf8') === readFileSync(path.join(work, 'fresh-added', 'graph.json'), 'utf8')).toBe(true);
  }, 120_000);

  it('an entity only a deleted document mentioned disappears from graph.json; nothing is extracted', async () => {
    rmSync(path.join(input(), 'only.txt'));
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 4, extracted: 0, cached: 4 });
    expect(names(out()).has(ONLY_PERSON)).toBe(false);
    expect(graphOf(out()).nodes.some((n) => n.attributes.evidence?.some((e) => e.doc === 'only.txt'))).toBe(false);
    // The cache keeps only what the inputs use.
    const index = JSON.parse(readFileSync(path.join(out(), 'cache', 'index.json'), 'utf8'));
    expect(Object.keys(index.entries)).toHaveLength(4);
    expect(Object.keys(index.inputs).some((p) => p.endsWith('only.txt'))).toBe(false);
  }, 60_000);

  it('a changed file gets a new record', async () => {
    const file = path.join(input(), 'news/standing-meeting.txt');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n5月9日，副市长林澈调研湘江动力集团。\n`);
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 4, extracted: 1, cached: 3 });
    expect(names(out()).has(ONLY_PERSON)).toBe(true);
    sameOutput(out(), await fresh('fresh-changed'));
  }, 60_000);

  it('a cached record reused under another doc id carries the new id, in graph.json and texts/', async () => {
    // news/division.txt holds the id division.txt, so notices/division.txt got a longer one; with the first
    // gone (moved out of the inputs), the second becomes division.txt.
    renameSync(path.join(input(), 'news/division.txt'), path.join(work, 'division-aside.txt'));
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 3, extracted: 0, cached: 3 });
    const docs = graphOf(out()).nodes.filter((n) => n.attributes.type === 'Document').map((n) => n.attributes.name);
    expect(docs).toContain('division.txt');
    sameOutput(out(), await fresh('fresh-renamed'));
    renameSync(path.join(work, 'division-aside.txt'), path.join(input(), 'news/division.txt'));
  }, 60_000);

  it('a cache written by another extractor version is not used', async () => {
    await build();
    const indexFile = path.join(out(), 'cache', 'index.json');
    const index = JSON.parse(readFileSync(indexFile, 'utf8'));
    writeFileSync(indexFile, JSON.stringify({ ...index, extractor: 'an older extractor' }));
    const run = await build();
    expect(summaryOf(run.stderr)).toEqual({ documents: 4, extracted: 4, cached: 0 });
    expect(run.stderr).toMatch(/^note: not using the record cache of .*: the extractor changed since it was written$/m);
    expect(summaryOf((await build()).stderr)).toEqual({ documents: 4, extracted: 0, cached: 4 });
  }, 60_000);

  it('a damaged records file means extracting again, not a broken build', async () => {
    await build();
    const pack = path.join(out(), 'cache', 'records.jsonl');
    const bytes = readFileSync(pack);
    bytes[Math.floor(bytes.length / 2)] ^= 0x55; // one record's bytes no longer match its checksum
    writeFileSync(pack, bytes);
    expect(summaryOf((await build()).stderr)).toEqual({ documents: 4, extracted: 1, cached: 3 });
    writeFileSync(pack, bytes.subarray(0, 10)); // and a records file cut short: every record is extracted
    expect(summaryOf((await build()).stderr)).toEqual({ documents: 4, extracted: 4, cached: 0 });
    sameOutput(out(), await fresh('fresh-damaged'));
  }, 60_000);

  it('--no-cache extracts every file (and still leaves a cache for the next build)', async () => {
    expect(summaryOf((await build('--no-cache')).stderr)).toEqual({ documents: 4, extracted: 4, cached: 0 });
    expect(summaryOf((await build()).stderr)).toEqual({ documents: 4, extracted: 0, cached: 4 });
  }, 60_000);

  it('a build that fails leaves the previous output and its cache usable', async () => {
    const empty = path.join(work, 'empty-in');
    mkdirSync(empty);
    writeFileSync(path.join(empty, 'empty.txt'), '');
    const failed = await runKg(['build', 'empty-in', '--out', 'out', '--no-progress'], { cwd: work });
    expect(failed.code).not.toBe(0);
    expect(summaryOf((await build()).stderr)).toEqual({ documents: 4, extracted: 0, cached: 4 });
  }, 60_000);
});

describe('the extractor version and cache keys', () => {
  it('changes when any file of the extractor or its data changes, and not otherwise', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-version-'));
    try {
      mkdirSync(path.join(dir, 'extract'));
      mkdirSync(path.join(dir, 'data'));
      writeFileSync(path.join(dir, 'extract', 'stage.js'), 'export const x = 1;');
      writeFileSync(path.join(dir, 'data', 'titles.tsv'), '市长\n');
      const sources = { paths: [path.join(dir, 'extract'), path.join(dir, 'data')], packages: ['zod'] };
      const before = extractorVersion(sources);
      expect(extractorVersion(sources)).toBe(before);
      writeFileSync(path.join(dir, 'data', 'titles.tsv'), '市长\n副市长\n');
      const lexiconChanged = extractorVersion(sources);
      expect(lexiconChanged).not.toBe(before);
      writeFileSync(path.join(dir, 'extract', 'stage.js'), 'export const x = 2;');
      expect(extractorVersion(sources)).not.toBe(lexiconChanged);
      expect(extractorVersion({ ...sources, packages: [] })).not.toBe(extractorVersion(sources));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keys: the same bytes under an HTML name are another document; withDoc renames every doc reference', () => {
    const bytes = Buffer.from('<p>市长</p>');
    expect(cacheKey(bytes, 'a.txt')).toBe(cacheKey(bytes, 'b.txt'));
    expect(cacheKey(bytes, 'a.html')).not.toBe(cacheKey(bytes, 'a.txt'));
    const record = { doc: 'a.txt', chars: 3, mentions: [{ id: 'm1', type: 'Person', name: '林澈', aliases: [], evidence: [{ doc: 'a.txt', start: 0, end: 2 }] }], relations: [] };
    expect(JSON.parse(Buffer.from(withDoc(Buffer.from(JSON.stringify(record)), 'b.txt')).toString('utf8'))).toEqual({ ...record, doc: 'b.txt', mentions: [{ ...record.mentions[0], evidence: [{ doc: 'b.txt', start: 0, end: 2 }] }] });
  });
});

describe('planDelta: the difference a database update applies', () => {
  const ev = (doc: string) => [{ doc, start: 0, end: 2, text: '句子' }];
  const node = (type: string, name: string, docs: string[], extra: Record<string, unknown> = {}) => ({
    key: `${type}:${name}`, attributes: { type, name, aliases: [], evidence: docs.flatMap(ev), community: 0, ...extra },
  });
  const doc = (name: string) => ({ key: `Document:${name}`, attributes: { type: 'Document', name } });
  const edge = (type: string, source: string, target: string, docs: string[]) => ({ source, target, attributes: { type, evidence: docs.flatMap(ev) } });
  const graph = (nodes: unknown[], edges: unknown[]) => ({ attributes: {}, options: { type: 'directed', multi: false, allowSelfLoops: true }, nodes, edges });

  const before = planLoad(graph(
    [doc('a.txt'), doc('b.txt'), node('Person', '林澈', ['a.txt']), node('Person', '唐振宇', ['a.txt', 'b.txt']),
      node('Place', '株洲市', ['b.txt'], { level: 'city', code: '430200' }), node('Organization', '株洲市人民政府', ['b.txt'])],
    [edge('MENTIONS', 'Document:a.txt', 'Person:林澈', ['a.txt']), edge('LOCATED_IN', 'Organization:株洲市人民政府', 'Place:株洲市', ['b.txt']),
      edge('PRESIDES', 'Person:唐振宇', 'Organization:株洲市人民政府', ['a.txt'])],
  ));
  const after = planLoad(graph(
    [doc('b.txt'), node('Person', '唐振宇', ['b.txt']), node('Place', '株洲市', ['b.txt'], { level: 'county', code: '430200' }), node('Organization', '株洲市人民政府', ['b.txt'])],
    [edge('LOCATED_IN', 'Organization:株洲市人民政府', 'Place:株洲市', ['b.txt'])],
  ));

  it('deletes what is gone, writes what changed, leaves the rest, and rewrites a Place whose level changed with its relationships', () => {
    const delta = planDelta([before], after);
    const rows = <T extends { rows: unknown[] }>(groups: T[], pick: (row: any) => string) => groups.flatMap((g) => g.rows.map(pick)).sort();
    expect(rows(delta.deleteNodes, (r) => r.name)).toEqual(['a.txt', '林澈', '株洲市'].sort());
    expect(rows(delta.deleteRels, (r) => `${r.source}->${r.target}`)).toEqual(['a.txt->林澈', '唐振宇->株洲市人民政府'].sort());
    expect(rows(delta.writeNodes, (r) => r.name)).toEqual(['唐振宇', '株洲市'].sort());
    expect(delta.writeNodes.find((g) => g.type === 'Place')?.level).toBe('county');
    expect(rows(delta.writeRels, (r) => `${r.source}->${r.target}`)).toEqual(['株洲市人民政府->株洲市']);
    expect(delta.counts).toMatchObject({ unchangedNodes: 2, unchangedRels: 0 });
  });

  it('an update to the same graph writes nothing; writeAll writes everything', () => {
    expect(planDelta([after], after).counts).toEqual({ deletedNodes: 0, deletedRels: 0, writtenNodes: 0, movedNodes: 0, writtenRels: 0, unchangedNodes: 4, unchangedRels: 1 });
    expect(planDelta([after], after, true).counts).toMatchObject({ writtenNodes: 4, writtenRels: 1 });
  });

  it('a node whose only change is its community is moved, not written again', () => {
    const moved = planLoad(graph(
      [doc('b.txt'), node('Person', '唐振宇', ['b.txt'], { community: 3 }), node('Place', '株洲市', ['b.txt'], { level: 'county', code: '430200' }), node('Organization', '株洲市人民政府', ['b.txt'])],
      [edge('LOCATED_IN', 'Organization:株洲市人民政府', 'Place:株洲市', ['b.txt'])],
    ));
    const delta = planDelta([after], moved);
    expect(delta.counts).toMatchObject({ writtenNodes: 0, movedNodes: 1, unchangedNodes: 3, writtenRels: 0 });
    expect(delta.moveNodes).toEqual([{ type: 'Person', rows: [{ name: '唐振宇', community: 3 }] }]);
  });

  it('after an update cut short, what either earlier graph had and the new one lacks is deleted', () => {
    const delta = planDelta([after, before], after);
    expect(delta.counts.deletedNodes).toBe(3);
    expect(delta.counts.deletedRels).toBe(2);
  });
});
