// An incremental update of a database that holds a graph this tool loaded: the difference between
// that graph and a new one, applied in batched, parameterised, idempotent write transactions.
//
//   1. relationships the new graph no longer has are deleted,
//   2. nodes it no longer has are deleted (DETACH: with their IN_COMMUNITY link),
//   3. nodes that are new or changed (any property, the community included) are written with exactly
//      the new graph's properties (SET, not the full loader's list unions: evidence of a deleted or
//      changed document must go), with their community membership,
//   4. relationships that are new or changed likewise,
//   5. Community nodes are labelled and counted again, and empty ones removed (as the full loader does).
//
// Afterwards the database equals a fresh full load of the new graph. Deletes match a node only while
// every document it lists is one the previous graph gave it (a relationship: every evidence entry), so
// what another graph merged into the same node is never deleted. Rerunning an update that was cut short
// finishes it: deletes of what is gone match nothing, writes set the same values again.
import neo4j, { type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import type { PlaceLevel } from '../extract/records.js';
import type { EdgeType, NodeType } from '../graph/contract.js';
import { resolveConnection, sessionConfig, withNeo4j, type ConnectionOptions } from './connection.js';
import { executeWriteRetrying, STATEMENT_ROWS } from './load.js';
import {
  ALL_LABELS, checkedIdentifier, COMMUNITY_LABEL, NODE_LABELS, PLACE_LEVEL_LABELS, REL_TYPES, type DocumentRow, type LoadPlan, type NodeRow, type RelRow,
} from './model.js';
import {
  documentRowValues, labelCommunitiesStatement, mergeDocumentsStatement, NODE_COLUMNS, nodeRowValues, schemaStatements, setCommunitiesStatement,
  tidyCommunitiesStatement,
} from './statements.js';

const DOCUMENT: NodeType = 'Document';

/** Nodes of one label combination to write. */
export interface NodeWrite { type: NodeType; level?: PlaceLevel; rows: NodeRow[] }
/** Nodes of one label to delete: name and the documents the previous graph gave it. */
export interface NodeDelete { type: NodeType; rows: Array<{ name: string; docs: string[] }> }
/** Relationships of one type between two labels, to write or delete (a delete row carries its previous evidence). */
export interface RelChange { type: EdgeType; sourceType: NodeType; targetType: NodeType; rows: RelRow[] }

/** Nodes of one label whose only change is their community: name and new community. */
export interface CommunityMove { type: NodeType; rows: Array<{ name: string; community: number }> }

export interface Delta {
  deleteRels: RelChange[];
  deleteNodes: NodeDelete[];
  writeNodes: NodeWrite[];
  moveNodes: CommunityMove[];
  writeRels: RelChange[];
  communities: LoadPlan['communities'];
  counts: { deletedNodes: number; deletedRels: number; writtenNodes: number; movedNodes: number; writtenRels: number; unchangedNodes: number; unchangedRels: number };
}

const nodeId = (type: string, name: string) => `${type}\u0000${name}`;
const relId = (type: string, sourceType: string, source: string, targetType: string, target: string, title: string | null) =>
  `${type}\u0000${sourceType}\u0000${source}\u0000${targetType}\u0000${target}\u0000${type === 'HOLDS_POSITION' ? title ?? '' : ''}`;

/** A node of a plan with its label combination (the row's community is compared apart: Louvain moves many nodes and nothing else about them). */
interface PlannedNode { type: NodeType; level?: PlaceLevel; row: NodeRow }
interface PlannedRel { group: Omit<RelChange, 'rows'>; row: RelRow }

function nodesOf(plan: LoadPlan): Map<string, PlannedNode> {
  const nodes = new Map<string, PlannedNode>();
  for (const g of plan.nodeGroups) {
    for (const row of g.rows) nodes.set(nodeId(g.type, row.name), { type: g.type, ...(g.level ? { level: g.level } : {}), row });
  }
  return nodes;
}

function relsOf(plan: LoadPlan): Map<string, PlannedRel> {
  const rels = new Map<string, PlannedRel>();
  for (const g of plan.relGroups) {
    const group = { type: g.type, sourceType: g.sourceType, targetType: g.targetType };
    for (const row of g.rows) rels.set(relId(g.type, g.sourceType, row.source, g.targetType, row.target, row.title), { group, row });
  }
  return rels;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Everything a node holds but its community (Document rows: their own columns too). */
function sameNode(a: PlannedNode, b: PlannedNode): boolean {
  const x = a.row as DocumentRow, y = b.row as DocumentRow;
  return (a.level ?? null) === (b.level ?? null) && x.name === y.name && sameList(x.aliases, y.aliases) && sameList(x.evidence, y.evidence)
    && sameList(x.docs, y.docs) && x.level === y.level && x.code === y.code
    && (x.title ?? null) === (y.title ?? null) && (x.date ?? null) === (y.date ?? null) && (x.place ?? null) === (y.place ?? null);
}

const sameRel = (a: RelRow, b: RelRow): boolean =>
  a.title === b.title && a.basis === b.basis && a.sentence === b.sentence && sameList(a.evidence, b.evidence);

function push<K, T>(groups: Map<string, K & { rows: T[] }>, key: string, make: () => K, row: T): void {
  let g = groups.get(key);
  if (!g) groups.set(key, (g = { ...make(), rows: [] as T[] }));
  g.rows.push(row);
}

/**
 * The difference between what the database holds and `next`. `previous` are the graphs the database
 * may hold (the one loaded last, and one whose update was cut short): anything in one of them that
 * `next` lacks is deleted. With `writeAll` (the database may not hold exactly `previous[0]`), every
 * node and relationship of `next` is written; otherwise only those that differ from `previous[0]`.
 */
export function planDelta(previous: readonly LoadPlan[], next: LoadPlan, writeAll = false): Delta {
  const prevNodes = previous.map(nodesOf), prevRels = previous.map(relsOf);
  const nextNodes = nodesOf(next), nextRels = relsOf(next);
  const counts = { deletedNodes: 0, deletedRels: 0, writtenNodes: 0, movedNodes: 0, writtenRels: 0, unchangedNodes: 0, unchangedRels: 0 };

  // A Place whose level changed has other labels: it is deleted and written again, with its relationships.
  const relabelled = new Set<string>();
  const deleteNodes = new Map<string, NodeDelete>();
  const deletedNode = new Set<string>();
  for (const nodes of prevNodes) {
    for (const [id, n] of nodes) {
      const now = nextNodes.get(id);
      if (now && (now.level ?? null) === (n.level ?? null)) continue;
      if (now) relabelled.add(id);
      if (deletedNode.has(id)) continue;
      deletedNode.add(id);
      push(deleteNodes, n.type, () => ({ type: n.type }), { name: n.row.name, docs: n.row.docs });
      counts.deletedNodes++;
    }
  }
  const writeNodes = new Map<string, NodeWrite>();
  const moveNodes = new Map<string, CommunityMove>();
  for (const [id, n] of nextNodes) {
    const same = !writeAll && !relabelled.has(id) && prevNodes.length > 0 && prevNodes.every((nodes) => {
      const p = nodes.get(id);
      return p !== undefined && sameNode(p, n);
    });
    if (same && prevNodes.every((nodes) => nodes.get(id)?.row.community === n.row.community)) {
      counts.unchangedNodes++;
      continue;
    }
    if (same && n.row.community !== null) {
      push(moveNodes, n.type, () => ({ type: n.type }), { name: n.row.name, community: n.row.community });
      counts.movedNodes++;
      continue;
    }
    push(writeNodes, `${n.type}|${n.level ?? ''}`, () => ({ type: n.type, ...(n.level ? { level: n.level } : {}) }), n.row);
    counts.writtenNodes++;
  }

  const deleteRels = new Map<string, RelChange>();
  const deletedRel = new Set<string>();
  for (const rels of prevRels) {
    for (const [id, r] of rels) {
      if (nextRels.has(id) || deletedRel.has(id)) continue;
      deletedRel.add(id);
      push(deleteRels, `${r.group.type}|${r.group.sourceType}|${r.group.targetType}`, () => r.group, r.row);
      counts.deletedRels++;
    }
  }
  const writeRels = new Map<string, RelChange>();
  for (const [id, r] of nextRels) {
    const touchesRelabelled = relabelled.has(nodeId(r.group.sourceType, r.row.source)) || relabelled.has(nodeId(r.group.targetType, r.row.target));
    const unchanged = !writeAll && !touchesRelabelled && prevRels.length > 0 && prevRels.every((rels) => {
      const p = rels.get(id);
      return p !== undefined && sameRel(p.row, r.row);
    });
    if (unchanged) {
      counts.unchangedRels++;
      continue;
    }
    push(writeRels, `${r.group.type}|${r.group.sourceType}|${r.group.targetType}`, () => r.group, r.row);
    counts.writtenRels++;
  }
  return {
    deleteRels: [...deleteRels.values()], deleteNodes: [...deleteNodes.values()],
    writeNodes: [...writeNodes.values()], moveNodes: [...moveNodes.values()], writeRels: [...writeRels.values()],
    communities: next.communities, counts,
  };
}

// ---------------------------------------------------------------- statements

const label = (type: NodeType): string => checkedIdentifier(NODE_LABELS[type], ALL_LABELS);
const levelLabel = (level: PlaceLevel): string => checkedIdentifier(PLACE_LEVEL_LABELS[level], ALL_LABELS);
const relType = (type: EdgeType): string => checkedIdentifier(REL_TYPES[type], Object.values(REL_TYPES));

/** Deletes relationships (rows: [source, target, title, evidence]) whose evidence is all from the previous graph. */
export function deleteRelsStatement(type: EdgeType, sourceType: NodeType, targetType: NodeType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${label(sourceType)} {name: row[0]})-[r:${relType(type)}]->(b:${label(targetType)} {name: row[1]})`,
    `WHERE ${type === 'HOLDS_POSITION' ? 'r.title = row[2] AND ' : ''}all(e IN coalesce(r.evidence, []) WHERE e IN row[3])`,
    'DELETE r',
  ].join('\n');
}

/** Deletes nodes (rows: [name, docs]) that list no document but those the previous graph gave them. */
export function deleteNodesStatement(type: NodeType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (n:${label(type)} {name: row[0]})`,
    'WHERE all(d IN coalesce(n.docs, []) WHERE d IN row[1])',
    'DETACH DELETE n',
  ].join('\n');
}

/** Writes entity nodes with exactly the row's properties (a full load's ON CREATE, whether or not the node exists). */
export function writeNodesStatement(type: NodeType, level?: PlaceLevel): string {
  const labels = level ? `${label(type)}:${levelLabel(level)}` : label(type);
  const col = (c: (typeof NODE_COLUMNS)[number]) => `row[${NODE_COLUMNS.indexOf(c)}]`;
  return [
    'UNWIND $rows AS row',
    `MERGE (n:${labels} {name: ${col('name')}})`,
    `SET ${NODE_COLUMNS.filter((c) => c !== 'name').map((c) => `n.${c} = ${col(c)}`).join(', ')}`,
    `RETURN elementId(n) AS id, ${col('community')} AS community`,
  ].join('\n');
}

/** Sets the community of nodes (rows: [name, community]) that did not change otherwise. */
export function moveNodesStatement(type: NodeType): string {
  return [
    'UNWIND $rows AS row',
    `MATCH (n:${label(type)} {name: row[0]})`,
    'SET n.community = row[1]',
    'RETURN elementId(n) AS id, row[1] AS community',
  ].join('\n');
}

/** Writes relationships (rows: [source, target, title, basis, sentence, evidence]) with exactly the row's properties. */
export function writeRelsStatement(type: EdgeType, sourceType: NodeType, targetType: NodeType): string {
  const keyedByTitle = type === 'HOLDS_POSITION';
  return [
    'UNWIND $rows AS row',
    `MATCH (a:${label(sourceType)} {name: row[0]})`,
    `MATCH (b:${label(targetType)} {name: row[1]})`,
    `MERGE (a)-[r:${relType(type)}${keyedByTitle ? ' {title: row[2]}' : ''}]->(b)`,
    `SET ${keyedByTitle ? '' : 'r.title = row[2], '}r.basis = row[3], r.sentence = row[4], r.evidence = row[5]`,
    'RETURN count(*) AS written',
  ].join('\n');
}

// ---------------------------------------------------------------- applying

export interface DeltaStats { counts: Delta['counts']; seconds: number }

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

const int = (v: number | null) => (v === null ? null : neo4j.int(v));

/**
 * What a database holds besides the graphs of `documents`: the number of nodes (Community nodes aside)
 * that list a document not among them, or no documents at all, with a few of their names; and how many
 * of `documents` it holds as Document nodes, and how many nodes in all.
 */
export async function foreignNodes(options: ConnectionOptions, documents: readonly string[]): Promise<{ foreign: number; examples: string[]; documents: number; nodes: number }> {
  const conn = resolveConnection(options);
  return withNeo4j(conn, async (driver) => {
    const session = driver.session(sessionConfig(conn));
    try {
      const result = await session.executeRead((tx) => tx.run([
        'CALL () {',
        `  MATCH (n) WHERE NOT n:${COMMUNITY_LABEL} AND (n.docs IS NULL OR any(d IN n.docs WHERE NOT d IN $docs))`,
        '  RETURN count(n) AS foreign, collect(coalesce(n.name, elementId(n)))[0..3] AS examples',
        '}',
        `CALL () { MATCH (d:${label(DOCUMENT)}) RETURN count(d) AS documents }`,
        'CALL () { MATCH (n) RETURN count(n) AS nodes }',
        'RETURN foreign, examples, documents, nodes',
      ].join('\n'), { docs: documents }));
      const r = result.records[0];
      return {
        foreign: Number(r.get('foreign')), examples: (r.get('examples') as unknown[]).map(String),
        documents: Number(r.get('documents')), nodes: Number(r.get('nodes')),
      };
    } finally {
      await session.close();
    }
  });
}

/** Applies a delta; `progress` gets one line per phase. */
export async function applyDelta(delta: Delta, options: ConnectionOptions, progress: (line: string) => void = () => {}): Promise<DeltaStats> {
  const conn = resolveConnection(options);
  return withNeo4j(conn, (driver) => applyWith(driver, conn, delta, progress));
}

async function applyWith(driver: Driver, conn: ReturnType<typeof resolveConnection>, delta: Delta, progress: (line: string) => void): Promise<DeltaStats> {
  const started = performance.now();
  const session = driver.session(sessionConfig(conn));
  try {
    for (const statement of schemaStatements()) await session.run(statement);
    const run = (statement: string, rows: unknown[]) => executeWriteRetrying(session, (tx) => tx.run(statement, { rows }));

    for (const g of delta.deleteRels) {
      const statement = deleteRelsStatement(g.type, g.sourceType, g.targetType);
      for (const rows of chunks(g.rows.map((r) => [r.source, r.target, r.title, r.evidence]), STATEMENT_ROWS)) await run(statement, rows);
    }
    for (const g of delta.deleteNodes) {
      const statement = deleteNodesStatement(g.type);
      for (const rows of chunks(g.rows.map((r) => [r.name, r.docs]), STATEMENT_ROWS)) await run(statement, rows);
    }
    progress(`neo4j: deleted ${delta.counts.deletedRels} relationships and ${delta.counts.deletedNodes} nodes`);

    for (const g of delta.writeNodes) await writeNodes(session, g);
    progress(`neo4j: wrote ${delta.counts.writtenNodes} new or changed nodes`);
    for (const g of delta.moveNodes) {
      const values = g.rows.map((r) => [r.name, neo4j.int(r.community)]);
      for (const rows of chunks(values, STATEMENT_ROWS)) await executeWriteRetrying(session, (tx) => withMemberships(tx, moveNodesStatement(g.type), rows));
    }
    progress(`neo4j: moved ${delta.counts.movedNodes} nodes to another community`);

    for (const g of delta.writeRels) {
      const statement = writeRelsStatement(g.type, g.sourceType, g.targetType);
      for (const rows of chunks(g.rows.map((r) => [r.source, r.target, r.title, r.basis, r.sentence, r.evidence]), STATEMENT_ROWS)) {
        await executeWriteRetrying(session, async (tx) => {
          const result = await tx.run(statement, { rows });
          const written = Number(result.records[0]?.get('written') ?? 0);
          if (written < rows.length) throw new Error(`${rows.length - written} ${g.type} relationship(s) found no node at one end (deleted while the update ran); rerun the build`);
        });
      }
    }
    progress(`neo4j: wrote ${delta.counts.writtenRels} new or changed relationships`);

    const communityRows = delta.communities.map((c) => ({ id: neo4j.int(c.id), label: c.label, size: neo4j.int(c.size) }));
    for (const rows of chunks(communityRows, STATEMENT_ROWS)) await run(labelCommunitiesStatement(), rows);
    await executeWriteRetrying(session, (tx) => tx.run(tidyCommunitiesStatement()));
    return { counts: delta.counts, seconds: (performance.now() - started) / 1000 };
  } finally {
    await session.close();
  }
}

/** Nodes and their community memberships, one transaction per statement's rows. */
async function writeNodes(session: Session, g: NodeWrite): Promise<void> {
  const isDocument = g.type === DOCUMENT;
  const statement = isDocument ? mergeDocumentsStatement() : writeNodesStatement(g.type, g.level);
  const values = g.rows.map((r) => (isDocument ? documentRowValues(r as DocumentRow) : nodeRowValues({ ...r, community: int(r.community) })));
  for (const rows of chunks(values, STATEMENT_ROWS)) {
    await executeWriteRetrying(session, async (tx) => {
      if (isDocument) await tx.run(statement, { rows });
      else await withMemberships(tx, statement, rows);
    });
  }
}

/** Runs a node statement that returns (id, community) and links those nodes to their Community nodes, in the same transaction. */
async function withMemberships(tx: ManagedTransaction, statement: string, rows: unknown[]): Promise<void> {
  const result = await tx.run(statement, { rows });
  const memberships = result.records
    .filter((r) => r.get('community') !== null)
    .map((r) => ({ id: r.get('id') as string, community: neo4j.int(r.get('community') as number) }));
  if (memberships.length > 0) await tx.run(setCommunitiesStatement(), { rows: memberships });
}
