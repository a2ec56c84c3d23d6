// The compact reduce (src/graph/store.ts), the streamed writers (src/graph/export.ts) and the evidence
// text file (src/graph/texts.ts): the streamed files must say exactly what the graphology graph says.
import { DirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocRecord, Mention, Relation } from '../src/extract/records.js';
import { buildGraph, MAX_EVIDENCE, toGraphology } from '../src/graph/build.js';
import { assignCommunities, assignStoreCommunities } from '../src/graph/communities.js';
import { writeGraphFiles } from '../src/graph/export.js';
import { renderReport } from '../src/graph/report.js';
import { reduceRecords } from '../src/graph/store.js';
import { FileTexts, MemoryTexts } from '../src/graph/texts.js';
import { GraphValidationError } from '../src/graph/validate.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-store-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const mention = (doc: string, id: string, type: Mention['type'], name: string, at: number, extra: Partial<Mention> = {}): Mention =>
  ({ id, type, name, aliases: [], evidence: [{ doc, start: at, end: at + 3 }], ...extra });
const rel = (doc: string, type: Relation['type'], from: string, to: string, at: number, text: string, extra: Partial<Relation> = {}): Relation =>
  ({ type, from, to, evidence: [{ doc, start: at, end: at + 3, text }], ...extra });

/** Three documents: a body named two ways (resolution merges them), a chain, a place hierarchy, a title given late. */
function records(): DocRecord[] {
  return [
    {
      doc: 'a.txt', chars: 500, place: '临汾市', title: '临汾市人民政府常务会议', date: '2024-01-05',
      mentions: [
        mention('a.txt', 'p1', 'Person', '韩立群', 10),
        mention('a.txt', 'o1', 'Organization', '临汾市政府', 20, { aliases: ['市政府'] }),
        mention('a.txt', 'm1', 'Meeting', '临汾市人民政府第八次常务会议', 40),
        mention('a.txt', 'x1', 'Place', '临汾市', 60, { level: 'city', code: '141000' }),
        mention('a.txt', 'x2', 'Place', '古县', 70, { level: 'county', code: '141025' }),
      ],
      relations: [
        rel('a.txt', 'HOLDS_POSITION', 'p1', 'o1', 10, '市长韩立群主持会议。', { title: '市长' }),
        rel('a.txt', 'PRESIDES', 'p1', 'm1', 10, '市长韩立群主持会议。'),
        rel('a.txt', 'ADDRESSES', 'p1', 'm1', 90, '韩立群作报告。'),
      ],
    },
    {
      doc: 'b.txt', chars: 400,
      mentions: [
        mention('b.txt', 'p1', 'Person', '韩立群', 5),
        mention('b.txt', 'o1', 'Organization', '临汾市人民政府', 15, { aliases: ['临汾市政府'] }),
        mention('b.txt', 'm1', 'Meeting', '临汾市人民政府第八次常务会议', 30),
        mention('b.txt', 'e1', 'Enterprise', '宏远', 100),
        mention('b.txt', 'e2', 'Enterprise', '宏远集团', 130),
        mention('b.txt', 'j1', 'Project', '宏远铸造', 160),
      ],
      relations: [
        rel('b.txt', 'HOLDS_POSITION', 'p1', 'o1', 5, '临汾市人民政府市长韩立群 & "说明" <b>', { title: '市长' }),
        rel('b.txt', 'ADDRESSES', 'p1', 'm1', 35, '韩立群作政府工作报告。', { title: '政府工作报告' }),
        rel('b.txt', 'UNDERTAKES', 'e1', 'j1', 100, '宏远实施宏远铸造项目。'),
        rel('b.txt', 'UNDERTAKES', 'e2', 'j1', 130, '宏远集团投资宏远铸造。\u0007'),
        rel('b.txt', 'OVERSEES', 'p1', 'o1', 200, '韩立群分管临汾市政府。', { basis: '分管' }),
      ],
    },
    // The same person in many documents: evidence stops at MAX_EVIDENCE.
    ...Array.from({ length: MAX_EVIDENCE + 5 }, (_v, i): DocRecord => ({
      doc: `c${String(i).padStart(2, '0')}.txt`, chars: 100,
      mentions: [mention(`c${String(i).padStart(2, '0')}.txt`, 'p', 'Person', '韩立群', i)],
      relations: [],
    })),
  ];
}

const docChars = new Map(records().map((r) => [r.doc, r.chars]));

function storeWithCommunities(texts = new MemoryTexts()) {
  const store = reduceRecords(records(), texts);
  const summary = assignStoreCommunities(store);
  store.attributes.communities = summary.count;
  if (Number.isFinite(summary.modularity)) store.attributes.modularity = summary.modularity;
  return { store, summary };
}

function graphWithCommunities() {
  const graph = buildGraph(records());
  const summary = assignCommunities(graph);
  graph.setAttribute('communities', summary.count);
  if (Number.isFinite(summary.modularity)) graph.setAttribute('modularity', summary.modularity);
  return { graph, summary };
}

describe('reduceRecords', () => {
  it('resolves across documents: one node per entity, evidence in record order, capped, no duplicates', () => {
    const graph = buildGraph(records());
    expect(graph.hasNode('Organization:临汾市人民政府')).toBe(true);
    expect(graph.hasNode('Organization:临汾市政府')).toBe(false);
    expect(graph.getNodeAttribute('Organization:临汾市人民政府', 'evidence')).toEqual([{ doc: 'a.txt', start: 20, end: 23 }, { doc: 'b.txt', start: 15, end: 18 }]);
    expect(graph.getNodeAttribute('Organization:临汾市人民政府', 'aliases')).toEqual(expect.arrayContaining(['临汾市政府', '市政府']));
    const person = graph.getNodeAttribute('Person:韩立群', 'evidence');
    expect(person).toHaveLength(MAX_EVIDENCE);
    expect(person.slice(0, 3).map((e) => e.doc)).toEqual(['a.txt', 'b.txt', 'c00.txt']);
    // 宏远 and 宏远集团 are one enterprise (the longer name): its two UNDERTAKES merge into one edge with both sentences.
    expect(graph.hasNode('Enterprise:宏远')).toBe(false);
    const undertakes = graph.getEdgeAttributes('UNDERTAKES|Enterprise:宏远集团|Project:宏远铸造|');
    expect(undertakes.evidence.map((e) => e.text)).toEqual(['宏远实施宏远铸造项目。', '宏远集团投资宏远铸造。\u0007']);
  });

  it('keeps one HOLDS_POSITION per title, the first basis, and the first title given to an edge', () => {
    const graph = buildGraph(records());
    const holds = graph.getEdgeAttributes('HOLDS_POSITION|Person:韩立群|Organization:临汾市人民政府|市长');
    expect(holds.evidence.map((e) => e.doc)).toEqual(['a.txt', 'b.txt']);
    expect(holds.evidence[1].text).toBe('临汾市人民政府市长韩立群 & "说明" <b>');
    // The first ADDRESSES had no title; the second gives it.
    expect(graph.getEdgeAttribute('ADDRESSES|Person:韩立群|Meeting:临汾市人民政府第八次常务会议|', 'title')).toBe('政府工作报告');
    expect(graph.getEdgeAttribute('OVERSEES|Person:韩立群|Organization:临汾市人民政府|', 'basis')).toBe('分管');
    expect(graph.getEdgeAttribute('PART_OF|Place:古县|Place:临汾市|', 'evidence')).toEqual([{ doc: 'a.txt', start: 70, end: 73 }]);
  });

  it('adds a Document node per record and one MENTIONS edge per entity it names', () => {
    const graph = buildGraph(records());
    expect(graph.getNodeAttributes('Document:a.txt')).toEqual({ type: 'Document', name: 'a.txt', title: '临汾市人民政府常务会议', date: '2024-01-05', place: '临汾市' });
    // b.txt names 宏远 and 宏远集团: one entity, one MENTIONS edge, at the first place.
    const mentions = graph.outEdges('Document:b.txt').map((e) => graph.target(e));
    expect(mentions.filter((t) => t === 'Enterprise:宏远集团')).toHaveLength(1);
    expect(graph.getEdgeAttribute('MENTIONS|Document:b.txt|Enterprise:宏远集团|', 'evidence')).toEqual([{ doc: 'b.txt', start: 100, end: 103 }]);
    expect(graph.filterNodes((_n, a) => a.type === 'Document')).toHaveLength(records().length);
  });

  it('gives the same communities as Louvain on the graphology graph', () => {
    const { store } = storeWithCommunities();
    const { graph } = graphWithCommunities();
    store.nodeKey.forEach((key, i) => expect(store.community[i]).toBe(graph.getNodeAttribute(key, 'community')));
  });
});

describe('FileTexts', () => {
  it('gives back every text, across buffer flushes and read windows', () => {
    const texts = new FileTexts(path.join(tmp, 'texts.bin'));
    const put: Array<[string, ReturnType<FileTexts['put']>]> = [];
    for (let i = 0; i < 60_000; i++) {
      const text = `${'句子'.repeat(i % 97)}第${i}句。${i % 1000 === 0 ? '𠀀长'.repeat(5000) : ''}`;
      put.push([text, texts.put(text)]);
    }
    // Read out of order too: the window moves back and forth.
    for (const [text, ref] of put) expect(texts.get(ref)).toBe(text);
    for (let i = put.length - 1; i >= 0; i -= 7) expect(texts.get(put[i][1])).toBe(put[i][0]);
    texts.close();
  });
});

describe('streamed graph files', () => {
  it('graph.json is exactly graph.export() of the same graph, with the sentences read back from the text file', async () => {
    const { store } = storeWithCommunities(new FileTexts(path.join(tmp, 'json-texts.bin')));
    const out = path.join(tmp, 'json');
    await writeGraphFiles(store, out, { docChars });
    const streamed = JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8'));
    expect(streamed).toEqual(toGraphology(store).export());
    const { graph } = graphWithCommunities();
    expect(streamed).toEqual(graph.export());
    store.close();
  });

  it('the store writes the same bytes as the generic writers given the same graph as a graphology graph', async () => {
    // Sentences, names and titles with what JSON or XML escape or drop (quotes, markup, controls, U+FFFE,
    // a lone surrogate, an astral character): the store copies plain sentences as bytes, the others as strings.
    const odd = records();
    odd[1].relations.push(
      rel('b.txt', 'ATTENDS', 'p1', 'm1', 50, '韩立群出席\uFFFE会议\ud800。\t"<&>"\\', { title: '主持人 "甲" & <乙>' }),
      rel('b.txt', 'LOCATED_IN', 'o1', 'e1', 60, '𠀀宏远位于临汾。'),
    );
    odd[1].mentions.push(mention('b.txt', 'q1', 'Person', '张"三"<\u0001>', 300, { aliases: ['张三&'] }));
    odd[1].relations.push(rel('b.txt', 'HOLDS_POSITION', 'q1', 'o1', 300, '张"三"任职。', { title: '副<市长>' }));
    for (const [name, texts] of [['memory', new MemoryTexts()], ['file', new FileTexts(path.join(tmp, 'same-texts.bin'))]] as const) {
      const store = reduceRecords(odd, texts);
      const summary = assignStoreCommunities(store);
      store.attributes.communities = summary.count;
      const fast = path.join(tmp, `same-store-${name}`), generic = path.join(tmp, `same-graph-${name}`);
      await writeGraphFiles(store, fast, { docChars });
      await writeGraphFiles(toGraphology(store), generic, { docChars });
      for (const f of ['graph.json', 'graph.graphml', 'graph.gexf']) {
        expect(readFileSync(path.join(fast, f), 'utf8')).toBe(readFileSync(path.join(generic, f), 'utf8'));
      }
      expect(readFileSync(path.join(fast, 'graph.gexf'), 'utf8')).toContain('&lt;&amp;&gt;');
      store.close();
    }
  });

  it('graph.json written from a graphology graph is its export', async () => {
    const { graph } = graphWithCommunities();
    const out = path.join(tmp, 'from-graph');
    await writeGraphFiles(graph, out, { docChars });
    expect(JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8'))).toEqual(graph.export());
  });

  it('GraphML and GEXF parse back to the same nodes, edges and attributes', async () => {
    const { store } = storeWithCommunities();
    const out = path.join(tmp, 'xml');
    await writeGraphFiles(store, out, { docChars });
    const graph = toGraphology(store);
    for (const [file, parse] of [['graph.graphml', parseGraphml], ['graph.gexf', parseGexf]] as const) {
      const back = parse(DirectedGraph, readFileSync(path.join(out, file), 'utf8'));
      expect(back.order).toBe(graph.order);
      expect(back.size).toBe(graph.size);
      graph.forEachNode((key, a) => {
        const b = back.getNodeAttributes(key);
        expect(b.label).toBe(a.name);
        if (a.type !== 'Document') {
          expect(JSON.parse(b.evidence as string)).toEqual(a.evidence);
          expect(JSON.parse(b.aliases as string)).toEqual(a.aliases);
          expect(b.community).toBe(a.community);
        }
      });
      const holds = 'HOLDS_POSITION|Person:韩立群|Organization:临汾市人民政府|市长';
      const edge = back.edges().find((e) => e === holds || back.getEdgeAttribute(e, 'evidence') === JSON.stringify(graph.getEdgeAttribute(holds, 'evidence')));
      expect(edge).toBeDefined();
      expect(JSON.parse(back.getEdgeAttribute(edge!, 'evidence') as string)).toEqual(graph.getEdgeAttribute(holds, 'evidence'));
    }
  });

  it('checks the contract while writing, and leaves no file behind when the check fails', async () => {
    const { store } = storeWithCommunities();
    const out = path.join(tmp, 'bad');
    // b.txt is shorter than its evidence says.
    await expect(writeGraphFiles(store, out, { docChars: new Map([...docChars, ['b.txt', 50]]) })).rejects.toThrow(GraphValidationError);
    await expect(writeGraphFiles(store, out, { docChars: new Map([...docChars, ['b.txt', 50]]) })).rejects.toThrow(/past the end of b\.txt/);
    for (const f of ['graph.json', 'graph.graphml', 'graph.gexf']) expect(existsSync(path.join(out, f))).toBe(false);
  });

  it('fails, leaving no graph.json behind, when the thread writing GraphML and GEXF fails', async () => {
    const { store } = storeWithCommunities();
    const out = path.join(tmp, 'xml-fails');
    // A folder where graph.gexf should go: the worker cannot create the file.
    mkdirSync(path.join(out, 'graph.gexf'), { recursive: true });
    await expect(writeGraphFiles(store, out, { docChars })).rejects.toThrow(/writing GraphML and GEXF failed: .*EISDIR/);
    expect(existsSync(path.join(out, 'graph.json'))).toBe(false);
    expect(existsSync(path.join(out, 'graph.graphml'))).toBe(false);
  });

  it('report.md reads the same from the store as from the graphology graph', () => {
    const { store, summary } = storeWithCommunities();
    const { graph } = graphWithCommunities();
    const input = { communities: summary, documents: [], skipped: [] };
    expect(renderReport({ ...input, graph: store })).toBe(renderReport({ ...input, graph }));
    expect(renderReport({ ...input, graph: store })).toContain('| Person | 1 |');
  });
});
