// kg eval, kg check-gold and npm run eval (scripts/eval.mjs) on the fixture corpus in
// test/fixtures/eval/corpus (docs/, gold/<doc>.json, split.tsv), and the scorer's rules on
// hand-made graphs: name folding per type, precision only over exhaustive documents,
// HOLDS_POSITION titles reported apart, per-document gold files merged.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGold } from '../src/eval/check.js';
import { GoldFile, mergeGold } from '../src/eval/gold.js';
import { scoreGraph, type Score } from '../src/eval/score.js';
import { isEntity, type ExportedGraph } from '../src/graph/contract.js';
import { repoRoot, runKg } from './kg-process.js';

const corpus = path.join(repoRoot, 'test/fixtures/eval/corpus');
const goldDir = path.join(corpus, 'gold');
const docsDir = path.join(corpus, 'docs');
const readGoldJson = (file: string) => GoldFile.parse(JSON.parse(readFileSync(path.join(goldDir, file), 'utf8')));

let work: string;
beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-eval-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

// A tiny graph in the exported format, written by hand so the expected scores are obvious.
function graph(nodes: Array<[string, string, string[], string]>, edges: Array<[string, string, string, string?]>): ExportedGraph {
  const ev = (doc: string) => [{ doc, start: 0, end: 1 }];
  return {
    attributes: {}, options: { type: 'directed', multi: true, allowSelfLoops: false },
    nodes: nodes.map(([type, name, aliases, doc]) => ({ key: `${type}:${name}`, attributes: { type: type as never, name, aliases, evidence: ev(doc), community: 0 } })),
    edges: edges.map(([type, source, target, title]) => ({ source, target, attributes: { type: type as never, evidence: ev('a.txt'), ...(title ? { title } : {}) } })),
  };
}
const gold = (partial: Partial<GoldFile>): GoldFile => GoldFile.parse({
  entityTypes: ['Person', 'Place', 'Organization', 'Industry', 'Project'], relationTypes: ['HOLDS_POSITION'],
  docs: { 'a.txt': { exhaustive: true }, 'b.txt': { exhaustive: false } }, entities: [], relations: [], ...partial,
});
const row = (block: Score['entities'], type: string) => block.byType.find((r) => r.type === type)!;

describe('scoreGraph', () => {
  it('folds place suffixes, industry and project endings, and matches gold aliases', () => {
    const g = graph([['Place', '柏溪区', [], 'a.txt'], ['Industry', '特种合金', [], 'a.txt'], ['Project', '钢联高纯铁', [], 'a.txt'], ['Organization', '青岚市政府', [], 'a.txt']], []);
    const score = scoreGraph(g, gold({
      entities: [
        { type: 'Place', name: '柏溪', aliases: [], docs: ['a.txt'] }, { type: 'Industry', name: '特种合金产业链', aliases: [], docs: ['a.txt'] },
        { type: 'Project', name: '钢联高纯铁项目', aliases: [], docs: ['a.txt'] },
        { type: 'Organization', name: '青岚市人民政府', aliases: ['青岚市政府'], docs: ['a.txt'] },
      ],
    }));
    expect(score.entities.micro).toEqual({ p: 1, r: 1, f1: 1 });
    // 古县 keeps its 县: two characters are too few to fold, so 古 does not match it.
    const short = scoreGraph(graph([['Place', '古', [], 'a.txt']], []), gold({ entities: [{ type: 'Place', name: '古县', aliases: [], docs: ['a.txt'] }] }));
    expect(row(short.entities, 'Place')).toMatchObject({ gold: 1, found: 0, extracted: 1, correct: 0, spurious: ['古'] });
  });

  it('counts precision only over items seen in an exhaustive document; recall over every gold item', () => {
    const g = graph([['Person', '周明远', [], 'a.txt'], ['Person', '无名氏', [], 'b.txt'], ['Person', '路人甲', [], 'a.txt']], []);
    const score = scoreGraph(g, gold({ entities: [{ type: 'Person', name: '周明远', aliases: [], docs: ['a.txt'] }, { type: 'Person', name: '韩思齐', aliases: [], docs: ['b.txt'] }] }));
    // 无名氏 is only in b.txt (partial gold): not counted. 路人甲 in a.txt is spurious.
    expect(row(score.entities, 'Person')).toMatchObject({ gold: 2, found: 1, extracted: 2, correct: 1, p: 0.5, r: 0.5, missed: ['韩思齐'], spurious: ['路人甲'] });
  });

  it('finds a HOLDS_POSITION whatever its title and reports title agreement apart', () => {
    const g = graph([['Person', '周明远', [], 'a.txt'], ['Organization', '青岚市人民政府', [], 'a.txt']],
      [['HOLDS_POSITION', 'Person:周明远', 'Organization:青岚市人民政府', '副市长']]);
    const score = scoreGraph(g, gold({
      entities: [{ type: 'Person', name: '周明远', aliases: [], docs: ['a.txt'] }, { type: 'Organization', name: '青岚市人民政府', aliases: [], docs: ['a.txt'] }],
      relations: [{ type: 'HOLDS_POSITION', from: { type: 'Person', name: '周明远' }, to: { type: 'Organization', name: '青岚市人民政府' }, title: '市长', docs: ['a.txt'] }],
    }));
    expect(row(score.relations, 'HOLDS_POSITION')).toMatchObject({ gold: 1, found: 1, correct: 1, titled: 1, titleOk: 0 });
  });
});

describe('mergeGold', () => {
  it('makes the same type and name one entity with docs and aliases unioned, the same relation one relation', () => {
    const merged = mergeGold([readGoldJson('qinglan-fengong.txt.json'), readGoldJson('qinglan-npc.txt.json')]);
    const zhou = merged.entities.filter((e) => e.name === '周明远');
    expect(zhou).toHaveLength(1);
    expect(zhou[0].docs).toEqual(['qinglan-fengong.txt', 'qinglan-npc.txt']);
    const gov = merged.entities.find((e) => e.name === '青岚市人民政府')!;
    expect(gov.aliases).toEqual(['市政府', '青岚市政府']);
    expect(merged.relations.filter((r) => r.type === 'HOLDS_POSITION' && r.from.name === '周明远' && r.title === '市长')).toHaveLength(1);
    expect(Object.keys(merged.docs)).toEqual(['qinglan-fengong.txt', 'qinglan-npc.txt']);
  });

  it('keeps a document exhaustive only if every file covering it says so', () => {
    const a = gold({ docs: { 'a.txt': { exhaustive: true } } }), b = gold({ docs: { 'a.txt': { exhaustive: false } } });
    expect(mergeGold([a, b]).docs['a.txt'].exhaustive).toBe(false);
  });
});

describe('checkGold', () => {
  it('names every problem: evidence not in the doc, an unknown endpoint, a duplicate, an undeclared type, a name given twice', () => {
    const g = gold({
      entityTypes: ['Person'],
      docs: { 'a.txt': { exhaustive: true } },
      entities: [
        { type: 'Person', name: '周明远', aliases: [], docs: ['a.txt'], evidence: '市长周明远' },
        { type: 'Person', name: '周明远', aliases: [], docs: ['a.txt'], evidence: '周明远' },
        { type: 'Person', name: '韩思齐', aliases: ['周明远'], docs: ['a.txt'], evidence: '不在文中' },
        { type: 'Place', name: '青岚市', aliases: [], docs: ['c.txt'] },
      ],
      relations: [{ type: 'HOLDS_POSITION', from: { type: 'Person', name: '周明远' }, to: { type: 'Organization', name: '青岚市人民政府' }, docs: ['a.txt'], evidence: '市长周明远' }],
    });
    const problems = checkGold(g, new Map([['a.txt', '市长周明远：主持市政府全面工作。']]));
    expect(problems).toEqual([
      'entity Person:周明远 is listed twice',
      'entity Person:韩思齐: evidence not in a.txt: 不在文中',
      'entity Place:青岚市: type Place is not in "entityTypes"',
      'entity Place:青岚市: doc c.txt is not listed in "docs"',
      'entity Place:青岚市: no evidence',
      'name Person:周明远 belongs to both 周明远 and 韩思齐',
      'relation HOLDS_POSITION 周明远 -> 青岚市人民政府: endpoint Organization:青岚市人民政府 is not an entity\'s name or alias',
    ]);
  });
});

describe('kg eval and kg check-gold', () => {
  let graphFile: string;
  beforeAll(async () => {
    const out = path.join(work, 'all');
    const build = await runKg(['build', docsDir, '--out', out, '--jobs', '1']);
    expect(build.code).toBe(0);
    graphFile = path.join(out, 'graph.json');
  });

  it('scores a graph against a folder of per-document gold files as one merged gold, as JSON', async () => {
    const run = await runKg(['eval', graphFile, '--gold', goldDir, '--json']);
    expect(run.code).toBe(0);
    const score = JSON.parse(run.stdout) as Score;
    // 周明远 is in two gold files and counts once; 沈若兰 and 韩思齐 are the others.
    expect(row(score.entities, 'Person')).toMatchObject({ gold: 3, found: 3, extracted: 3, correct: 3 });
    // The extractor makes 市总工会 an Area; the gold says Organization: one spurious Area.
    expect(row(score.entities, 'Area')).toMatchObject({ gold: 3, found: 3, extracted: 4, correct: 3, p: 0.75, r: 1 });
    // baixi-report.txt's gold is partial: its items feed recall only, so Project has no precision.
    expect(row(score.entities, 'Project')).toMatchObject({ gold: 2, found: 2, extracted: 0, p: null, r: 1, f1: null });
    expect(row(score.relations, 'OVERSEES')).toMatchObject({ gold: 5, found: 3, extracted: 4, correct: 3 });
    expect(score.relations.micro.r).toBeCloseTo(5 / 13);
  });

  it('prints a text table per type with micro totals; --details lists what was missed', async () => {
    const run = await runKg(['eval', graphFile, '--gold', path.join(goldDir, 'qinglan-fengong.txt.json'), '--details']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toBe('ENTITIES         gold  found  extr  corr      P      R     F1');
    expect(lines).toContain('  Area              3      3     4     3   75.0  100.0   85.7');
    expect(lines).toContain('      missed:   青岚市人民政府 | 青岚市总工会');
    expect(lines.at(-1)).toMatch(/^entity F1 [\d.]+ {2}relation F1 [\d.]+$/);
  });

  it('a broken gold file or graph is one line naming the file, exit 1', async () => {
    const bad = path.join(work, 'bad.gold.json');
    writeFileSync(bad, JSON.stringify({ entityTypes: ['Person'], relationTypes: [], docs: {}, entities: [{ type: 'Spaceship', name: 'x' }], relations: [] }));
    const run = await runKg(['eval', graphFile, '--gold', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^kg: ${bad.replace(/[.]/g, '\\.')}: not a gold file .*entities\\.0\\.type`))]);
    const noGraph = await runKg(['eval', path.join(work, 'missing.json'), '--gold', goldDir]);
    expect(noGraph.code).toBe(1);
    expect(noGraph.stderr).toMatch(/missing\.json: cannot read graph/);
    const noGoldOption = await runKg(['eval', graphFile]);
    expect(noGoldOption.code).not.toBe(0);
    expect(noGoldOption.stderr).toMatch(/--gold/);
  });

  it('check-gold passes the fixture gold and names the file and the problem when evidence is not in the text', async () => {
    const ok = await runKg(['check-gold', goldDir, docsDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout.trim().split('\n').at(-1)).toBe('gold ok');
    const dir = path.join(work, 'gold-bad');
    cpSync(goldDir, dir, { recursive: true });
    const file = path.join(dir, 'qinglan-npc.txt.json');
    const g = JSON.parse(readFileSync(file, 'utf8'));
    g.entities[0].evidence = '市长周明远讲话';
    writeFileSync(file, JSON.stringify(g));
    const bad = await runKg(['check-gold', dir, docsDir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('qinglan-npc.txt.json: entity Person:周明远: evidence not in qinglan-npc.txt: 市长周明远讲话');
    expect(bad.stdout.trim().split('\n').at(-1)).toBe('1 problem(s)');
  });
});

describe('npm run eval (scripts/eval.mjs)', () => {
  const script = path.join(repoRoot, 'scripts/eval.mjs');
  it('builds each split\'s documents into <out>/eval-<split> and prints its table, dev then test', () => {
    const out = path.join(work, 'eval-out');
    const run = spawnSync(process.execPath, [script, '--corpus', corpus, '--out', out], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const heads = run.stdout.split('\n').filter((l) => l.startsWith('== '));
    expect(heads).toEqual(['== dev: 2 document(s)', '== test: 1 document(s)']);
    // Only the split's own documents are built.
    expect(readFileSync(path.join(out, 'eval-test/report.md'), 'utf8')).not.toContain('qinglan-npc.txt');
    const dev = JSON.parse(readFileSync(path.join(out, 'eval-dev/graph.json'), 'utf8')) as ExportedGraph;
    expect(new Set(dev.nodes.flatMap((n) => (isEntity(n.attributes) ? n.attributes.evidence.map((e) => e.doc) : [n.attributes.name])))).toEqual(new Set(['qinglan-fengong.txt', 'qinglan-npc.txt']));
    const testTable = run.stdout.slice(run.stdout.indexOf('== test'));
    expect(testTable).toContain('  Project           2      2     0     0    -    100.0    -  ');
  });

  it('says so and exits 1 when the corpus has no split.tsv', () => {
    const empty = mkdtempSync(path.join(work, 'no-corpus-'));
    const run = spawnSync(process.execPath, [script, '--corpus', empty], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toMatch(/^eval: .*split\.tsv not found/);
  });
});

// The scorer's semantics are those of the shared evaluation's score.mjs; where that folder sits
// beside the checkout (the developers' machines, CI), both must print the same numbers.
const sharedScorer = path.resolve(repoRoot, '../shared/eval/score.mjs');
describe.skipIf(!existsSync(sharedScorer))('agreement with ../shared/eval/score.mjs', () => {
  it('gives the same JSON on the fixture corpus', async () => {
    const out = path.join(work, 'parity');
    expect((await runKg(['build', docsDir, '--out', out, '--jobs', '1'])).code).toBe(0);
    const merged = path.join(work, 'merged.gold.json');
    writeFileSync(merged, JSON.stringify(mergeGold(['baixi-report.txt.json', 'qinglan-fengong.txt.json', 'qinglan-npc.txt.json'].map(readGoldJson))));
    const theirs = spawnSync(process.execPath, [sharedScorer, '--gold', merged, '--graph', path.join(out, 'graph.json'), '--json'], { encoding: 'utf8' });
    const ours = await runKg(['eval', path.join(out, 'graph.json'), '--gold', goldDir, '--json']);
    expect(JSON.parse(ours.stdout)).toEqual(JSON.parse(theirs.stdout));
  });
});
