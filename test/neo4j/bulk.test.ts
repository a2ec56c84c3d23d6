// The bulk importer against the MERGE loader, on a real Neo4j of its own (.neo4j/bulk, free ports:
// a bulk import stops and restarts the server, which must never disturb test/neo4j/neo4j.test.ts).
// The same graph goes once through `kg load --no-bulk` and once through the default path into the
// emptied database (the offline importer), and the two databases must be equal: labels, every
// property value of every node and relationship, and the constraints and indexes.
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neo4jScript, reliabilityInstance, root, runKg, startInstance, syntheticGraph } from '../reliability/helpers.js';

const skip = process.env.ZHENGKG_SKIP_NEO4J === '1';
const instance = reliabilityInstance('bulk');
const smallFile = path.join(root, 'test/fixtures/graphs/small.json');

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

  it('the fixture graph (quotes, newlines, Cypher keywords in names): same nodes, relationships, properties, constraints and indexes', async () => {
    const byBulk = await compare(smallFile);
    expect(byBulk.nodes.some((n) => n.includes('"labels":["Place","'))).toBe(true); // level labels made it
    expect(byBulk.schema.some((s) => s.includes('person_name_unique'))).toBe(true);

    // The comparison sees a single altered list item: a bulk path that changed one would fail above.
    const driver = neo4j.driver(instance.uri, neo4j.auth.basic(instance.user, instance.password));
    try {
      await driver.executeQuery('MATCH ()-[r]->() WHERE r.evidence IS NOT NULL WITH r LIMIT 1 SET r.evidence = r.evidence[1..]');
    } finally {
      await driver.close();
    }
    expect((await dump()).relationships).not.toEqual(byBulk.relationships);
  }, 300_000);

  it('a synthetic graph of 2,400 relationships (one level per Place group, two titles per pair, communities): equal too', async () => {
    const file = path.join(tmp, 'synthetic.json');
    writeFileSync(file, JSON.stringify(syntheticGraph({ from: 0, to: 400, doc: 'bulk-test.txt' })));
    await compare(file);
  }, 300_000);

  it('never imports over data: --bulk into a database that holds anything is refused in one line, and without the flag the load MERGEs', async () => {
    const refused = await kg(['load', smallFile, ...connFlags(), '--bulk']);
    expect(refused.code, refused.stderr).toBe(1);
    expect(refused.stderr.trim().split('\n'), refused.stderr).toHaveLength(1);
    expect(refused.stderr).toMatch(/^kg: --bulk imports only into an empty database, and neo4j at .* holds \d+ nodes and \d+ relationships; load with --no-bulk to add to it$/m);
    const merged = await kg(['load', smallFile, ...connFlags()]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stderr).toMatch(/^loaded \d+ entity nodes/m);
  }, 120_000);
});
