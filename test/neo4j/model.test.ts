// The loader's pure parts (no server): how graph.json becomes labels, rows and Cypher,
// how query headers are read, and how result tables line up with Chinese text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, RELATION_TYPES } from '../../src/extract/records.js';
import { buildGraph } from '../../src/graph/build.js';
import { assignCommunities } from '../../src/graph/communities.js';
import { resolveConnection } from '../../src/load/connection.js';
import { checkedIdentifier, evidenceJson, planLoad, REL_TYPES } from '../../src/load/model.js';
import { bindParams, listQueries, parseQuery } from '../../src/load/queries.js';
import { mergeDocumentsStatement, mergeNodesStatement, mergeRelsStatement, relRowValues, schemaStatements } from '../../src/load/statements.js';
import { closestNames } from '../../src/load/suggest.js';
import { displayWidth, renderTable } from '../../src/load/table.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const small = JSON.parse(readFileSync(path.join(root, 'test/fixtures/graphs/small.json'), 'utf8'));

describe('planLoad of a graph with documents', () => {
  const graph = buildGraph([{
    doc: 'a.txt', chars: 50, place: '青岚市', title: '青岚市人民政府工作报告', date: '2024-01-05',
    mentions: [
      { id: 'p', type: 'Person', name: '周明远', aliases: [], evidence: [{ doc: 'a.txt', start: 10, end: 13 }] },
      { id: 'x', type: 'Project', name: '钢联高纯铁', aliases: [], evidence: [{ doc: 'a.txt', start: 30, end: 35 }] },
    ],
    relations: [],
  }]);
  assignCommunities(graph);
  const plan = planLoad(graph.export());

  it('writes one Document row (title, date, place; no community) and MENTIONS relationships, and captions communities by relations only', () => {
    const documents = plan.nodeGroups.filter((g) => g.type === 'Document');
    expect(documents.flatMap((g) => g.rows)).toEqual([{
      name: 'a.txt', aliases: [], evidence: [], docs: ['a.txt'], community: null, level: null, code: null,
      title: '青岚市人民政府工作报告', date: '2024-01-05', place: '青岚市',
    }]);
    const mentions = plan.relGroups.filter((g) => g.type === 'MENTIONS');
    expect(mentions.map((g) => `${g.sourceType}->${g.targetType}:${g.rows.map((r) => r.target).join()}`).sort()).toEqual(['Document->Person:周明远', 'Document->Project:钢联高纯铁']);
    // Two isolated entities: two communities, each named after its only member, none after the document.
    expect(plan.communities.map((c) => c.label).sort()).toEqual(['周明远', '钢联高纯铁']);
  });
});

describe('planLoad', () => {
  const plan = planLoad(small);

  it('keeps every node and edge of the fixture', () => {
    expect(plan.nodeCount).toBe(small.nodes.length);
    expect(plan.relCount).toBe(small.edges.length);
    expect(plan.nodeGroups.reduce((n, g) => n + g.rows.length, 0)).toBe(small.nodes.length);
    expect(plan.relGroups.reduce((n, g) => n + g.rows.length, 0)).toBe(small.edges.length);
  });

  it('groups places by level so each gets its second label', () => {
    const places = plan.nodeGroups.filter((g) => g.type === 'Place').map((g) => g.level).sort();
    expect(places).toEqual(['city', 'county', 'province']);
  });

  it('groups relationships by type and endpoint labels', () => {
    const holds = plan.relGroups.find((g) => g.type === 'HOLDS_POSITION')!;
    expect(holds.sourceType).toBe('Person');
    expect(holds.targetType).toBe('Organization');
    expect(holds.rows.map((r) => r.title).sort()).toEqual(['书记', '副书记', '副市长', '市长']);
  });

  it('keeps the source sentence and where it was seen on each relationship', () => {
    const undertakes = plan.relGroups.find((g) => g.type === 'UNDERTAKES')!.rows.find((r) => r.source === '青岚钢联集团')!;
    expect(undertakes.sentence).toBe('以青岚钢联集团为链主，实施钢联高纯铁项目。');
    // Evidence is where the edge was seen; its text is the sentence, stored once.
    const [where] = undertakes.evidence.map((e) => JSON.parse(e));
    expect(where).toEqual({ doc: 'qinglan_report.txt', start: expect.any(Number), end: expect.any(Number) });
    expect(where.end).toBeGreaterThan(where.start);
  });

  it('labels each community with its three best-connected members and gives it no name', () => {
    expect(plan.communities.map((c) => c.id)).toEqual([0, 1, 2]);
    expect(plan.communities[0].label.split(' · ')).toHaveLength(3);
    expect(plan.communities[0].label.startsWith('青岚市 · ')).toBe(true);
    expect(plan.communities[2]).toEqual({ id: 2, label: expect.stringContaining(' · '), size: 2 });
    for (const c of plan.communities) expect(c).not.toHaveProperty('name');
  });

  it('rejects a graph that breaks the contract, and an edge to a missing node', () => {
    expect(() => planLoad({ ...small, nodes: [{ key: 'x', attributes: { type: 'Spaceship', name: 'x', aliases: [], evidence: [], community: 0 } }] })).toThrow();
    expect(() => planLoad({ ...small, edges: [{ source: 'nope', target: 'Place:青岚市', attributes: { type: 'PART_OF', evidence: [{ doc: 'd', start: 0, end: 1 }] } }] }))
      .toThrow(/missing node/);
  });

  it('writes evidence as canonical JSON so equal evidence dedupes', () => {
    expect(evidenceJson({ text: 't', end: 2, start: 1, doc: 'd' })).toBe('{"doc":"d","start":1,"end":2,"text":"t"}');
    expect(evidenceJson({ doc: 'd', start: 1, end: 2 })).toBe('{"doc":"d","start":1,"end":2}');
  });
});

describe('Cypher statements', () => {
  it('splice only the schema labels and types, never a data value', () => {
    const all = [
      ...schemaStatements(),
      ...ENTITY_TYPES.map((t) => mergeNodesStatement(t)),
      mergeNodesStatement('Place', 'city'),
      ...RELATION_TYPES.map((t) => mergeRelsStatement(t)),
    ].join('\n');
    for (const row of planLoad(small).nodeGroups.flatMap((g) => g.rows)) expect(all).not.toContain(row.name);
    expect(mergeNodesStatement('Place', 'city')).toContain('MERGE (n:Place:City {name: row[0]})');
    // One per entity label, one for Document (its file name), one for Community ids.
    expect(schemaStatements().filter((s) => s.includes('IS UNIQUE'))).toHaveLength(ENTITY_TYPES.length + 2);
    expect(schemaStatements()).toContain('CREATE CONSTRAINT document_name_unique IF NOT EXISTS FOR (n:Document) REQUIRE n.name IS UNIQUE');
    expect(mergeDocumentsStatement()).toContain('MERGE (n:Document {name: row[0]})');
  });

  it('keys HOLDS_POSITION by title and nothing else', () => {
    expect(mergeRelsStatement('HOLDS_POSITION')).toContain('MERGE (a)-[r:HOLDS_POSITION {title: row[2]}]->(b)');
    expect(relRowValues({ sourceId: 'a', targetId: 'b', title: '市长', basis: null, sentence: 's', evidence: [] })[2]).toBe('市长');
    expect(mergeRelsStatement('OVERSEES')).toContain('MERGE (a)-[r:OVERSEES]->(b)');
  });

  it('refuses an identifier outside the fixed set', () => {
    expect(() => checkedIdentifier('Person`) DETACH DELETE (n', ['Person'])).toThrow();
    expect(() => checkedIdentifier('Spaceship', Object.values(REL_TYPES))).toThrow();
    expect(checkedIdentifier('PART_OF', Object.values(REL_TYPES))).toBe('PART_OF');
  });
});

describe('connection settings', () => {
  const local = { pid: 1, bolt: 'bolt://127.0.0.1:17999', http: 'http://127.0.0.1:17998/', user: 'owner', home: '/h', password: 'from-file', passwordFile: '/h/password' };

  it('take flags, then the environment, then the defaults; with no password anywhere, none', () => {
    expect(resolveConnection({}, {}, null)).toEqual({ uri: 'bolt://127.0.0.1:7687', user: 'neo4j', password: '' });
    expect(resolveConnection({}, { NEO4J_URI: 'bolt://h:1', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'db' }, null))
      .toEqual({ uri: 'bolt://h:1', user: 'u', password: 'p', database: 'db', passwordFrom: '$NEO4J_PASSWORD' });
    expect(resolveConnection({ uri: 'bolt://x:2', password: 'q' }, { NEO4J_URI: 'bolt://h:1', NEO4J_PASSWORD: 'p' }, null))
      .toEqual({ uri: 'bolt://x:2', user: 'neo4j', password: 'q', passwordFrom: 'the command line' });
  });

  it('find the running local server (its real port, user and password file) when nothing else names one', () => {
    expect(resolveConnection({}, {}, local)).toEqual({ uri: local.bolt, user: 'owner', password: 'from-file', passwordFrom: '/h/password' });
    // The same server under another spelling of its address.
    expect(resolveConnection({ uri: 'neo4j://localhost:17999' }, {}, local)).toMatchObject({ user: 'owner', password: 'from-file' });
    // The environment still overrides.
    expect(resolveConnection({}, { NEO4J_PASSWORD: 'p', NEO4J_USER: 'u' }, local)).toMatchObject({ uri: local.bolt, user: 'u', password: 'p' });
  });

  it('never send the local password to another server', () => {
    expect(resolveConnection({}, { NEO4J_URI: 'bolt://elsewhere:7687' }, local)).toEqual({ uri: 'bolt://elsewhere:7687', user: 'neo4j', password: '' });
    expect(resolveConnection({ uri: 'bolt://127.0.0.1:7687' }, {}, local)).toMatchObject({ user: 'neo4j', password: '' });
  });
});

describe('query library headers', () => {
  const queries = listQueries();

  it('has the questions the issue asks for, each with a summary and declared parameters', () => {
    expect(queries.map((q) => q.name)).toEqual(expect.arrayContaining(['who-oversees', 'posts', 'enterprise-projects', 'meeting', 'community', 'path']));
    for (const q of queries) {
      expect(q.summary.length, q.name).toBeGreaterThan(20);
      expect(q.params.length, q.name).toBeGreaterThan(0);
    }
  });

  it('checks and types --param values', () => {
    const community = queries.find((q) => q.name === 'community')!;
    expect(() => bindParams(community, {})).toThrow(/one of/);
    expect(() => bindParams(community, { id: 'x' })).toThrow(/integer/);
    expect(() => bindParams(community, { colour: 'red' })).toThrow(/no parameter "colour"/);
    const bound = bindParams(community, { id: '3' });
    expect(String(bound.id)).toBe('3');
    expect(bound.name).toBeNull();
    const posts = queries.find((q) => q.name === 'posts')!;
    expect(() => bindParams(posts, {})).toThrow(/needs --param place/);
  });

  it('reads which entities a name parameter names, and refuses a label that is not an entity type', () => {
    const byName = Object.fromEntries(queries.map((q) => [q.name, q]));
    expect(byName.meeting.params[0]).toMatchObject({ name: 'name', type: 'name', labels: ['Meeting'] });
    expect(byName['who-oversees'].params[0].labels).toEqual(['Person', 'Organization', 'Area']);
    expect(byName.path.params.map((p) => [p.type, p.labels])).toEqual([['name', []], ['name', []]]);
    expect(() => parseQuery('bad', 'bad.cypher', '// bad: something\n// Parameters:\n//   $a: name of Spaceship, required - a\nMATCH (n) WHERE n.name = $a RETURN n'))
      .toThrow(/Spaceship, which is not an entity type/);
  });

  it('suggests the names closest to one that matched nothing: fewest edits, then most shared characters, each name once', () => {
    const candidates = [
      { name: '运城市第五届人民代表大会第五次会议', form: '运城市第五届人民代表大会第五次会议' },
      { name: '运城市第五届人民代表大会第五次会议', form: '运城市五届人大五次会议' },
      { name: '临汾市第五届人民代表大会第一次会议', form: '临汾市五届人大一次会议' },
      { name: '运城市人民政府', form: '运城市人民政府' },
    ];
    expect(closestNames('市五届人大五次会议', candidates, 2)).toEqual(['运城市第五届人民代表大会第五次会议', '临汾市第五届人民代表大会第一次会议']);
    expect(closestNames('韩立君', [{ name: '韩立群', form: '韩立群' }, { name: '立君', form: '立君科技' }])).toEqual(['韩立群', '立君']);
    expect(closestNames('x', [])).toEqual([]);
  });

  it('refuses a query that uses an undeclared parameter', () => {
    expect(() => parseQuery('bad', 'bad.cypher', '// bad: something\n// Parameters:\n//   $a: string, required - a\nMATCH (n) WHERE n.name = $b RETURN n'))
      .toThrow(/\$b is used but not declared/);
  });
});

describe('result tables', () => {
  it('count CJK characters as two columns so columns line up', () => {
    expect(displayWidth('市长')).toBe(4);
    expect(displayWidth('ab')).toBe(2);
    const table = renderTable(['person', 'title'], [{ person: '周明远', title: '市长' }, { person: 'Li', title: null }]).split('\n');
    const bar = (line: string) => displayWidth(line.slice(0, line.indexOf('│')));
    expect(bar(table[0])).toBe(bar(table[2]));
    expect(bar(table[2])).toBe(bar(table[3]));
    expect(table.at(-1)).toBe('(2 rows)');
  });

  it('keep a newline inside a value on one line', () => {
    const table = renderTable(['name'], [{ name: 'a\nb' }]);
    expect(table.split('\n')).toHaveLength(4);
    expect(table).toContain('a\\nb');
  });
});
