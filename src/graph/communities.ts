// Community detection for the report and for colouring the graph in Gephi.
// Louvain on a directed graphology graph optimises *directed* modularity, which splits
// people from the meetings and bodies that point at them; communities in a knowledge
// graph are about who is connected to whom, so we run it on an undirected copy.
import { UndirectedGraph } from 'graphology';
import type Louvain from 'graphology-communities-louvain';
import { createRequire } from 'node:module';
import type { KgGraph } from './build.js';
import { DOCUMENT_TYPE, MENTIONS } from './contract.js';

// The package is CommonJS (module.exports = louvain) while its typings declare an ES default export;
// require() gives the function the typings describe.
const louvain = createRequire(import.meta.url)('graphology-communities-louvain') as typeof Louvain.default;

export interface CommunitySummary {
  /** Number of communities (an isolated node is a community of its own). */
  count: number;
  /** Modularity of the partition on the undirected graph; NaN when the graph has no edges. */
  modularity: number;
}

/** A fixed seed so that the same graph always gets the same communities. */
const DEFAULT_SEED = 20240521;

/** mulberry32: a tiny deterministic generator for Louvain's random node order. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Undirected view of the entities and their relations: parallel and opposite edges merge into one
 * edge whose weight is their count. Documents and MENTIONS stay out: a document names dozens of
 * entities, and every community would collapse around the documents instead of who works with whom.
 */
function undirectedCopy(graph: KgGraph): UndirectedGraph<Record<string, never>, { weight: number }> {
  const copy = new UndirectedGraph<Record<string, never>, { weight: number }>({ allowSelfLoops: false });
  // Nodes in sorted order: Louvain's result depends on insertion order too.
  for (const node of graph.filterNodes((_n, a) => a.type !== DOCUMENT_TYPE).sort()) copy.addNode(node);
  graph.forEachEdge((_edge, attrs, source, target) => {
    if (source === target || attrs.type === MENTIONS) return;
    if (copy.hasEdge(source, target)) copy.updateEdgeAttribute(source, target, 'weight', (w) => (w ?? 0) + 1);
    else copy.addEdge(source, target, { weight: 1 });
  });
  return copy;
}

/**
 * Sets an integer `community` on every entity node (not on documents). Communities are numbered by size
 * (0 = largest; ties broken by the smallest member key), so numbers are stable and meaningful.
 */
export function assignCommunities(graph: KgGraph, seed = DEFAULT_SEED): CommunitySummary {
  const undirected = undirectedCopy(graph);
  if (undirected.order === 0) return { count: 0, modularity: Number.NaN };
  let membership: Record<string, number>;
  let modularity = Number.NaN;
  if (undirected.size === 0) {
    membership = {};
    undirected.forEachNode((node, _a) => { membership[node] = Object.keys(membership).length; });
  } else {
    const detailed = louvain.detailed(undirected, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
    membership = detailed.communities;
    modularity = detailed.modularity;
  }

  const members = new Map<number, string[]>();
  for (const node of undirected.nodes()) {
    const c = membership[node];
    const list = members.get(c);
    if (list) list.push(node);
    else members.set(c, [node]);
  }
  const ordered = [...members.values()]
    .map((nodes) => nodes.sort())
    .sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  ordered.forEach((nodes, id) => {
    for (const node of nodes) graph.setNodeAttribute(node, 'community', id);
  });
  return { count: ordered.length, modularity };
}
