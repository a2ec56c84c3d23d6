// Checks an exported graph against the contract before it is written, so that a
// broken graph.json never reaches the evaluation, Neo4j or a reader.
import type { z } from 'zod';
import { ExportedGraph } from './contract.js';

export class GraphValidationError extends Error {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? ` (and ${problems.length - 3} more)` : '';
    super(`graph does not match the contract: ${shown}${more}`);
    this.name = 'GraphValidationError';
  }
}

export interface ValidateOptions {
  /** Characters of normalised text per document: evidence must lie inside its document. */
  docChars?: ReadonlyMap<string, number>;
}

/** Parses `data` as the contract's ExportedGraph and checks what zod cannot: references and offsets. */
export function validateExportedGraph(data: unknown, options: ValidateOptions = {}): ExportedGraph {
  const { nodes = [], edges = [] } = (data ?? {}) as { nodes?: unknown[]; edges?: unknown[] };
  const checker = new GraphChecker(options);
  checker.shell(data);
  if (!Array.isArray(nodes) || !Array.isArray(edges)) throw new GraphValidationError(['nodes and edges must be arrays']);
  // Checked element by element: one parse of the whole graph would hold a second copy of it in memory.
  for (const node of nodes) checker.node(node);
  for (const edge of edges) checker.edge(edge);
  checker.finish();
  return data as ExportedGraph;
}

type ExportedNode = ExportedGraph['nodes'][number];
type ExportedEdge = ExportedGraph['edges'][number];

/**
 * The checks of validateExportedGraph, one element at a time, for a graph that is written as it is
 * checked: the graph attributes first, then every node, then every edge (an edge's ends must be nodes
 * given before it). Schema problems throw at once (at most 20 are collected per element); reference and
 * offset problems are collected and thrown by `finish`.
 */
export class GraphChecker {
  private readonly keys = new Set<string>();
  private readonly problems: string[] = [];
  private nodes = 0;
  private edges = 0;

  constructor(private readonly options: ValidateOptions = {}) {}

  shell(data: unknown): void {
    const shell = ExportedGraph.safeParse({ ...(data as object), nodes: [], edges: [] });
    if (!shell.success) throw new GraphValidationError(shell.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }

  node(item: unknown): void {
    const node = parsed<ExportedNode>(ExportedGraph.shape.nodes.element, item, `nodes.${this.nodes++}`);
    if (this.keys.has(node.key)) this.problems.push(`node ${node.key}: duplicate key`);
    this.keys.add(node.key);
    if (node.attributes.type === 'Document') {
      if (this.options.docChars && !this.options.docChars.has(node.attributes.name)) this.problems.push(`node ${node.key}: no such document`);
    } else checkEvidence(`node ${node.key}`, node.attributes.evidence, this.options, this.problems);
  }

  edge(item: unknown): void {
    const edge = parsed<ExportedEdge>(ExportedGraph.shape.edges.element, item, `edges.${this.edges++}`);
    const label = `edge ${edge.key ?? `${edge.source}->${edge.target}`}`;
    if (!this.keys.has(edge.source)) this.problems.push(`${label}: unknown source ${edge.source}`);
    if (!this.keys.has(edge.target)) this.problems.push(`${label}: unknown target ${edge.target}`);
    checkEvidence(label, edge.attributes.evidence, this.options, this.problems);
  }

  finish(): void {
    if (this.problems.length > 0) throw new GraphValidationError(this.problems);
  }
}

function parsed<T>(schema: z.ZodType, item: unknown, where: string): T {
  const r = schema.safeParse(item);
  if (!r.success) throw new GraphValidationError(r.error.issues.slice(0, 20).map((i) => `${where}.${i.path.join('.')}: ${i.message}`));
  return item as T;
}

function checkEvidence(
  owner: string,
  evidence: ReadonlyArray<{ doc: string; start: number; end: number }>,
  options: ValidateOptions,
  problems: string[],
): void {
  for (const e of evidence) {
    if (e.end < e.start) problems.push(`${owner}: evidence in ${e.doc} ends before it starts (${e.start}-${e.end})`);
    if (!options.docChars) continue;
    const chars = options.docChars.get(e.doc);
    if (chars === undefined) problems.push(`${owner}: evidence names unknown document ${e.doc}`);
    else if (e.end > chars) problems.push(`${owner}: evidence ${e.start}-${e.end} lies past the end of ${e.doc} (${chars} chars)`);
  }
}
