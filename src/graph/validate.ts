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
  // Checked element by element: one parse of the whole graph would hold a second copy of it in memory.
  const shell = ExportedGraph.safeParse({ ...(data as object), nodes: [], edges: [] });
  const issues = shell.success ? [] : shell.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const { nodes = [], edges = [] } = (data ?? {}) as { nodes?: unknown[]; edges?: unknown[] };
  if (!Array.isArray(nodes) || !Array.isArray(edges)) issues.push('nodes and edges must be arrays');
  const check = (schema: z.ZodType, items: unknown[], where: string) => items.forEach((item, index) => {
    if (issues.length >= 20) return;
    const r = schema.safeParse(item);
    if (!r.success) for (const i of r.error.issues) issues.push(`${where}.${index}.${i.path.join('.')}: ${i.message}`);
  });
  if (Array.isArray(nodes)) check(ExportedGraph.shape.nodes.element, nodes, 'nodes');
  if (Array.isArray(edges)) check(ExportedGraph.shape.edges.element, edges, 'edges');
  if (issues.length) throw new GraphValidationError(issues);
  const graph = data as ExportedGraph;
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const node of graph.nodes) {
    if (keys.has(node.key)) problems.push(`node ${node.key}: duplicate key`);
    keys.add(node.key);
    if (node.attributes.type === 'Document') {
      if (options.docChars && !options.docChars.has(node.attributes.name)) problems.push(`node ${node.key}: no such document`);
    } else checkEvidence(`node ${node.key}`, node.attributes.evidence, options, problems);
  }
  for (const edge of graph.edges) {
    const label = `edge ${edge.key ?? `${edge.source}->${edge.target}`}`;
    if (!keys.has(edge.source)) problems.push(`${label}: unknown source ${edge.source}`);
    if (!keys.has(edge.target)) problems.push(`${label}: unknown target ${edge.target}`);
    checkEvidence(label, edge.attributes.evidence, options, problems);
  }
  if (problems.length > 0) throw new GraphValidationError(problems);
  return graph;
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
