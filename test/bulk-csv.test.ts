// The bulk-import CSV (src/load/bulk-csv.ts) without a server: headers from the loader's column
// tables, field encoding, and `kg load --csv-only`. The database equality is test/neo4j/bulk.test.ts.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bulkCsv, BulkCsvError } from '../src/load/bulk-csv.js';
import { NODE_LABELS, planLoad } from '../src/load/model.js';
import { NODE_COLUMNS, REL_PROPERTY_COLUMNS } from '../src/load/statements.js';
import { runKg } from './kg-process.js';

const small = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/graphs/small.json'), 'utf8'));
const text = (lines: Iterable<string>) => [...lines].join('');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-bulk-csv-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('bulk-import CSV', () => {
  it('has a column for every node and relationship property the MERGE statements set', () => {
    const { files } = bulkCsv(planLoad(small));
    const nodeHeader = text(files.find((f) => f.name.includes('-Person'))!.lines()).split('\n')[0];
    for (const c of NODE_COLUMNS) expect(nodeHeader).toMatch(new RegExp(`(^|,)${c}:`));
    const relHeader = text(files.find((f) => f.name.includes('HOLDS_POSITION'))!.lines()).split('\n')[0];
    expect(relHeader).toMatch(/^:START_ID\(Person\),:END_ID\(Organization\),:TYPE,/);
    for (const c of REL_PROPERTY_COLUMNS) expect(relHeader).toContain(`${c}:`);
  });

  it('keeps null, empty string and quotes apart, and notes empty lists for after the import', () => {
    const graph = {
      ...small,
      nodes: small.nodes.map((n: { attributes: Record<string, unknown> }, i: number) => (i === 0 ? { ...n, attributes: { ...n.attributes, aliases: [] } } : n)),
    };
    const out = bulkCsv(planLoad(graph));
    const all = out.files.map((f) => text(f.lines())).join('');
    expect(all).toContain('""'); // an empty title or an escaped quote
    const firstLabel = NODE_LABELS[small.nodes[0].attributes.type as keyof typeof NODE_LABELS];
    expect(out.emptyLists().some((e) => e.label === firstLabel && e.properties.includes('aliases'))).toBe(true);
    expect(out.multiline()).toBe(small.nodes.some((n: { attributes: { name: string } }) => /\n/.test(n.attributes.name)));
  });

  it('refuses a list item holding the array delimiter, naming the node and property', () => {
    const graph = { ...small, nodes: small.nodes.map((n: { attributes: Record<string, unknown> }, i: number) => (i === 0 ? { ...n, attributes: { ...n.attributes, aliases: ['a\u001fb'] } } : n)) };
    const out = bulkCsv(planLoad(graph));
    expect(() => out.files.forEach((f) => text(f.lines()))).toThrow(BulkCsvError);
    expect(() => out.files.forEach((f) => text(f.lines()))).toThrow(/property aliases: the list item/);
  });
});

describe('kg load --csv-only', () => {
  it('writes the files and schema.cypher into a new folder and prints the neo4j-admin and docker commands', async () => {
    const dir = path.join(tmp, 'out');
    const run = await runKg(['load', path.join(import.meta.dirname, 'fixtures/graphs/small.json'), '--csv-only', dir]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^neo4j-admin database import full neo4j --overwrite-destination=true --array-delimiter=U\+001F --bad-tolerance=0 .*--nodes=/m);
    expect(run.stdout).toMatch(/^docker compose run --rm --no-deps -v .*:\/bulk:ro neo4j neo4j-admin database import full neo4j /m);
    const files = readdirSync(dir);
    expect(files).toContain('schema.cypher');
    // The constraints, then the empty lists the importer cannot write (the fixture has nodes without aliases).
    const schema = readFileSync(path.join(dir, 'schema.cypher'), 'utf8');
    expect(schema).toMatch(/^CREATE CONSTRAINT person_name_unique /m);
    expect(schema).toMatch(/^MATCH \(n:\w+\) WHERE n\.aliases IS NULL/m);
    expect(files.filter((f) => f.endsWith('.csv')).length).toBeGreaterThan(3);
    expect(readdirSync(tmp).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('never writes into a folder that holds something', async () => {
    const dir = path.join(tmp, 'full');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'mine.txt'), 'keep');
    const run = await runKg(['load', path.join(import.meta.dirname, 'fixtures/graphs/small.json'), '--csv-only', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toMatch(/^kg: --csv-only .*: the folder exists and is not empty; give a new or empty folder$/);
    expect(readdirSync(dir)).toEqual(['mine.txt']);
  });
});

describe('emptyListStatement', () => {
  it('takes only list properties of the loader and labels of the model', async () => {
    const { emptyListStatement } = await import('../src/load/bulk-csv.js');
    expect(emptyListStatement({ label: 'Area', properties: ['aliases', 'evidence'] }))
      .toBe('MATCH (n:Area) WHERE n.aliases IS NULL OR n.evidence IS NULL\nCALL (n) { SET n.aliases = coalesce(n.aliases, []), n.evidence = coalesce(n.evidence, []) } IN TRANSACTIONS OF 10000 ROWS');
    expect(() => emptyListStatement({ label: 'Area', properties: ['name'] })).toThrow(/refusing/);
    expect(() => emptyListStatement({ label: 'Area', properties: [] })).toThrow(/no property/);
    expect(() => emptyListStatement({ label: 'Area) DETACH DELETE n //', properties: ['aliases'] })).toThrow(/refusing/);
  });
});
