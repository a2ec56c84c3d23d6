// The bulk importer against the MERGE loader, on a real Neo4j of its own (.neo4j/bulk, free ports:
// a bulk import takes the server's database offline, which must never disturb test/neo4j/neo4j.test.ts).
// The same graph (with Document nodes, MENTIONS and communities) goes once through `kg load --no-bulk`
// and once through `kg load --bulk` into the emptied database (the offline importer, run by the server
// in its JVM), and the two databases must be equal: labels, every property value of every node and
// relationship, and the constraints and indexes. The server's own checks on an import request are
// tested here too: it must refuse what `kg` would never ask for.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jScript, reliabilityInstance, root, runKg, startInstance, syntheticGraph } from '../reliability/helpers.js';

const skip = process.env.ZHENGKG_SKIP_NEO4J === '1';
const instance = reliabilityInstance('bulk');
const smallFile = path.join(root, 'test/fixtures/graphs/small.json');

type Graph = { nodes: Array<{ key: string; attributes: Record<string, unknown> }>; edges: Array<{ key?: string; source: string; target: string; attributes: Record<string, unknown> }> };

/**
 * The graph with Document nodes and their MENTIONS, as `kg build` writes them: one document per
 * evidence file (title, date and place) and one that tells none of them, which mentions every
 * third entity.
 */
function withDocuments(graph: Graph): Graph {
  const nodes = [...graph.nodes], edges = [...graph.edges];
  const docs = new Set<string>();
  graph.nodes.forEach((n, i) => {
    const evidence = (n.attributes.evidence as Array<{ doc: string; start: number; end: number }> | undefined) ?? [];
    for (const e of evidence.slice(0, 1)) {
      docs.add(e.doc);
      edges.push({ key: `MENTIONS|Document:${e.doc}|${n.key}|`, source: `Document:${e.doc}`, target: n.key, attributes: { type: 'MENTIONS', evidence: [{ doc: e.doc, start: e.start, end: e.end }] } });
    }
    if (i % 3 === 0) edges.push({ key: `MENTIONS|Document:无题.txt|${n.key}|`, source: 'Document:无题.txt', target: n.key, attributes: { type: 'MENTIONS', evidence: [{ doc: '无题.txt', start: i, end: i + 2 }] } });
  });
  for (const doc of docs) nodes.push({ key: `Document:${doc}`, attributes: { type: 'Document', name: doc, title: `《${doc}》的标题`, date: '2024-03-01', place: '岚州省' } });
  nodes.push({ key: 'Document:无题.txt', attributes: { type: 'Document', name: '无题.txt' } });
  return { ...graph, nodes, edges };
}

/** Neo4j values as canonical JSON: integers and floats stay apart, map keys sorted. */
function canonical(value: unknown, key = ''): unknown {
  // A node's labels are a set; Neo4j lists them in token order, which depends on the load.
  if (key === 'labels' && Array.isArray(value)) return [...value].sort();
  if (neo4j.isInt(value)) return { int: value.toString() };
  if (typeof value === 'number') return { float: value };
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k], k)]));
  }
  return value;
}

function firstDifference(bulk: string[], merge: string[]): { bulk?: string; merge?: string } | undefined {
  const extra = bulk.filter((x) => !merge.includes(x)), missing = merge.filter((x) => !bulk.includes(x));
  return extra.length || missing.length ? { bulk: extra[0], merge: missing[0] } : undefined;
}

interface Dump { nodes: string[]; relationships: string[]; schema: string[] }

async function dump(): Promise<Dump> {
  const driver: Driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.user, instance.password));
  try {
    const rows = async (cypher: string) => (await driver.executeQuery(cypher)).records.map((r) => JSON.stringify(canonical(r.toObject())));
    const end = (v: string) => `{labels: labels(${v}), key: coalesce(${v}.name, ${v}.id)}`;
    return {
      nodes: (await rows('MATCH (n) RETURN labels(n) AS labels, properties(n) AS properties')).sort(),
      relationships: (await rows(`MATCH (a)-[r]->(b) RETURN type(r) AS type, ${end('a')} AS source, ${end('b')} AS target, properties(r) AS properties`)).sort(),
      schema: [
        ...await rows('SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties, ownedIndex RETURN *'),
        ...await rows('SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, owningConstraint RETURN *'),
      ].sort(),
    };
  } finally {
    await driver.close();
  }
}

async function wipe(): Promise<void> {
  const driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.user, instance.password));
  const session = driver.session();
  try {
    // CALL … IN TRANSACTIONS runs only in an auto-commit transaction (session.run).
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
    await driver.close();
  }
}

const kg = (args: string[]) => runKg(args, instance.env);
const connFlags = () => ['--uri', instance.uri, '--user', instance.user, '--password-file', instance.passwordFile];

describe.skipIf(skip)('kg load: the bulk importer gives the database the MERGE loader gives', () => {
  let startedServer = false;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-bulk-test-'));

  beforeAll(async () => {
    startedServer = await startInstance(instance);
    await wipe(); // a test instance left by an earlier run
  });

  afterAll(async () => {
    if (startedServer) neo4jScript(instance, 'stop');
    rmSync(tmp, { recursive: true, force: true });
  });

  const compare = async (file: string) => {
    await wipe();
    const merge = await kg(['load', file, ...connFlags(), '--no-bulk']);
    expect(merge.code, merge.stderr).toBe(0);
    expect(merge.stderr).toMatch(/^loaded \d+ entity nodes/m);
    const byMerge = await dump();

    await wipe();
    // The local server's database is empty, so the importer may be used (by default only for big graphs).
    const bulk = await kg(['load', file, ...connFlags(), '--bulk']);
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stderr).toMatch(/^imported \d+ nodes and \d+ relationships .* relationships\/s/m);
    const byBulk = await dump();

    expect(byBulk.nodes.length).toBe(byMerge.nodes.length);
    expect(byBulk.relationships.length).toBe(byMerge.relationships.length);
    // The first difference only: a full diff of thousands of lines says less.
    expect(firstDifference(byBulk.nodes, byMerge.nodes)).toBeUndefined();
    expect(firstDifference(byBulk.relationships, byMerge.relationships)).toBeUndefined();
    expect(firstDifference(byBulk.schema, byMerge.schema)).toBeUndefined();
    return byBulk;
  };

  /** What must be in both databases, so that an equality of two dumps that both lack it cannot pass. */
  const expectEverythingThere = (dump: Dump) => {
    expect(dump.nodes.some((n) => n.includes('"labels":["Document"]') && n.includes('"title":'))).toBe(true);
    expect(dump.nodes.some((n) => n.includes('"labels":["Community"]'))).toBe(true);
    expect(dump.relationships.some((r) => r.startsWith('{"properties":{"evidence":') && r.includes('"type":"MENTIONS"'))).toBe(true);
    expect(dump.relationships.some((r) => r.includes('"type":"IN_COMMUNITY"'))).toBe(true);
  };

  it('the fixture graph with documents (quotes, newlines, Cypher keywords in names): same nodes, relationships, properties, constraints and indexes', async () => {
    const file = path.join(tmp, 'small-documents.json');
    writeFileSync(file, JSON.stringify(withDocuments(JSON.parse(readFileSync(smallFile, 'utf8')) as Graph)));
    const byBulk = await compare(file);
    expect(byBulk.nodes.some((n) => n.includes('"labels":["Place","'))).toBe(true); // level labels made it
    expect(byBulk.schema.some((s) => s.includes('person_name_unique'))).toBe(true);
    expect(byBulk.schema.some((s) => s.includes('document_name_unique'))).toBe(true);
    expectEverythingThere(byBulk);
    expect(byBulk.nodes.some((n) => n.includes('"aliases":[]'))).toBe(true); // empty lists, which the importer cannot write

    // The comparison sees a single altered list item: a bulk path that changed one would fail above.
    const driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.user, instance.password));
    try {
      await driver.executeQuery('MATCH ()-[r]->() WHERE r.evidence IS NOT NULL WITH r LIMIT 1 SET r.evidence = r.evidence[1..]');
    } finally {
      await driver.close();
    }
    expect((await dump()).relationships).not.toEqual(byBulk.relationships);
  }, 300_000);

  it('a synthetic graph of 2,400 relationships with documents (one level per Place group, two titles per pair, communities): equal too', async () => {
    const file = path.join(tmp, 'synthetic.json');
    writeFileSync(file, JSON.stringify(withDocuments(syntheticGraph({ from: 0, to: 400, doc: 'bulk-test.txt' }) as unknown as Graph)));
    expectEverythingThere(await compare(file));
  }, 300_000);

  /** Puts a request in the server's home as `kg load --bulk` does, and waits for the answer. */
  const request = async (body: Record<string, unknown>): Promise<{ ok: boolean; message?: string }> => {
    const file = path.join(instance.home, 'bulk-request.json'), answer = path.join(instance.home, 'bulk-response.json');
    rmSync(answer, { force: true });
    const id = `test-${Date.now()}`;
    writeFileSync(`${file}.tmp`, JSON.stringify({ id, ...body }), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      if (existsSync(answer)) {
        const parsed = JSON.parse(readFileSync(answer, 'utf8')) as { id: string; ok: boolean; message?: string };
        if (parsed.id === id) return parsed;
      }
    }
    throw new Error('the server did not answer the bulk request');
  };

  it('the server itself imports only into an empty database, only files inside its home, only input options', async () => {
    await wipe();
    const load = await kg(['load', smallFile, ...connFlags(), '--no-bulk']);
    expect(load.code, load.stderr).toBe(0);
    const before = await dump();
    const csv = path.join(instance.home, 'test-request.csv');
    writeFileSync(csv, 'name:ID(Person),:LABEL\n"x",Person\n', { mode: 0o600 });
    try {
      const full = await request({ database: 'neo4j', args: [`--nodes=${csv}`] });
      expect(full).toMatchObject({ ok: false });
      expect(full.message).toMatch(/^the database neo4j holds \d+ nodes and \d+ relationships; the importer replaces a database, so it runs only on an empty one$/);
      expect(await dump()).toEqual(before); // nothing was touched

      await wipe();
      const outside = path.join(tmp, 'outside.csv');
      writeFileSync(outside, 'name:ID(Person),:LABEL\n"x",Person\n');
      expect((await request({ database: 'neo4j', args: [`--nodes=${outside}`] })).message).toMatch(/^import files must be regular files inside /);
      expect((await request({ database: 'neo4j', args: [`--nodes=${csv}`, '--additional-config=/etc/passwd'] })).message).toMatch(/^not an importer option this server passes on: --additional-config/);
      expect((await request({ database: 'system', args: [`--nodes=${csv}`] })).message).toMatch(/^no database system to import into$/);
      // A request file others may read or write is not acted upon (nor is its id trusted).
      const file = path.join(instance.home, 'bulk-request.json'), answerFile = path.join(instance.home, 'bulk-response.json');
      rmSync(answerFile, { force: true });
      writeFileSync(file, JSON.stringify({ id: 'open', database: 'neo4j', args: [`--nodes=${csv}`] }), { mode: 0o644 });
      for (let i = 0; i < 200 && !existsSync(answerFile); i++) await new Promise((r) => setTimeout(r, 50));
      expect(JSON.parse(readFileSync(answerFile, 'utf8'))).toMatchObject({ ok: false, message: expect.stringMatching(/must be a regular 0600 file of the home's owner/) });
      const counts = await dump();
      expect(counts.nodes).toEqual([]); // still empty: none of these imported anything
    } finally {
      rmSync(csv, { force: true });
    }
  }, 120_000);

  it('never imports over data: --bulk into a database that holds anything is refused in one line, and without the flag the load MERGEs', async () => {
    await wipe();
    const first = await kg(['load', smallFile, ...connFlags(), '--no-bulk']);
    expect(first.code, first.stderr).toBe(0);
    const refused = await kg(['load', smallFile, ...connFlags(), '--bulk']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr.trim().split('\n'), refused.stderr).toHaveLength(1);
    expect(refused.stderr).toMatch(/^kg: --bulk imports only into an empty database, and neo4j at .* holds \d+ nodes and \d+ relationships; load with --no-bulk to add to it$/m);
    const merged = await kg(['load', smallFile, ...connFlags()]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/^loaded \d+ entity nodes/m);
  }, 120_000);
});
