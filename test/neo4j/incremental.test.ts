// `kg build --neo4j` on an output folder it loaded before updates the database by the difference
// (src/cli/neo4j-update.ts, src/load/delta.ts), on a real Neo4j of its own (.neo4j/incremental, free ports).
// After the update the database must equal a fresh full load of the new graph: every node's labels and
// properties, every relationship's type, ends and properties, the communities. A database holding
// documents the folder did not load is refused, untouched.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyDelta, planDelta } from '../../src/load/delta.js';
import { loadGraph } from '../../src/load/load.js';
import { planLoad } from '../../src/load/model.js';
import { runKg } from '../kg-process.js';
import { neo4jScript, reliabilityInstance, root, startInstance } from '../reliability/helpers.js';

const skip = process.env.ZHENGKG_SKIP_NEO4J === '1';
const instance = reliabilityInstance('incremental');
const fixtures = path.join(root, 'test/fixtures/corpus');
const smallFile = path.join(root, 'test/fixtures/graphs/small.json');
/** Mentions a mayor (林澈) no other input does, and entities the fixtures share. */
const ONLY_TEXT = '株洲市人民政府召开常务会议\n2024年5月8日，株洲市市长林澈主持召开市政府常务会议，研究部署星河光电产业园建设工作。会议要求湘江动力集团加快推进整机扩产项目建设。\n';
const ONLY_PERSON = '林澈';

/** Neo4j values as canonical JSON: integers and floats stay apart, map keys and label sets sorted. */
function canonical(value: unknown, key = ''): unknown {
  if (key === 'labels' && Array.isArray(value)) return [...value].sort();
  if (neo4j.isInt(value)) return { int: value.toString() };
  if (typeof value === 'number') return { float: value };
  if (Array.isArray(value)) return value.map((v) => canonical(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k], k)]));
  }
  return value;
}

async function query(cypher: string, params: Record<string, unknown> = {}) {
  const driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.user, instance.password));
  try {
    return (await driver.executeQuery(cypher, params)).records.map((r) => r.toObject());
  } finally {
    await driver.close();
  }
}

interface Dump { nodes: string[]; relationships: string[]; perLabel: Record<string, number>; perType: Record<string, number> }

async function dump(): Promise<Dump> {
  const end = (v: string) => `{labels: labels(${v}), key: coalesce(${v}.name, ${v}.id)}`;
  const nodes = (await query('MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties')).map((r) => JSON.stringify(canonical(r))).sort();
  const relationships = (await query(`MATCH (a)-[r]->(b) RETURN type(r) AS type, ${end('a')} AS source, ${end('b')} AS target, properties(r) AS properties`))
    .map((r) => JSON.stringify(canonical(r))).sort();
  const perLabel: Record<string, number> = {}, perType: Record<string, number> = {};
  for (const n of nodes) for (const l of JSON.parse(n).labels as string[]) perLabel[l] = (perLabel[l] ?? 0) + 1;
  for (const r of relationships) perType[JSON.parse(r).type] = (perType[JSON.parse(r).type] ?? 0) + 1;
  return { nodes, relationships, perLabel, perType };
}

const wipe = () => query('MATCH (n) DETACH DELETE n');
const runKgIn = (args: string[], cwd: string) => runKg(args, { cwd, env: instance.env });
const connFlags = () => ['--user', instance.user, '--password-file', instance.passwordFile];

describe.skipIf(skip)('kg build --neo4j: an incremental update equals a full load of the new graph', () => {
  let startedServer = false;
  const work = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-incremental-neo4j-'));
  const build = async (...extra: string[]) => {
    const run = await runKgIn(['build', 'in', '--out', 'out', '--jobs', '2', '--no-progress', '--neo4j', instance.uri, ...connFlags(), ...extra], work);
    return run;
  };

  beforeAll(async () => {
    startedServer = await startInstance(instance);
    await wipe(); // a test instance left by an earlier run
    cpSync(fixtures, path.join(work, 'in'), { recursive: true });
    writeFileSync(path.join(work, 'in', 'only.txt'), ONLY_TEXT);
  }, 300_000);

  afterAll(async () => {
    if (startedServer) neo4jScript(instance, 'stop');
    rmSync(work, { recursive: true, force: true });
  });

  it('the first build loads in full; after deleting a document, changing one and adding one, the update removes what only the deleted one supported', async () => {
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/^loaded \d+ entity nodes/m);
    expect(await query('MATCH (p:Person {name: $name}) RETURN p.name AS name', { name: ONLY_PERSON })).toHaveLength(1);

    rmSync(path.join(work, 'in', 'only.txt'));
    const changed = path.join(work, 'in', 'news/standing-meeting.txt');
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('安全生产', '防汛抗旱'));
    writeFileSync(path.join(work, 'in', 'added.txt'), '3月12日，株洲市副市长龙佩玲调研渌口精工齿轮项目。\n');
    const second = await build();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/\(2 extracted, 3 from the cache\)$/m);
    expect(second.stderr).toMatch(/^updated Neo4j at \S+ in [\d.]+ s: deleted [1-9]\d* nodes and [1-9]\d* relationships, wrote [1-9]\d* nodes and \d+ relationships \(new or changed\), moved \d+ nodes to another community, left [1-9]\d* nodes and [1-9]\d* relationships as they were$/m);
    expect(second.stderr).not.toMatch(/^loaded /m);

    const graph = JSON.parse(readFileSync(path.join(work, 'out', 'graph.json'), 'utf8'));
    expect(graph.nodes.some((n: { attributes: { name: string } }) => n.attributes.name === ONLY_PERSON)).toBe(false);
    expect(await query('MATCH (p:Person {name: $name}) RETURN p.name AS name', { name: ONLY_PERSON })).toHaveLength(0);
    expect(await query('MATCH (n) WHERE any(d IN n.docs WHERE d = "only.txt") RETURN n.name AS name')).toHaveLength(0);
    expect(await query('MATCH ()-[r]->() WHERE any(e IN r.evidence WHERE e CONTAINS \'"doc":"only.txt"\') RETURN type(r) AS t')).toHaveLength(0);
    const updated = await dump();

    await wipe();
    const full = await runKgIn(['load', path.join(work, 'out', 'graph.json'), '--uri', instance.uri, ...connFlags(), '--no-bulk'], work);
    expect(full.code, full.stderr).toBe(0);
    const loaded = await dump();
    expect(updated.perLabel).toEqual(loaded.perLabel);
    expect(updated.perType).toEqual(loaded.perType);
    expect(updated.nodes.filter((n) => !loaded.nodes.includes(n))).toEqual([]);
    expect(loaded.nodes.filter((n) => !updated.nodes.includes(n))).toEqual([]);
    expect(updated.relationships.filter((r) => !loaded.relationships.includes(r))).toEqual([]);
    expect(loaded.relationships.filter((r) => !updated.relationships.includes(r))).toEqual([]);
  }, 300_000);

  it('a rebuild with nothing changed writes nothing; a database holding another corpus is refused and left as it was', async () => {
    // The database now holds a full load of the same graph, which the state does not know about: it
    // still holds only this folder's documents, so the update goes ahead (and writes what differs: nothing).
    const same = await build();
    expect(same.code, same.stderr).toBe(0);
    expect(same.stderr).toMatch(/deleted 0 nodes and 0 relationships, wrote 0 nodes and 0 relationships \(new or changed\), moved 0 nodes/);

    const merged = await runKgIn(['load', smallFile, '--uri', instance.uri, ...connFlags(), '--no-bulk'], work);
    expect(merged.code, merged.stderr).toBe(0);
    const before = await dump();
    rmSync(path.join(work, 'in', 'added.txt'));
    const refused = await build();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^kg build: not updating Neo4j at \S+: it holds \d+ node\(s\) with documents that .* did not load .*kg load/m);
    expect(await dump()).toEqual(before);
    // The build itself went through: its graph no longer has the removed document.
    const graph = JSON.parse(readFileSync(path.join(work, 'out', 'graph.json'), 'utf8'));
    expect(graph.nodes.some((n: { key: string }) => n.key === 'Document:added.txt')).toBe(false);
  }, 300_000);

  it('applyDelta on hand-made graphs: deletes, changes, a community move and a Place that changed level all end as a full load of the new graph', async () => {
    const ev = (doc: string) => [{ doc, start: 0, end: 2, text: '句子' }];
    const node = (type: string, name: string, docs: string[], extra: Record<string, unknown> = {}) => ({
      key: `${type}:${name}`, attributes: { type, name, aliases: [], evidence: docs.flatMap(ev), community: 0, ...extra },
    });
    const doc = (name: string) => ({ key: `Document:${name}`, attributes: { type: 'Document', name } });
    const edge = (type: string, source: string, target: string, docs: string[], extra: Record<string, unknown> = {}) => ({ source, target, attributes: { type, evidence: docs.flatMap(ev), ...extra } });
    const graph = (nodes: unknown[], edges: unknown[]) => ({ attributes: {}, options: { type: 'directed', multi: false, allowSelfLoops: true }, nodes, edges });
    const before = graph(
      [doc('a.txt'), doc('b.txt'), node('Person', '林澈', ['a.txt']), node('Person', '唐振宇', ['a.txt', 'b.txt'], { community: 1 }),
        node('Place', '株洲市', ['b.txt'], { level: 'city', code: '430200' }), node('Organization', '株洲市人民政府', ['b.txt'])],
      [edge('MENTIONS', 'Document:a.txt', 'Person:林澈', ['a.txt']), edge('LOCATED_IN', 'Organization:株洲市人民政府', 'Place:株洲市', ['b.txt']),
        edge('PRESIDES', 'Person:唐振宇', 'Organization:株洲市人民政府', ['a.txt']), edge('HOLDS_POSITION', 'Person:唐振宇', 'Organization:株洲市人民政府', ['b.txt'], { title: '市长' })],
    );
    const after = graph(
      [doc('b.txt'), doc('c.txt'), node('Person', '唐振宇', ['a.txt', 'b.txt'], { community: 2 }), node('Person', '龙佩玲', ['c.txt'], { community: 2 }),
        node('Place', '株洲市', ['b.txt'], { level: 'county', code: '430200' }), node('Organization', '株洲市人民政府', ['b.txt', 'c.txt'], { aliases: ['株洲市政府'] })],
      [edge('LOCATED_IN', 'Organization:株洲市人民政府', 'Place:株洲市', ['b.txt']), edge('HOLDS_POSITION', 'Person:唐振宇', 'Organization:株洲市人民政府', ['b.txt'], { title: '市长' }),
        edge('HOLDS_POSITION', 'Person:龙佩玲', 'Organization:株洲市人民政府', ['c.txt'], { title: '副市长' }), edge('MENTIONS', 'Document:c.txt', 'Person:龙佩玲', ['c.txt'])],
    );
    const conn = { uri: instance.uri, user: instance.user, password: instance.password };
    await wipe();
    await loadGraph(before, { ...conn, progress: () => {} });
    const delta = planDelta([planLoad(before)], planLoad(after));
    expect(delta.counts).toMatchObject({ movedNodes: 1, deletedNodes: 3 }); // 唐振宇 moves; a.txt, 林澈 and the County-to-be go
    await applyDelta(delta, conn);
    const updated = await dump();
    await wipe();
    await loadGraph(after, { ...conn, progress: () => {} });
    const loaded = await dump();
    expect(updated).toEqual(loaded);
    expect(loaded.perLabel.County).toBe(1);
  }, 120_000);
});
