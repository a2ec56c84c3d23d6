// Community numbers across rebuilds, through the real compiled `kg build`: a generated corpus (hundreds of
// communities) is built, then built again into the same folder with one more document. The mapping itself
// is tested on hand-made partitions in community-numbers.test.ts.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus, generateDocument } from '../bench/generate.mjs';
import { COMMUNITY_FILE } from '../src/cli/community-file.js';
import { CommunityNumbers } from '../src/graph/community-numbers.js';
import { runKg } from './kg-process.js';

const SEED = 1;
let work: string;
let docs: string;
let firstDocs: number;
const added = () => path.join(work, 'added');

const build = async (out: string, ...extra: string[]) => {
  const run = await runKg(['build', docs, added(), '--out', out, '--jobs', '2', '--no-progress', ...extra], { cwd: work });
  expect(run.code, run.stderr).toBe(0);
  return run;
};

interface Graph {
  attributes: { communities: number };
  nodes: Array<{ key: string; attributes: { type: string; community?: number } }>;
  edges: Array<{ source: string; target: string; attributes: { type: string } }>;
}
const graphOf = (out: string) => JSON.parse(readFileSync(path.join(work, out, 'graph.json'), 'utf8')) as Graph;
/** Entity key → community. */
const communitiesOf = (graph: Graph) => new Map(graph.nodes.filter((n) => n.attributes.community !== undefined).map((n) => [n.key, n.attributes.community!]));

let before: Map<string, number>;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-communities-'));
  const corpus = generateCorpus({ dir: path.join(work, 'corpus'), targetBytes: 2 * 1024 * 1024, seed: SEED });
  docs = corpus.docsDir;
  firstDocs = corpus.docs;
  mkdirSync(added());
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('community numbers across rebuilds', () => {
  it('a first build numbers communities by size (0 the largest, ties by the smallest member key) and keeps them in communities.json', async () => {
    const run = await build('out');
    expect(run.stderr).not.toMatch(/note: numbering communities/);
    const graph = graphOf('out');
    before = communitiesOf(graph);
    const members = new Map<number, string[]>();
    for (const [key, c] of before) members.set(c, [...(members.get(c) ?? []), key]);
    expect(graph.attributes.communities).toBe(members.size);
    expect(members.size).toBeGreaterThan(100);
    const numbers = [...members.keys()].sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_n, i) => i));
    const smallest = (c: number) => members.get(c)!.reduce((a, b) => (b < a ? b : a));
    for (let c = 1; c < numbers.length; c++) {
      const [larger, smaller] = [members.get(c - 1)!.length, members.get(c)!.length];
      expect(larger).toBeGreaterThanOrEqual(smaller);
      if (larger === smaller) expect(smallest(c - 1) < smallest(c)).toBe(true);
    }
    const kept = CommunityNumbers.parse(JSON.parse(readFileSync(path.join(work, 'out', COMMUNITY_FILE), 'utf8')));
    expect(new Map(kept.keys.map((k, i) => [k, kept.community[i]]))).toEqual(before);
    expect(kept.next).toBe(members.size);
    expect(readFileSync(path.join(work, 'out', 'report.md'), 'utf8')).toContain('Numbered by size: 0 is the largest.');
  }, 180_000);

  it('a rebuild with one more document keeps the number of every entity outside the communities that document touches', async () => {
    const doc = generateDocument(SEED, firstDocs);
    const name = path.basename(doc.relPath);
    writeFileSync(path.join(added(), name), doc.bytes);
    const run = await build('out');
    expect(run.stderr).toMatch(/\(1 extracted, \d+ from the cache\)/);
    const graph = graphOf('out');
    const after = communitiesOf(graph);
    // What the document touches: the entities it mentions (new ones included).
    const touched = graph.edges.filter((e) => e.attributes.type === 'MENTIONS' && e.source === `Document:${name}`).map((e) => e.target);
    expect(touched.length).toBeGreaterThan(0);
    const affected = new Set(touched.map((k) => after.get(k)!));
    const outside = [...after.keys()].filter((k) => before.has(k) && !affected.has(after.get(k)!));
    expect(outside.length).toBeGreaterThan(before.size / 2);
    expect(outside.filter((k) => after.get(k) !== before.get(k))).toEqual([]);
    // A community without a previous match gets a new number: the first build used 0 … k−1, so k, k+1, …
    const k = new Set(before.values()).size;
    const fresh = [...new Set(after.values())].filter((c) => c >= k).sort((a, b) => a - b);
    expect(fresh).toEqual(fresh.map((_c, i) => k + i));
    expect(readFileSync(path.join(work, 'out', 'report.md'), 'utf8'))
      .toContain(`Numbers kept from the previous build in this folder: ${graph.attributes.communities - fresh.length} of the ${graph.attributes.communities} communities`);

    // Not vacuous: numbered by size, as before this change, many of those entities get another number.
    await build('fresh');
    const bySize = communitiesOf(graphOf('fresh'));
    expect(outside.filter((k) => bySize.get(k) !== before.get(k)).length).toBeGreaterThan(0);
    // The same partition either way: only the numbers differ.
    const pairs = new Set([...after].map(([k, c]) => `${c}\u0000${bySize.get(k)}`));
    expect(pairs.size).toBe(new Set(after.values()).size);
    expect(pairs.size).toBe(graph.attributes.communities);
  }, 300_000);

  it('a rebuild with nothing changed writes the same graph.json, numbers and all', async () => {
    const previous = readFileSync(path.join(work, 'out', 'graph.json'));
    await build('out');
    expect(readFileSync(path.join(work, 'out', 'graph.json')).equals(previous)).toBe(true);
  }, 180_000);

  it('a damaged communities.json gets one note and the numbering by size, and a valid one is written again', async () => {
    const bySize = readFileSync(path.join(work, 'fresh', 'graph.json'));
    writeFileSync(path.join(work, 'fresh', COMMUNITY_FILE), '{"version":1,"next":2,"keys":["a"],"community":[7]}\n');
    const run = await build('fresh');
    expect(run.stderr).toMatch(/^note: numbering communities afresh, not after the previous build in fresh: communities\.json does not match its schema/m);
    expect(readFileSync(path.join(work, 'fresh', 'graph.json')).equals(bySize)).toBe(true);
    CommunityNumbers.parse(JSON.parse(readFileSync(path.join(work, 'fresh', COMMUNITY_FILE), 'utf8')));
  }, 180_000);
});
