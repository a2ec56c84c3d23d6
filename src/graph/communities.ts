// Community detection for the report and for colouring the graph in Gephi.
// Louvain on a directed graphology graph optimises *directed* modularity, which splits
// people from the meetings and bodies that point at them; communities in a knowledge
// graph are about who is connected to whom, so we run it on an undirected copy.
import type Louvain from 'graphology-communities-louvain';
import { createRequire } from 'node:module';
import type { KgGraph } from './build.js';
import type { GraphStore } from './store.js';
import { DOCUMENT_TYPE, MENTIONS } from './contract.js';
import { matchCommunities, previousNumbers, type CommunityNumbers } from './community-numbers.js';
import { LouvainInput, WeightedPairs } from './louvain-input.js';

// The package is CommonJS (module.exports = louvain) while its typings declare an ES default export;
// require() gives the function the typings describe.
const louvain = createRequire(import.meta.url)('graphology-communities-louvain') as typeof Louvain.default;

export interface CommunitySummary {
  /** Number of communities (an isolated node is a community of its own). */
  count: number;
  /** Modularity of the partition on the undirected graph; NaN when the graph has no edges. */
  modularity: number;
  /**
   * Set when the numbers were carried over from a previous build: how many communities kept a previous
   * number, and the first number given to the others (they got `firstNew` upwards).
   */
  carried?: { communities: number; firstNew: number };
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
 * Louvain on an undirected view of the entities and their relations: parallel and opposite edges merge
 * into one edge whose weight is their count. `keys` are the nodes in sorted order (Louvain's result depends
 * on insertion order too); `eachEdge` gives each relation as two positions in `keys`, in the graph's edge
 * order. Returns each position's community, numbered by size (0 = largest; ties broken by the smallest
 * member key), so numbers are stable and meaningful.
 */
export function louvainCommunities(
  keys: readonly string[],
  eachEdge: (visit: (a: number, b: number) => void) => void,
  seed = DEFAULT_SEED,
): CommunitySummary & { community: Int32Array } {
  const n = keys.length;
  const community = new Int32Array(n);
  if (n === 0) return { count: 0, modularity: Number.NaN, community };
  // Weights first, then the edges in the order each pair first appeared (louvain-input.ts).
  const pairs = new WeightedPairs();
  eachEdge((a, b) => {
    if (a !== b) pairs.add(Math.min(a, b), Math.max(a, b));
  });
  pairs.seal();
  let raw: Int32Array;
  let modularity = Number.NaN;
  if (pairs.size === 0) {
    raw = Int32Array.from(keys, (_k, i) => i);
  } else {
    const input = new LouvainInput(keys, pairs) as unknown as Parameters<typeof louvain.detailed>[0];
    const detailed = louvain.detailed(input, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
    modularity = detailed.modularity;
    raw = Int32Array.from(keys, (k) => detailed.communities[k]);
  }
  // Renumber: by size, then by the smallest member key (positions are in key order).
  const size = new Map<number, number>();
  const firstAt = new Map<number, number>();
  raw.forEach((c, i) => { size.set(c, (size.get(c) ?? 0) + 1); if (!firstAt.has(c)) firstAt.set(c, i); });
  const ordered = [...size.keys()].sort((a, b) => size.get(b)! - size.get(a)! || firstAt.get(a)! - firstAt.get(b)!);
  const id = new Map(ordered.map((c, i) => [c, i]));
  raw.forEach((c, i) => { community[i] = id.get(c)!; });
  return { count: ordered.length, modularity, community };
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sets an integer `community` on every entity node (not on documents). Documents and MENTIONS stay out:
 * a document names dozens of entities, and every community would collapse around the documents instead
 * of who works with whom.
 */
export function assignCommunities(graph: KgGraph, seed = DEFAULT_SEED): CommunitySummary {
  const keys = graph.filterNodes((_n, a) => a.type !== DOCUMENT_TYPE).sort(byKey);
  const position = new Map(keys.map((k, i) => [k, i]));
  const result = louvainCommunities(keys, (visit) => graph.forEachEdge((_edge, attrs, source, target) => {
    if (attrs.type !== MENTIONS) visit(position.get(source)!, position.get(target)!);
  }), seed);
  keys.forEach((k, i) => graph.setNodeAttribute(k, 'community', result.community[i]));
  return { count: result.count, modularity: result.modularity };
}

/**
 * assignCommunities for the compact store (src/graph/store.ts): the same communities for the same graph.
 * With `before` (the previous build's numbers, communities.json) the communities are the same but each
 * takes the previous number it overlaps most (community-numbers.ts), unless too few entities were in the
 * previous build. Returns, besides the summary, the numbering to keep for the next build.
 */
export function assignStoreCommunities(
  store: GraphStore,
  { seed = DEFAULT_SEED, before }: { seed?: number; before?: CommunityNumbers } = {},
): CommunitySummary & { numbers: CommunityNumbers } {
  const order = Int32Array.from(store.nodeKey, (_k, i) => i).sort((a, b) => byKey(store.nodeKey[a], store.nodeKey[b]));
  const position = new Int32Array(order.length);
  order.forEach((node, i) => { position[node] = i; });
  const keys = Array.from(order, (node) => store.nodeKey[node]);
  const result = louvainCommunities(keys, (visit) => {
    for (let e = 0; e < store.relationCount; e++) visit(position[store.edgeSource[e]], position[store.edgeTarget[e]]);
  }, seed);
  const previous = before ? previousNumbers(keys, before) : undefined;
  let community = result.community, next = result.count, carried: CommunitySummary['carried'];
  if (previous) {
    const matched = matchCommunities(result.community, previous, before!.next);
    community = matched.community;
    carried = { communities: matched.carried, firstNew: before!.next };
    next = matched.next;
  }
  order.forEach((node, i) => { store.community[node] = community[i]; });
  return {
    count: result.count, modularity: result.modularity, ...(carried ? { carried } : {}),
    numbers: { version: 1, next, keys, community: Array.from(community) },
  };
}
