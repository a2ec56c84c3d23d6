// How the exported graph maps onto Neo4j: labels, relationship types and the
// parameter rows the loader sends. Pure: no driver here.
//
// Labels and relationship types are spliced into Cypher text (Cypher cannot take
// them as parameters), so they come only from the fixed tables below, keyed by
// the zod enums of src/extract/records.ts; a data string never becomes Cypher.
import { type Evidence, type PlaceLevel } from '../extract/records.js';
import {
  DOCUMENT_TYPE, EDGE_TYPES, ExportedGraph, isEntity, MENTIONS, NODE_TYPES,
  type DocumentNodeAttributes, type EdgeAttributes, type EdgeType, type EntityNodeAttributes, type NodeType,
} from '../graph/contract.js';

/** Entity labels and `Document` (one node per input file, keyed by its name like the entities). */
export const NODE_LABELS: Readonly<Record<NodeType, string>> = Object.fromEntries(
  NODE_TYPES.map((t) => [t, t]),
) as Record<NodeType, string>;

/** The second label of a Place: `:Place:City`. */
export const PLACE_LEVEL_LABELS: Readonly<Record<PlaceLevel, string>> = {
  country: 'Country', province: 'Province', city: 'City', county: 'County', town: 'Town', village: 'Village',
};

/** The contract's relation types and MENTIONS (Document → entity). */
export const REL_TYPES: Readonly<Record<EdgeType, string>> = Object.fromEntries(
  EDGE_TYPES.map((t) => [t, t]),
) as Record<EdgeType, string>;

export const COMMUNITY_LABEL = 'Community';
export const IN_COMMUNITY = 'IN_COMMUNITY';

/** Every label the loader may write, for checks and for the tests. */
export const ALL_LABELS: readonly string[] = [...Object.values(NODE_LABELS), ...Object.values(PLACE_LEVEL_LABELS), COMMUNITY_LABEL];

/** Identifiers spliced into Cypher must be one of ours AND look like an identifier; belt and braces. */
export function checkedIdentifier(value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value) || !/^[A-Z][A-Za-z_]*$/.test(value)) {
    throw new Error(`refusing to use ${JSON.stringify(value)} as a Neo4j label or relationship type`);
  }
  return value;
}

export interface NodeRow {
  name: string;
  aliases: string[];
  /** Evidence as canonical JSON strings: Neo4j properties cannot hold maps, and equal strings dedupe on merge. */
  evidence: string[];
  docs: string[];
  community: number | null;
  level: string | null;
  code: string | null;
}

export interface RelRow {
  source: string;
  target: string;
  /** HOLDS_POSITION is keyed by title too; '' when the edge has none (MERGE cannot match on null). */
  title: string | null;
  basis: string | null;
  /** The first evidence sentence: what Browser shows on the edge. */
  sentence: string | null;
  /**
   * Every place the edge was seen, as canonical {doc, start, end} JSON without the sentence text:
   * the text repeated in `sentence` and in the evidence doubled the bytes each edge stores, and
   * those bytes bound the load (bench/neo4j.mjs: 11.8k rel/s with the text, 15.8k without).
   * graph.json keeps every sentence; the offsets index <out>/texts/<doc>. An edge has no `docs`
   * list of its own (nodes do): it would repeat the evidence's docs, and that second list property
   * cost 13 % of the load rate (bench/neo4j.mjs: 20.5k -> 23.9k rel/s without it).
   */
  evidence: string[];
}

/** A Document node's row: NodeRow's columns, so the same statement and id bookkeeping serve it. */
export interface DocumentRow extends NodeRow {
  title: string | null;
  date: string | null;
  place: string | null;
}

/** Nodes of one label combination, written by one statement. */
export interface NodeGroup {
  type: NodeType;
  level?: PlaceLevel;
  rows: NodeRow[];
}

/** Relationships of one type between two labels, written by one statement (so both MATCHes use the name constraint). */
export interface RelGroup {
  type: EdgeType;
  sourceType: NodeType;
  targetType: NodeType;
  rows: RelRow[];
}

export interface CommunityRow {
  id: number;
  /**
   * A caption made of the best-connected members' names (COMMUNITY_LABEL_MEMBERS of them, by degree).
   * It is not a `name`: a Community is not an entity, and `MATCH (n {name: …})` must find only entities.
   */
  label: string;
  size: number;
}

/** How many members' names make a community's label. */
export const COMMUNITY_LABEL_MEMBERS = 3;

export interface LoadPlan {
  nodeGroups: NodeGroup[];
  relGroups: RelGroup[];
  communities: CommunityRow[];
  nodeCount: number;
  relCount: number;
}

/** Canonical JSON so the same evidence from two loads is the same string. */
export function evidenceJson(e: Evidence): string {
  return JSON.stringify(e.text === undefined ? { doc: e.doc, start: e.start, end: e.end } : { doc: e.doc, start: e.start, end: e.end, text: e.text });
}

const unique = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];

function nodeRow(a: EntityNodeAttributes): NodeRow {
  return {
    name: a.name,
    aliases: unique(a.aliases.filter((x) => x !== a.name)),
    evidence: unique(a.evidence.map(evidenceJson)),
    docs: unique(a.evidence.map((e) => e.doc)),
    community: Number.isInteger(a.community) ? a.community : null,
    level: a.level ?? null,
    code: a.code ?? null,
  };
}

/** A document is its own source: `docs` names it, so `$doc IN n.docs` finds it with the entities it mentions. */
function documentRow(a: DocumentNodeAttributes): DocumentRow {
  return {
    name: a.name, aliases: [], evidence: [], docs: [a.name], community: null, level: null, code: null,
    title: a.title ?? null, date: a.date ?? null, place: a.place ?? null,
  };
}

function relRow(source: string, target: string, a: EdgeAttributes): RelRow {
  const withText = a.evidence.find((e) => e.text !== undefined && e.text !== '');
  return {
    source,
    target,
    title: a.type === 'HOLDS_POSITION' ? (a.title ?? '') : (a.title ?? null),
    basis: a.basis ?? null,
    sentence: withText?.text ?? null,
    evidence: unique(a.evidence.map(({ doc, start, end }) => evidenceJson({ doc, start, end }))),
  };
}

/** Validates the graph against the contract and groups it into load batches. Throws on an invalid graph. */
export function planLoad(input: unknown): LoadPlan {
  const graph = ExportedGraph.parse(input);
  const byKey = new Map<string, { type: NodeType; name: string }>();
  const nodeGroups = new Map<string, NodeGroup>();
  for (const { key, attributes } of graph.nodes) {
    byKey.set(key, attributes);
    if (!isEntity(attributes)) {
      let documents = nodeGroups.get(DOCUMENT_TYPE);
      if (!documents) nodeGroups.set(DOCUMENT_TYPE, (documents = { type: DOCUMENT_TYPE, rows: [] }));
      documents.rows.push(documentRow(attributes));
      continue;
    }
    const level = attributes.type === 'Place' ? attributes.level : undefined;
    const groupKey = `${attributes.type}|${level ?? ''}`;
    let group = nodeGroups.get(groupKey);
    if (!group) nodeGroups.set(groupKey, (group = { type: attributes.type, ...(level ? { level } : {}), rows: [] }));
    group.rows.push(nodeRow(attributes));
  }

  const relGroups = new Map<string, RelGroup>();
  const degree = new Map<string, number>();
  let relCount = 0;
  for (const edge of graph.edges) {
    const source = byKey.get(edge.source), target = byKey.get(edge.target);
    if (!source || !target) throw new Error(`edge ${edge.key ?? `${edge.source}->${edge.target}`} points at a missing node`);
    const groupKey = `${edge.attributes.type}|${source.type}|${target.type}`;
    let group = relGroups.get(groupKey);
    if (!group) relGroups.set(groupKey, (group = { type: edge.attributes.type, sourceType: source.type, targetType: target.type, rows: [] }));
    group.rows.push(relRow(source.name, target.name, edge.attributes));
    relCount++;
    // A community's caption is its best-connected member by relations; every entity has documents.
    if (edge.attributes.type === MENTIONS) continue;
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }

  return {
    nodeGroups: [...nodeGroups.values()],
    relGroups: [...relGroups.values()],
    communities: communityRows(graph.nodes, degree),
    nodeCount: graph.nodes.length,
    relCount,
  };
}

function communityRows(nodes: ExportedGraph['nodes'], degree: Map<string, number>): CommunityRow[] {
  const byId = new Map<number, Array<{ name: string; degree: number }>>();
  for (const { key, attributes } of nodes) {
    if (!isEntity(attributes)) continue;
    let members = byId.get(attributes.community);
    if (!members) byId.set(attributes.community, (members = []));
    members.push({ name: attributes.name, degree: degree.get(key) ?? 0 });
  }
  const byDegree = (a: { name: string; degree: number }, b: { name: string; degree: number }) =>
    b.degree - a.degree || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  return [...byId.entries()]
    .sort(([a], [b]) => a - b)
    .map(([id, members]) => ({
      id,
      label: members.sort(byDegree).slice(0, COMMUNITY_LABEL_MEMBERS).map((m) => m.name).join(' · '),
      size: members.length,
    }));
}
