// The Cypher query library in cypher/: one `.cypher` file per question. Each file
// opens with a comment block that says what it answers and declares its parameters:
//
//   // name: what it answers …
//   // Parameters:
//   //   $place: name of Place, required - a place …
//   //   $id: integer, optional - …
//   // Requires one of: $id $name          (optional: at least one of these must be given)
//
// A `name of …` parameter names an entity of those labels (`name` alone: any entity); `kg query`
// checks that it matches a canonical name or an alias before it runs the query, and suggests the
// closest names when it matches nothing. `kg query` reads the header to check and type the
// --param values; the query text is sent as is and every value travels as a parameter.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import neo4j, { isNode, isPath, isRelationship, type Driver } from 'neo4j-driver';
import { ENTITY_TYPES } from '../extract/records.js';
import { sessionConfig, type Connection } from './connection.js';
import { closestNames, type NameCandidate } from './suggest.js';

/** cypher/ at the package root: two levels up from both src/load and dist/load. */
export const CYPHER_DIR = fileURLToPath(new URL('../../cypher/', import.meta.url));

export type ParamType = 'string' | 'integer' | 'name';

export interface QueryParam {
  name: string;
  type: ParamType;
  required: boolean;
  description: string;
  /** For a `name` parameter: the labels of the entities it may name (empty: any entity). */
  labels: string[];
}

export interface QueryDefinition {
  name: string;
  file: string;
  summary: string;
  params: QueryParam[];
  /** At least one of these must be given. */
  requiresOneOf: string[];
  text: string;
}

const PARAM_LINE = /^\/\/\s+\$([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(string|integer|name(?:\s+of\s+[A-Za-z|]+)?)\s*,\s*(required|optional)\s*(?:-|—)\s*(.*)$/;
const ONE_OF_LINE = /^\/\/\s*Requires one of:\s*(.*)$/i;

export function parseQuery(name: string, file: string, text: string): QueryDefinition {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('//')) break;
    header.push(line.trimEnd());
  }
  if (header.length === 0) throw new Error(`${file}: no header comment`);
  const summaryLines: string[] = [];
  const params: QueryParam[] = [];
  let requiresOneOf: string[] = [];
  let inParams = false;
  for (const line of header) {
    const paramMatch = PARAM_LINE.exec(line);
    const oneOf = ONE_OF_LINE.exec(line);
    if (/^\/\/\s*Parameters:/i.test(line)) inParams = true;
    else if (paramMatch) {
      const [type, labels] = paramMatch[2].startsWith('name') ? ['name' as const, paramMatch[2].replace(/^name(\s+of\s+)?/, '').split('|').filter(Boolean)] : [paramMatch[2] as ParamType, []];
      params.push({ name: paramMatch[1], type, labels, required: paramMatch[3] === 'required', description: paramMatch[4].trim() });
    } else if (oneOf) requiresOneOf = oneOf[1].split(/[\s,]+/).filter(Boolean).map((p) => p.replace(/^\$/, ''));
    else if (!inParams) summaryLines.push(line.replace(/^\/\/\s?/, ''));
  }
  for (const p of params) {
    const unknown = p.labels.filter((l) => !(ENTITY_TYPES as readonly string[]).includes(l));
    if (unknown.length) throw new Error(`${file}: $${p.name} names ${unknown.join(', ')}, which is not an entity type`);
  }
  const summary = summaryLines.join(' ').replace(new RegExp(`^${name}:\\s*`), '').trim();
  // Every $parameter used in the text must be declared, so a missing one is caught before Neo4j sees it.
  const body = text.split('\n').filter((l) => !l.trimStart().startsWith('//')).join('\n');
  for (const used of new Set([...body.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))) {
    if (!params.some((p) => p.name === used)) throw new Error(`${file}: parameter $${used} is used but not declared in the header`);
  }
  return { name, file, summary, params, requiresOneOf, text };
}

export function listQueries(dir: string = CYPHER_DIR): QueryDefinition[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort()
    .map((f) => parseQuery(f.replace(/\.cypher$/, ''), path.join(dir, f), readFileSync(path.join(dir, f), 'utf8')));
}

export function findQuery(name: string, dir: string = CYPHER_DIR): QueryDefinition {
  const all = listQueries(dir);
  const query = all.find((q) => q.name === name);
  if (!query) throw new Error(`no query "${name}"; known queries: ${all.map((q) => q.name).join(', ')}`);
  return query;
}

/** Checks raw `key=value` strings against the header and gives typed parameters; every declared one is present (null when not given). */
export function bindParams(query: QueryDefinition, raw: Record<string, string>): Record<string, unknown> {
  const bound: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (!query.params.some((p) => p.name === key)) {
      throw new Error(`query ${query.name} has no parameter "${key}"; it takes ${query.params.map((p) => p.name).join(', ')}`);
    }
  }
  for (const p of query.params) {
    const value = raw[p.name];
    if (value === undefined) {
      if (p.required) throw new Error(`query ${query.name} needs --param ${p.name}=… (${p.description})`);
      bound[p.name] = null;
    } else if (p.type === 'integer') {
      if (!/^-?\d+$/.test(value.trim())) throw new Error(`parameter ${p.name} of query ${query.name} must be an integer, not ${JSON.stringify(value)}`);
      bound[p.name] = neo4j.int(value.trim());
    } else bound[p.name] = value;
  }
  if (query.requiresOneOf.length > 0 && query.requiresOneOf.every((name) => raw[name] === undefined)) {
    throw new Error(`query ${query.name} needs one of ${query.requiresOneOf.map((n) => `--param ${n}=…`).join(', ')}`);
  }
  return bound;
}

export interface QueryResult {
  columns: string[];
  rows: Array<Record<string, unknown>>;
}

/** Graph values become plain JSON: nodes as {labels, properties}, paths as lists of names. */
export function plainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (isNode(value as never)) {
    const n = value as { labels: string[]; properties: Record<string, unknown> };
    return { labels: n.labels, properties: plainValue(n.properties) };
  }
  if (isRelationship(value as never)) {
    const r = value as { type: string; properties: Record<string, unknown> };
    return { type: r.type, properties: plainValue(r.properties) };
  }
  if (isPath(value as never)) {
    const p = value as { start: unknown; segments: Array<{ relationship: unknown; end: unknown }> };
    return [plainValue(p.start), ...p.segments.flatMap((s) => [plainValue(s.relationship), plainValue(s.end)])];
  }
  if (Array.isArray(value)) return value.map(plainValue);
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.toString === 'function' && o.constructor && o.constructor !== Object) return o.toString();
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

export async function runQuery(driver: Driver, conn: Connection, query: QueryDefinition, params: Record<string, unknown>): Promise<QueryResult> {
  const session = driver.session({ ...sessionConfig(conn), defaultAccessMode: neo4j.session.READ });
  try {
    const { keys, records } = await session.executeRead(async (tx) => {
      const running = tx.run(query.text, params);
      // Column names even when no row comes back, so an empty table still has its header.
      const names = await running.keys();
      return { keys: names.map(String), records: (await running).records };
    });
    return {
      columns: keys,
      rows: records.map((r) => Object.fromEntries(keys.map((k) => [k, plainValue(r.get(k))]))),
    };
  } finally {
    await session.close();
  }
}

// Entities of the given labels (all entity labels when none) whose name or an alias is $value.
const NAME_EXISTS = [
  'MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) AND (n.name = $value OR $value IN n.aliases)',
  'RETURN count(n) > 0 AS found',
].join('\n');
// The forms that share a character with $value, most shared first: the candidates to rank.
const NAME_CANDIDATES = [
  'MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels)',
  'UNWIND [n.name] + coalesce(n.aliases, []) AS form',
  'WITH n.name AS name, form, size([ch IN $chars WHERE form CONTAINS ch]) AS shared',
  'WHERE shared > 0',
  'RETURN name, form ORDER BY shared DESC, size(form) LIMIT 500',
].join('\n');

/**
 * For the first `name` parameter whose value is neither a canonical name nor an alias of an
 * entity it may name: `no entity named …; did you mean: …`. Null when every name matches.
 */
export async function unmatchedName(driver: Driver, conn: Connection, query: QueryDefinition, params: Record<string, unknown>): Promise<string | null> {
  const session = driver.session({ ...sessionConfig(conn), defaultAccessMode: neo4j.session.READ });
  try {
    for (const p of query.params) {
      const value = params[p.name];
      if (p.type !== 'name' || typeof value !== 'string') continue;
      const labels = p.labels.length ? p.labels : [...ENTITY_TYPES];
      const found = await session.executeRead((tx) => tx.run(NAME_EXISTS, { labels, value }));
      if (found.records[0]?.get('found')) continue;
      const rows = await session.executeRead((tx) => tx.run(NAME_CANDIDATES, { labels, chars: [...new Set(value)] }));
      const candidates: NameCandidate[] = rows.records.map((r) => ({ name: r.get('name') as string, form: r.get('form') as string }));
      const what = p.labels.length ? p.labels.join(' or ') : 'entity';
      const suggestions = closestNames(value, candidates);
      return `no ${what === 'entity' ? 'entity' : `${what} entity`} named ${JSON.stringify(value)} (--param ${p.name})`
        + (suggestions.length ? `; did you mean: ${suggestions.join(', ')}` : '; no name shares a character with it');
    }
    return null;
  } finally {
    await session.close();
  }
}
