// Export, communities, validation and report on hand-built records,
// so these tests do not depend on how good extraction is.
import { DOMParser } from '@xmldom/xmldom';
import { DirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import type { DocRecord, Mention, Relation } from '../src/extract/records.js';
import { buildGraph } from '../src/graph/build.js';
import { assignCommunities } from '../src/graph/communities.js';
import { ExportedGraph } from '../src/graph/contract.js';
import { exportGraphJson, flattenAttributes, toGexf, toGraphml } from '../src/graph/export.js';
import { renderReport } from '../src/graph/report.js';
import { GraphValidationError, validateExportedGraph } from '../src/graph/validate.js';

const ev = (doc: string, start: number, end = start + 3) => [{ doc, start, end }];
const mention = (doc: string, id: string, type: Mention['type'], name: string, at: number, extra: Partial<Mention> = {}): Mention =>
  ({ id, type, name, aliases: [], evidence: ev(doc, at), ...extra });
const rel = (doc: string, type: Relation['type'], from: string, to: string, at: number, extra: Partial<Relation> = {}): Relation =>
  ({ type, from, to, evidence: ev(doc, at), ...extra });

// Two unrelated clusters (a city government meeting; an industrial chain) plus an isolated place.
const meetingDoc: DocRecord = {
  doc: 'meeting.txt',
  chars: 400,
  place: '芜湖市',
  mentions: [
    mention('meeting.txt', 'p1', 'Person', '韩立群', 10),
    mention('meeting.txt', 'p2', 'Person', '邵明远', 40),
    mention('meeting.txt', 'p3', 'Person', '柯文静', 70),
    mention('meeting.txt', 'o1', 'Organization', '芜湖市人民政府', 5, { aliases: ['市政府'] }),
    mention('meeting.txt', 'm1', 'Meeting', '芜湖市人民政府第八次常务会议', 100),
    mention('meeting.txt', 'a1', 'Area', '交通', 200),
    mention('meeting.txt', 'x1', 'Place', '繁昌区', 300, { level: 'county', code: '340212' }),
  ],
  relations: [
    rel('meeting.txt', 'HOLDS_POSITION', 'p1', 'o1', 10, { title: '市长' }),
    rel('meeting.txt', 'HOLDS_POSITION', 'p2', 'o1', 40, { title: '副市长' }),
    rel('meeting.txt', 'PRESIDES', 'p1', 'm1', 100),
    rel('meeting.txt', 'ATTENDS', 'p2', 'm1', 110),
    rel('meeting.txt', 'ATTENDS', 'p3', 'm1', 120),
    rel('meeting.txt', 'OVERSEES', 'p2', 'a1', 200, { basis: '分管' }),
  ],
};
const chainDoc: DocRecord = {
  doc: 'report.txt',
  chars: 500,
  mentions: [
    mention('report.txt', 'e1', 'Enterprise', '江岸重工集团', 20, { aliases: ['江岸重工'] }),
    mention('report.txt', 'e2', 'Enterprise', '青弋精密', 60),
    mention('report.txt', 'i1', 'Industry', '高端装备制造', 90),
    mention('report.txt', 'j1', 'Project', '江岸重工智能铸造', 130),
    mention('report.txt', 'j2', 'Project', '青弋精密轴承扩能', 170),
  ],
  relations: [
    rel('report.txt', 'LEADS_CHAIN', 'e1', 'i1', 20),
    rel('report.txt', 'IN_INDUSTRY', 'e2', 'i1', 60),
    rel('report.txt', 'UNDERTAKES', 'e1', 'j1', 130),
    rel('report.txt', 'UNDERTAKES', 'e2', 'j2', 170),
    rel('report.txt', 'IN_INDUSTRY', 'j1', 'i1', 130),
  ],
};
const docChars = new Map([['meeting.txt', 400], ['report.txt', 500]]);

function sampleGraph() {
  const graph = buildGraph([meetingDoc, chainDoc]);
  const summary = assignCommunities(graph);
  return { graph, summary };
}

/** Strict XML well-formedness: any parser error or warning fails. */
function parseXmlStrictly(xml: string) {
  const problems: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: (m) => problems.push(m), error: (m) => problems.push(m), fatalError: (m) => problems.push(m) },
  }).parseFromString(xml, 'text/xml');
  expect(problems).toEqual([]);
  return doc;
}

describe('assignCommunities', () => {
  it('gives every node an integer community, separates unrelated clusters and isolates', () => {
    const { graph, summary } = sampleGraph();
    graph.forEachNode((_n, a) => { if (a.type !== 'Document') expect(Number.isInteger(a.community)).toBe(true); });
    const c = (key: string) => graph.getNodeAttribute(key, 'community');
    expect(c('Person:韩立群')).toBe(c('Meeting:芜湖市人民政府第八次常务会议'));
    expect(c('Enterprise:江岸重工集团')).toBe(c('Industry:高端装备制造'));
    expect(c('Person:韩立群')).not.toBe(c('Enterprise:江岸重工集团'));
    const isolated = c('Place:繁昌区');
    expect(graph.filterNodes((_n, a) => a.community === isolated)).toEqual(['Place:繁昌区']);
    expect(summary.count).toBe(new Set(graph.filterNodes((_n, a) => a.type !== 'Document').map((n) => graph.getNodeAttribute(n, 'community'))).size);
    expect(summary.count).toBeGreaterThanOrEqual(3);
    expect(summary.modularity).toBeGreaterThan(0.3);
  });

  it('numbers communities by size (0 = largest) and is deterministic', () => {
    const first = sampleGraph().graph;
    const second = sampleGraph().graph;
    expect(first.mapNodes((n, a) => [n, a.community])).toEqual(second.mapNodes((n, a) => [n, a.community]));
    const sizes = new Map<number, number>();
    first.forEachNode((_n, a) => { if (a.type !== 'Document') sizes.set(a.community, (sizes.get(a.community) ?? 0) + 1); });
    const ordered = [...sizes.keys()].sort((a, b) => a - b).map((k) => sizes.get(k)!);
    expect(ordered).toEqual([...ordered].sort((a, b) => b - a));
  });

  it('treats direction as irrelevant: the whole chain stays one community', () => {
    // Directed Louvain (the library's default for a directed graph) splits 青弋精密 and its project
    // away from 江岸重工集团 here, because both only have outgoing edges.
    const { graph } = sampleGraph();
    const c = (key: string) => graph.getNodeAttribute(key, 'community');
    for (const key of ['Enterprise:青弋精密', 'Project:青弋精密轴承扩能', 'Project:江岸重工智能铸造', 'Industry:高端装备制造']) {
      expect(c(key)).toBe(c('Enterprise:江岸重工集团'));
    }
  });

  it('handles graphs without edges and empty graphs', () => {
    const lonely = buildGraph([{ ...meetingDoc, relations: [] }]);
    const summary = assignCommunities(lonely);
    expect(summary.count).toBe(lonely.filterNodes((_n, a) => a.type !== 'Document').length);
    expect(Number.isNaN(summary.modularity)).toBe(true);
    expect(assignCommunities(buildGraph([])).count).toBe(0);
  });
});

describe('graph.json export and validation', () => {
  it('exports exactly the contract and keeps evidence on every node and edge', () => {
    const { graph } = sampleGraph();
    const exported = exportGraphJson(graph, { docChars });
    expect(ExportedGraph.safeParse(JSON.parse(JSON.stringify(exported))).success).toBe(true);
    expect(exported.nodes).toHaveLength(graph.order);
    expect(exported.edges).toHaveLength(graph.size);
    for (const n of exported.nodes) if (n.attributes.type !== 'Document') expect(n.attributes.evidence.length).toBeGreaterThan(0);
    for (const e of exported.edges) expect(e.attributes.evidence.length).toBeGreaterThan(0);
    const mayor = exported.edges.find((e) => e.source === 'Person:韩立群' && e.attributes.type === 'HOLDS_POSITION');
    expect(mayor?.attributes.title).toBe('市长');
  });

  it('rejects graphs that break the contract, naming the problem', () => {
    const { graph } = sampleGraph();
    const noCommunity = graph.copy();
    noCommunity.removeNodeAttribute('Person:韩立群', 'community');
    expect(() => exportGraphJson(noCommunity)).toThrow(/community/);

    const pastEnd = graph.copy();
    pastEnd.updateNodeAttribute('Area:交通', 'evidence', () => [{ doc: 'meeting.txt', start: 398, end: 420 }]);
    expect(() => exportGraphJson(pastEnd, { docChars })).toThrow(/past the end of meeting\.txt/);

    const raw = graph.export();
    raw.edges.push({ key: 'dangling', source: 'Person:韩立群', target: 'Person:无此人', attributes: { type: 'ATTENDS', evidence: ev('meeting.txt', 1) } as never });
    expect(() => validateExportedGraph(raw)).toThrow(GraphValidationError);
    expect(() => validateExportedGraph(raw)).toThrow(/unknown target Person:无此人/);
  });
});

describe('GraphML and GEXF', () => {
  it('flattens lists and objects into JSON strings and drops characters XML forbids', () => {
    const flat = flattenAttributes({ name: 'a\u0001b', aliases: ['x', 'y'], community: 3, evidence: [{ doc: 'd', start: 0, end: 1 }], missing: undefined });
    expect(flat).toEqual({ name: 'ab', aliases: '["x","y"]', community: 3, evidence: '[{"doc":"d","start":0,"end":1}]' });
  });

  it('writes well-formed GraphML that reads back with the same nodes, edges and attributes', () => {
    const { graph } = sampleGraph();
    // Inside JSON a control character is escaped (\u0007) and survives; in a plain string it is dropped.
    graph.updateNodeAttribute('Enterprise:青弋精密', 'aliases', () => ['青弋 <精密> & "Co"\u0007']);
    graph.setNodeAttribute('Project:青弋精密轴承扩能', 'note', "bell\u0007 <'quoted'>");
    const xml = toGraphml(graph);
    parseXmlStrictly(xml);
    const back = parseGraphml(DirectedGraph, xml);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    const node = back.getNodeAttributes('Enterprise:青弋精密');
    expect(JSON.parse(node.aliases as string)).toEqual(['青弋 <精密> & "Co"\u0007']);
    expect(back.getNodeAttribute('Project:青弋精密轴承扩能', 'note')).toBe("bell <'quoted'>");
    expect(node.label).toBe('青弋精密');
    expect(node.community).toBe(graph.getNodeAttribute('Enterprise:青弋精密', 'community'));
    expect(JSON.parse(node.evidence as string)).toEqual(graph.getNodeAttribute('Enterprise:青弋精密', 'evidence'));
    const edge = back.edges().map((e) => back.getEdgeAttributes(e)).find((a) => a.type === 'OVERSEES');
    expect(edge?.basis).toBe('分管');
  });

  it('writes well-formed GEXF that Gephi-style parsing reads back', () => {
    const { graph } = sampleGraph();
    const xml = toGexf(graph);
    parseXmlStrictly(xml);
    const back = parseGexf(DirectedGraph, xml);
    expect(back.order).toBe(graph.order);
    expect(back.size).toBe(graph.size);
    const node = back.getNodeAttributes('Organization:芜湖市人民政府');
    expect(node.label).toBe('芜湖市人民政府');
    expect(JSON.parse(node.aliases as string)).toEqual(['市政府']);
    expect(node.community).toBe(graph.getNodeAttribute('Organization:芜湖市人民政府', 'community'));
  });
});

describe('report.md', () => {
  it('lists documents, skips with reasons, counts, central entities and communities', () => {
    const { graph, summary } = sampleGraph();
    const report = renderReport({
      graph,
      communities: summary,
      documents: [
        { doc: 'meeting.txt', path: 'in/meeting.txt', chars: 400, mentions: 7, relations: 6 },
        { doc: 'report.txt', path: 'in/report.txt', chars: 500, mentions: 5, relations: 5 },
      ],
      skipped: [{ path: 'in/blank.txt', reason: 'empty file' }, { path: 'in/a|b.txt', reason: 'binary file (NUL bytes)' }],
    });
    expect(report).toContain('## Skipped (2)');
    expect(report).toContain('| in/blank.txt | empty file |');
    expect(report).toContain('| in/a\\|b.txt | binary file (NUL bytes) |');
    expect(report).toMatch(/\| Person \| 3 \|/);
    expect(report).toMatch(/\| ATTENDS \| 2 \|/);
    expect(report).toMatch(/\| UNDERTAKES \| 2 \|/);
    // 高端装备制造, the meeting and 邵明远 all have degree 3; ties go by node key (Industry < Meeting < Person).
    const central = report.split('## Most connected entities')[1].split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(central.slice(0, 3).map((l) => l.split(' | ')[1])).toEqual(['高端装备制造', '芜湖市人民政府第八次常务会议', '邵明远']);
    expect(report).toMatch(new RegExp(`${summary.count} communities .*modularity 0\\.\\d{3}`));
    expect(report).toMatch(/\| 0 \| \d+ \| .*Person 3/);
  });
});

describe('Document nodes and MENTIONS (provenance in the graph)', () => {
  const titled: DocRecord = { ...meetingDoc, title: '芜湖市人民政府第八次常务会议召开', date: '2024-01-05' };

  it('graph.json has a Document per input, with title, date and place, and a MENTIONS edge to every entity it names', () => {
    const graph = buildGraph([titled, chainDoc]);
    assignCommunities(graph);
    const exported = exportGraphJson(graph, { docChars });
    const docs = exported.nodes.filter((n) => n.attributes.type === 'Document');
    expect(docs.map((n) => n.key).sort()).toEqual(['Document:meeting.txt', 'Document:report.txt']);
    expect(docs.find((n) => n.key === 'Document:meeting.txt')!.attributes)
      .toEqual({ type: 'Document', name: 'meeting.txt', title: '芜湖市人民政府第八次常务会议召开', date: '2024-01-05', place: '芜湖市' });
    const mentioned = (doc: string) => exported.edges.filter((e) => e.attributes.type === 'MENTIONS' && e.source === doc).map((e) => e.target).sort();
    expect(mentioned('Document:meeting.txt')).toEqual(meetingDoc.mentions.map((m) => `${m.type}:${m.name}`).sort());
    expect(mentioned('Document:report.txt')).toHaveLength(chainDoc.mentions.length);
    // 繁昌区 has no relation, yet its source reaches it; the edge points at where the document names it.
    const isolated = exported.edges.find((e) => e.attributes.type === 'MENTIONS' && e.target === 'Place:繁昌区')!;
    expect(isolated.attributes.evidence).toEqual([{ doc: 'meeting.txt', start: 300, end: 303 }]);
    // The entity and relation types are what they were: documents and MENTIONS are additions.
    expect(exported.nodes.filter((n) => n.attributes.type !== 'Document')).toHaveLength(12);
    expect(exported.edges.filter((e) => e.attributes.type !== 'MENTIONS')).toHaveLength(11);
  });

  it('keeps documents out of the communities and out of the report\'s entity counts and degrees', () => {
    const graph = buildGraph([titled, chainDoc]);
    const summary = assignCommunities(graph);
    expect(graph.hasNodeAttribute('Document:meeting.txt', 'community')).toBe(false);
    // Without documents in Louvain the isolated place is still a community of its own.
    const isolated = graph.getNodeAttribute('Place:繁昌区', 'community');
    expect(graph.filterNodes((_n, a) => a.type !== 'Document' && a.community === isolated)).toEqual(['Place:繁昌区']);
    expect(graph.getNodeAttribute('Person:韩立群', 'community')).not.toBe(graph.getNodeAttribute('Enterprise:江岸重工集团', 'community'));
    const report = renderReport({ graph, communities: summary, documents: [], skipped: [] });
    expect(report).toContain('12 entities, 11 relations');
    expect(report).toContain('2 Document nodes with 12 MENTIONS edges');
    expect(report).not.toMatch(/\| Document \|/);
    expect(report).not.toMatch(/\| MENTIONS \|/);
    const central = report.split('## Most connected entities')[1].split('\n').filter((l) => /^\| \d+ \|/.test(l));
    expect(central[0].split(' | ').slice(1, 4)).toEqual(['高端装备制造', 'Industry', '3']);
  });

  it('GraphML and GEXF carry the Document nodes (labelled by file name) and the MENTIONS edges', () => {
    const graph = buildGraph([titled, chainDoc]);
    assignCommunities(graph);
    const graphml = parseGraphml(DirectedGraph, toGraphml(graph));
    expect(graphml.getNodeAttributes('Document:meeting.txt')).toMatchObject({ type: 'Document', label: 'meeting.txt', date: '2024-01-05', title: titled.title });
    expect(graphml.filterEdges((_e, a) => a.type === 'MENTIONS')).toHaveLength(12);
    const gexf = parseGexf(DirectedGraph, toGexf(graph));
    expect(gexf.getNodeAttributes('Document:report.txt')).toMatchObject({ type: 'Document', label: 'report.txt' });
    expect(gexf.outNeighbors('Document:report.txt').sort()).toEqual(chainDoc.mentions.map((m) => `${m.type}:${m.name}`).sort());
  });
});
