// The Cypher the loader runs. Only labels and relationship types from model.ts are
// spliced in (checked again here); every value travels as a parameter.
import type { PlaceLevel } from '../extract/records.js';
import type { EdgeType, NodeType } from '../graph/contract.js';
import {
  ALL_LABELS, checkedIdentifier, COMMUNITY_LABEL, IN_COMMUNITY, NODE_LABELS, PLACE_LEVEL_LABELS, REL_TYPES,
} from './model.js';

const label = (type: NodeType): string => checkedIdentifier(NODE_LABELS[type], ALL_LABELS);
const levelLabel = (level: PlaceLevel): string => checkedIdentifier(PLACE_LEVEL_LABELS[level], ALL_LABELS);
const relType = (type: EdgeType): string => checkedIdentifier(REL_TYPES[type], Object.values(REL_TYPES));

/** One uniqueness constraint per entity label and on Document on `name` (it also gives the index MERGE needs), and one on Community ids. */
export function schemaStatements(): string[] {
  const statements = Object.values(NODE_LABELS).map((l) => {
    const id = checkedIdentifier(l, ALL_LABELS);
    return `CREATE CONSTRAINT ${id.toLowerCase()}_name_unique IF NOT EXISTS FOR (n:${id}) REQUIRE n.name IS UNIQUE`;
  });
  statements.push(`CREATE CONSTRAINT community_id_unique IF NOT EXISTS FOR (c:${COMMUNITY_LABEL}) REQUIRE c.id IS UNIQUE`);
  // Place levels are second labels; an index lets `MATCH (p:City)` avoid a scan.
  statements.push('CREATE INDEX place_level IF NOT EXISTS FOR (p:Place) ON (p.level)');
  return statements;
}

/** Appends the items of `$added` that `existing` lacks: a union that keeps first-seen order. */
const union = (existing: string, added: string): string =>
  `coalesce(${existing}, []) + [x IN ${added} WHERE NOT x IN coalesce(${existing}, [])]`;

/**
 * Rows travel as lists, in these column orders, not as maps: a map row repeats its key strings,
 * which the client encodes and the server decodes once per row (measured on the 601k relationships
 * of the 100 MB bench graph: client CPU -30 %).
 */
export const NODE_COLUMNS = ['name', 'aliases', 'evidence', 'docs', 'community', 'level', 'code'] as const;
export const REL_COLUMNS = ['sourceId', 'targetId', 'title', 'basis', 'sentence', 'evidence'] as const;

export type NodeColumn = (typeof NODE_COLUMNS)[number];
export type RelColumn = (typeof REL_COLUMNS)[number];

/**
 * What each column becomes in the database: a property of that type, or (for relationships) the
 * element id of an end. The MERGE statements below and the bulk importer's CSV headers
 * (bulk-csv.ts) are both made from these tables, so the two loaders store the same properties:
 * a new column needs its entry here (the compiler insists) and then reaches both.
 */
export type PropertyType = 'string' | 'string[]' | 'long';
export const NODE_COLUMN_TYPES = {
  name: 'string', aliases: 'string[]', evidence: 'string[]', docs: 'string[]', community: 'long', level: 'string', code: 'string',
} as const satisfies Record<NodeColumn, PropertyType>;
export const REL_COLUMN_TYPES = {
  sourceId: 'start', targetId: 'end', title: 'string', basis: 'string', sentence: 'string', evidence: 'string[]',
} as const satisfies Record<RelColumn, PropertyType | 'start' | 'end'>;
/** The node property MERGE matches on (unique per label). */
export const NODE_KEY = 'name' satisfies NodeColumn;
/** The relationship properties, in column order. */
export const REL_PROPERTY_COLUMNS = REL_COLUMNS.filter((c) => REL_COLUMN_TYPES[c] !== 'start' && REL_COLUMN_TYPES[c] !== 'end') as Array<Exclude<RelColumn, 'sourceId' | 'targetId'>>;
const NODE_PROPERTIES_BUT_KEY = NODE_COLUMNS.filter((c) => c !== NODE_KEY);
const nodeCol = (c: NodeColumn): string => `row[${NODE_COLUMNS.indexOf(c)}]`;
const relCol = (c: RelColumn): string => `row[${REL_COLUMNS.indexOf(c)}]`;

/** A row as the node statement reads it. */
export const nodeRowValues = (row: Record<NodeColumn, unknown>): unknown[] => NODE_COLUMNS.map((c) => row[c] ?? null);
/** A row as the relationship statements read it. */
export const relRowValues = (row: Record<RelColumn, unknown>): unknown[] => REL_COLUMNS.map((c) => row[c] ?? null);

// A node or relationship the statement creates takes the row as it is (ON CREATE); only one that
// already exists (a reload, or a second graph) needs the unions, which read what it holds. On a
// first load that is nearly every write: relationships go about 15 % faster than with the unions
// evaluated for every row (bench/neo4j.mjs, 100 MB graph).
export function mergeNodesStatement(type: NodeType, level?: PlaceLevel): string {
  const labels = level ? `${label(type)}:${levelLabel(level)}` : label(type);
  return [
    'UNWIND $rows AS row',
    `MERGE (n:${labels} {${NODE_KEY}: ${nodeCol(NODE_KEY)}})`,
    `ON CREATE SET ${NODE_PROPERTIES_BUT_KEY.map((c) => `n.${c} = ${nodeCol(c)}`).join(', ')}`,
    `ON MATCH SET n.aliases = ${union('n.aliases', nodeCol('aliases'))},`,
    `    n.evidence = ${union('n.evidence', nodeCol('evidence'))},`,
    `    n.docs = ${union('n.docs', nodeCol('docs'))},`,
    `    n.community = coalesce(${nodeCol('community')}, n.community),`,
    `    n.level = coalesce(${nodeCol('level')}, n.level),`,
    `    n.code = coalesce(${nodeCol('code')}, n.code)`,
    // The membership and relationship statements find the nodes by these ids instead of by name again.
    `RETURN ${nodeCol('name')} AS name, elementId(n) AS id, ${nodeCol('community')} AS community`,
  ].join('\n');
}

/** A Document's columns: a node row's, then what the document says about itself. */
export const DOCUMENT_COLUMNS = [...NODE_COLUMNS, 'title', 'date', 'place'] as const;
type DocumentColumn = (typeof DOCUMENT_COLUMNS)[number];
export const documentRowValues = (row: Record<DocumentColumn, unknown>): unknown[] => DOCUMENT_COLUMNS.map((c) => row[c] ?? null);

/** Document nodes, keyed by file name; what a later build reads of the same file replaces the title, date and place. */
export function mergeDocumentsStatement(): string {
  const col = (c: DocumentColumn) => `row[${DOCUMENT_COLUMNS.indexOf(c)}]`;
  return [
    'UNWIND $rows AS row',
    `MERGE (n:${label('Document')} {name: ${col('name')}})`,
    `SET n.docs = ${col('docs')}, n.title = ${col('title')}, n.date = ${col('date')}, n.place = ${col('place')}`,
    `RETURN ${col('name')} AS name, elementId(n) AS id, null AS community`,
  ].join('\n');
}

/**
 * A node belongs to one community: the one of the graph loaded last. One statement for every label
 * (nodes are found by the element ids their node statement returned), so a load plans it once.
 */
export function setCommunitiesStatement(): string {
  return [
    'UNWIND $rows AS row',
    'MATCH (n) WHERE elementId(n) = row.id',
    `MERGE (c:${COMMUNITY_LABEL} {id: row.community})`,
    'WITH n, c',
    'CALL (n, c) {',
    `  OPTIONAL MATCH (n)-[old:${IN_COMMUNITY}]->(other:${COMMUNITY_LABEL}) WHERE other <> c`,
    '  DELETE old',
    '}',
    `MERGE (n)-[:${IN_COMMUNITY}]->(c)`,
  ].join('\n');
}

/**
 * Relationships find their ends by the element ids the node statements returned in the same
 * load: a seek by id costs a fraction of a seek in the name index (measured in bench/neo4j.mjs),
 * and without labels the statement depends on the relationship type alone, so a load plans a
 * dozen statements instead of one per pair of labels. The count lets the loader notice rows
 * that matched nothing (their nodes were deleted while the load ran).
 */
export function mergeRelsStatement(type: EdgeType): string {
  // HOLDS_POSITION's identity includes the title: one person can hold two posts in one body.
  const keyedByTitle = type === 'HOLDS_POSITION';
  const identity = keyedByTitle ? ` {title: ${relCol('title')}}` : '';
  const title = (s: string) => (keyedByTitle ? [] : [s]);
  return [
    'UNWIND $rows AS row',
    `MATCH (a) WHERE elementId(a) = ${relCol('sourceId')}`,
    `MATCH (b) WHERE elementId(b) = ${relCol('targetId')}`,
    `MERGE (a)-[r:${relType(type)}${identity}]->(b)`,
    `ON CREATE SET ${REL_PROPERTY_COLUMNS.filter((c) => !(keyedByTitle && c === 'title')).map((c) => `r.${c} = ${relCol(c)}`).join(', ')}`,
    `ON MATCH SET ${[...title(`r.title = coalesce(${relCol('title')}, r.title)`), `r.basis = coalesce(${relCol('basis')}, r.basis)`,
      `r.sentence = coalesce(r.sentence, ${relCol('sentence')})`].join(', ')},`,
    `    r.evidence = ${union('r.evidence', relCol('evidence'))}`,
    'RETURN count(*) AS written',
  ].join('\n');
}

/** Community labels (their top members); `name` is removed, as a load before communities had labels wrote it. */
export function labelCommunitiesStatement(): string {
  return [
    'UNWIND $rows AS row',
    `MERGE (c:${COMMUNITY_LABEL} {id: row.id})`,
    'SET c.label = row.label, c.size = row.size',
    'REMOVE c.name',
  ].join('\n');
}

/** After a merge of graphs a community may have lost every member to another; sizes are recounted from the edges. */
export function tidyCommunitiesStatement(): string {
  return [
    `MATCH (c:${COMMUNITY_LABEL})`,
    `WITH c, COUNT { (c)<-[:${IN_COMMUNITY}]-() } AS size`,
    'CALL (c, size) {',
    '  WITH c, size WHERE size = 0',
    '  DETACH DELETE c',
    '}',
    'WITH c, size WHERE size > 0',
    'SET c.size = size',
  ].join('\n');
}

/** What the database holds: entity nodes and Community nodes apart, and relationships. */
export const countStatement = [
  `CALL () { MATCH (n) WHERE NOT n:${COMMUNITY_LABEL} RETURN count(n) AS entities }`,
  `CALL () { MATCH (c:${COMMUNITY_LABEL}) RETURN count(c) AS communities }`,
  'CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }',
  'RETURN entities, communities, relationships',
].join('\n');
