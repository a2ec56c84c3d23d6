// The Cypher the loader runs. Only labels and relationship types from model.ts are
// spliced in (checked again here); every value travels as a parameter.
import type { EntityType, PlaceLevel, RelationType } from '../extract/records.js';
import {
  ALL_LABELS, checkedIdentifier, COMMUNITY_LABEL, IN_COMMUNITY, NODE_LABELS, PLACE_LEVEL_LABELS, REL_TYPES,
} from './model.js';

const label = (type: EntityType): string => checkedIdentifier(NODE_LABELS[type], ALL_LABELS);
const levelLabel = (level: PlaceLevel): string => checkedIdentifier(PLACE_LEVEL_LABELS[level], ALL_LABELS);
const relType = (type: RelationType): string => checkedIdentifier(REL_TYPES[type], Object.values(REL_TYPES));

/** One uniqueness constraint per entity label on `name` (it also gives the index MERGE needs), and one on Community ids. */
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

export function mergeNodesStatement(type: EntityType, level?: PlaceLevel): string {
  const labels = level ? `${label(type)}:${levelLabel(level)}` : label(type);
  return [
    'UNWIND $rows AS row',
    `MERGE (n:${labels} {name: row.name})`,
    `SET n.aliases = ${union('n.aliases', 'row.aliases')},`,
    `    n.evidence = ${union('n.evidence', 'row.evidence')},`,
    `    n.docs = ${union('n.docs', 'row.docs')},`,
    '    n.community = coalesce(row.community, n.community),',
    '    n.level = coalesce(row.level, n.level),',
    '    n.code = coalesce(row.code, n.code)',
    // The membership and relationship statements find the nodes by these ids instead of by name again.
    'RETURN row.name AS name, elementId(n) AS id, row.community AS community',
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
export function mergeRelsStatement(type: RelationType): string {
  // HOLDS_POSITION's identity includes the title: one person can hold two posts in one body.
  const identity = type === 'HOLDS_POSITION' ? ' {title: row.title}' : '';
  return [
    'UNWIND $rows AS row',
    'MATCH (a) WHERE elementId(a) = row.sourceId',
    'MATCH (b) WHERE elementId(b) = row.targetId',
    `MERGE (a)-[r:${relType(type)}${identity}]->(b)`,
    'SET r.title = coalesce(row.title, r.title),',
    '    r.basis = coalesce(row.basis, r.basis),',
    '    r.sentence = coalesce(r.sentence, row.sentence),',
    `    r.evidence = ${union('r.evidence', 'row.evidence')},`,
    `    r.docs = ${union('r.docs', 'row.docs')}`,
    'RETURN count(*) AS written',
  ].join('\n');
}

/** Community captions: the name of each community's best-connected member. */
export function nameCommunitiesStatement(): string {
  return [
    'UNWIND $rows AS row',
    `MERGE (c:${COMMUNITY_LABEL} {id: row.id})`,
    'SET c.name = row.name',
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

export const countStatement = [
  'CALL () { MATCH (n) RETURN count(n) AS nodes }',
  'CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }',
  'RETURN nodes, relationships',
].join('\n');
