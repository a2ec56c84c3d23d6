// report.md: what a person wants to know after a build — what was read, what was
// skipped and why, what the graph holds, who is central, and how it clusters.
import { ENTITY_TYPES, RELATION_TYPES } from '../extract/records.js';
import type { KgGraph } from './build.js';
import type { CommunitySummary } from './communities.js';
import { DOCUMENT_TYPE, MENTIONS } from './contract.js';
import { GraphStore } from './store.js';

/** What the report needs of a graph: its entities (with relation degree and community) and counts. */
export interface ReportGraph {
  entities: ReadonlyArray<{ key: string; name: string; type: string; community: number; degree: number }>;
  /** Relations per type (MENTIONS not included). */
  relationCounts: ReadonlyMap<string, number>;
  documents: number;
  mentions: number;
}

export interface ReportDocument {
  doc: string;
  path: string;
  chars: number;
  mentions: number;
  relations: number;
}

export interface ReportInput {
  graph: KgGraph | GraphStore | ReportGraph;
  communities: CommunitySummary;
  documents: readonly ReportDocument[];
  skipped: ReadonlyArray<{ path: string; reason: string }>;
  /** Documents read although decoding had to replace invalid bytes; a section only when there are any. */
  repaired?: ReadonlyArray<{ path: string; note: string }>;
  /** Shown in the header when given. */
  inputs?: readonly string[];
  seconds?: number;
}

export const REPORT_LIMITS = { documents: 200, centralEntities: 20, communities: 30, membersPerCommunity: 8 } as const;

/** Markdown table cells: pipes and line breaks would break the row. */
const cell = (value: unknown): string => String(value).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

const table = (header: string[], rows: unknown[][]): string[] => [
  `| ${header.join(' | ')} |`,
  `| ${header.map(() => '---').join(' | ')} |`,
  ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
];

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function renderReport(input: ReportInput): string {
  const { communities, documents, skipped } = input;
  const graph = reportGraph(input.graph);
  const lines: string[] = ['# Knowledge graph build report', ''];
  if (input.inputs?.length) lines.push(`Inputs: ${input.inputs.map((i) => `\`${i}\``).join(', ')}`, '');
  const took = input.seconds !== undefined ? ` in ${input.seconds.toFixed(1)} s` : '';
  let relations = 0;
  for (const n of graph.relationCounts.values()) relations += n;
  lines.push(
    `${documents.length} documents read, ${skipped.length} skipped${took}; ` +
      `${graph.entities.length} entities, ${relations} relations, ${communities.count} communities; ` +
      `${graph.documents} Document nodes with ${graph.mentions} MENTIONS edges.`,
    '',
  );

  lines.push(`## Documents read (${documents.length})`, '');
  if (documents.length === 0) lines.push('None.');
  else {
    const shown = documents.slice(0, REPORT_LIMITS.documents);
    lines.push(...table(['doc', 'path', 'characters', 'mentions', 'relations'], shown.map((d) => [d.doc, d.path, d.chars, d.mentions, d.relations])));
    if (documents.length > shown.length) lines.push('', `… and ${documents.length - shown.length} more.`);
  }
  if (input.repaired?.length) {
    lines.push('', `## Read with repairs (${input.repaired.length})`, '');
    lines.push(...table(['path', 'repair'], input.repaired.map((r) => [r.path, r.note])));
  }
  lines.push('', `## Skipped (${skipped.length})`, '');
  if (skipped.length === 0) lines.push('None.');
  else lines.push(...table(['path', 'reason'], skipped.map((s) => [s.path, s.reason])));

  lines.push('', '## Entities by type', '');
  const nodeCounts = countBy(graph.entities.map((e) => e.type), ENTITY_TYPES);
  lines.push(...table(['type', 'count'], [...nodeCounts.entries()]));

  lines.push('', '## Relations by type', '');
  const edgeCounts = new Map<string, number>(RELATION_TYPES.map((t) => [t, 0]));
  for (const [t, n] of graph.relationCounts) edgeCounts.set(t, (edgeCounts.get(t) ?? 0) + n);
  lines.push(...table(['type', 'count'], [...edgeCounts.entries()]));

  lines.push('', `## Most connected entities (top ${REPORT_LIMITS.centralEntities})`, '');
  // Most connected first; ties by key so the report is the same on every run.
  const ranked = [...graph.entities].sort((a, b) => b.degree - a.degree || byKey(a.key, b.key));
  if (ranked.length === 0) lines.push('None.');
  else {
    lines.push(...table(
      ['#', 'name', 'type', 'degree', 'community'],
      ranked.slice(0, REPORT_LIMITS.centralEntities).map((e, i) => [i + 1, e.name, e.type, e.degree, e.community]),
    ));
  }

  lines.push('', '## Communities', '');
  const modularity = Number.isFinite(communities.modularity) ? communities.modularity.toFixed(3) : 'n/a (no relations)';
  lines.push(`${communities.count} communities (Louvain on the undirected graph); modularity ${modularity}.`, '');
  const { carried } = communities;
  if (carried) {
    lines.push(`Numbers kept from the previous build in this folder: ${carried.communities} of the ${communities.count} communities took the number of the previous community they overlap most; `
      + `${communities.count - carried.communities} new or reshaped ones got new numbers from ${carried.firstNew} up.`, '');
  } else lines.push('Numbered by size: 0 is the largest.', '');
  const groups = new Map<number, typeof ranked>();
  for (const e of ranked) {
    const list = groups.get(e.community);
    if (list) list.push(e);
    else groups.set(e.community, [e]);
  }
  const largest = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, REPORT_LIMITS.communities);
  if (largest.length > 0) {
    lines.push(...table(
      ['community', 'size', 'types', 'leading members (by degree)'],
      largest.map(([id, members]) => [
        id,
        members.length,
        [...countBy(members.map((m) => m.type), []).entries()].map(([t, c]) => `${t} ${c}`).join(', '),
        members.slice(0, REPORT_LIMITS.membersPerCommunity).map((m) => `${m.name} (${m.degree})`).join('、'),
      ]),
    ));
    if (groups.size > largest.length) lines.push('', `… and ${groups.size - largest.length} smaller communities.`);
  }
  lines.push('');
  return lines.join('\n');
}

function reportGraph(graph: KgGraph | GraphStore | ReportGraph): ReportGraph {
  if (graph instanceof GraphStore) return storeReportGraph(graph);
  if ('forEachNode' in graph) return graphologyReportGraph(graph);
  return graph;
}

/** The report's view of the compact store. */
export function storeReportGraph(store: GraphStore): ReportGraph {
  const degree = new Int32Array(store.entityCount);
  const relationCounts = new Map<string, number>();
  for (let e = 0; e < store.relationCount; e++) {
    degree[store.edgeSource[e]]++;
    degree[store.edgeTarget[e]]++;
    relationCounts.set(store.edgeType[e], (relationCounts.get(store.edgeType[e]) ?? 0) + 1);
  }
  return {
    entities: store.nodeKey.map((key, i) => ({ key, name: store.nodeName[i], type: store.nodeType[i], community: store.community[i], degree: degree[i] })),
    relationCounts,
    documents: store.documents.length,
    mentions: store.mentions.doc.length,
  };
}

/** The report's view of a graphology graph. */
export function graphologyReportGraph(graph: KgGraph): ReportGraph {
  const relationCounts = new Map<string, number>();
  graph.forEachEdge((_e, a) => { if (a.type !== MENTIONS) relationCounts.set(a.type, (relationCounts.get(a.type) ?? 0) + 1); });
  const counts = graphCounts(graph);
  return {
    entities: graph.filterNodes((_n, a) => a.type !== DOCUMENT_TYPE).map((key) => {
      const a = graph.getNodeAttributes(key);
      return { key, name: a.name, type: a.type, community: (a as { community: number }).community, degree: relationDegree(graph, key) };
    }),
    relationCounts,
    documents: counts.documents,
    mentions: counts.mentions,
  };
}

/** Counts values; `known` are listed first (with zeros), anything else after, so new types still show. */
function countBy(values: readonly string[], known: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>(known.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  if (known.length === 0) return new Map([...counts.entries()].sort((a, b) => b[1] - a[1] || byKey(a[0], b[0])));
  return counts;
}

/** Entities and relations (the contract's core), apart from the Document nodes and MENTIONS edges that record provenance. */
export function graphCounts(graph: KgGraph): { entities: number; relations: number; documents: number; mentions: number } {
  let documents = 0, mentions = 0;
  graph.forEachNode((_n, a) => { if (a.type === DOCUMENT_TYPE) documents++; });
  graph.forEachEdge((_e, a) => { if (a.type === MENTIONS) mentions++; });
  return { entities: graph.order - documents, relations: graph.size - mentions, documents, mentions };
}

/** An entity's relations, not counting the documents that mention it (every entity has those). */
export function relationDegree(graph: KgGraph, node: string): number {
  let degree = 0;
  graph.forEachEdge(node, (_e, a) => { if (a.type !== MENTIONS) degree++; });
  return degree;
}

/** All entities (not documents), most connected first; ties by key so the report is the same on every run. */
export function nodesByDegree(graph: KgGraph): string[] {
  const degree = new Map(graph.filterNodes((_n, a) => a.type !== DOCUMENT_TYPE).map((n) => [n, relationDegree(graph, n)]));
  return [...degree.keys()].sort((a, b) => degree.get(b)! - degree.get(a)! || byKey(a, b));
}
