// Louvain's bulk-built input (src/graph/louvain-input.ts) against the graphology graph it replaces:
// the same nodes and weighted edges, added in the same orders, must give the same communities.
import { UndirectedGraph } from 'graphology';
import type Louvain from 'graphology-communities-louvain';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { louvainCommunities, seededRandom } from '../src/graph/communities.js';
import { LouvainInput, WeightedPairs } from '../src/graph/louvain-input.js';

const louvain = createRequire(import.meta.url)('graphology-communities-louvain') as typeof Louvain.default;

/** What communities.ts did before louvain-input.ts: an UndirectedGraph built from the pair counts. */
function viaGraphology(keys: readonly string[], edges: ReadonlyArray<[number, number]>, seed: number) {
  const n = keys.length;
  const weight = new Map<number, number>();
  for (const [a, b] of edges) {
    if (a === b) continue;
    const pair = a < b ? a * n + b : b * n + a;
    weight.set(pair, (weight.get(pair) ?? 0) + 1);
  }
  const copy = new UndirectedGraph<Record<string, never>, { weight: number }>({ allowSelfLoops: false });
  for (const key of keys) copy.addNode(key);
  for (const [pair, w] of weight) copy.addEdge(keys[Math.floor(pair / n)], keys[pair % n], { weight: w });
  return louvain.detailed(copy, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
}

/** A random graph of clusters with cross links, repeated and opposite edges, and self-loops. */
function randomGraph(nodes: number, edges: number, seed: number) {
  const rnd = seededRandom(seed);
  const keys = Array.from({ length: nodes }, (_v, i) => `Person:n${String(i).padStart(4, '0')}`);
  const list: Array<[number, number]> = [];
  for (let i = 0; i < edges; i++) {
    const a = Math.floor(rnd() * nodes);
    const near = (a + Math.floor(rnd() * 12)) % nodes;
    const b = rnd() < 0.85 ? near : Math.floor(rnd() * nodes);
    list.push(rnd() < 0.5 ? [a, b] : [b, a]);
  }
  return { keys, list };
}

describe('Louvain on the bulk-built input', () => {
  it.each([[1, 300, 900], [2, 1000, 5000], [3, 50, 2000]])('gives the communities and modularity of the UndirectedGraph (seed %i)', (seed, nodes, edges) => {
    const { keys, list } = randomGraph(nodes, edges, seed);
    const pairs = new WeightedPairs();
    for (const [a, b] of list) if (a !== b) pairs.add(Math.min(a, b), Math.max(a, b));
    const input = new LouvainInput(keys, pairs) as unknown as Parameters<typeof louvain.detailed>[0];
    const got = louvain.detailed(input, { getEdgeWeight: 'weight', rng: seededRandom(seed) });
    const want = viaGraphology(keys, list, seed);
    expect(got.communities).toEqual(want.communities);
    expect(got.modularity).toBe(want.modularity);
    expect(got.count).toBe(want.count);
    // And through louvainCommunities, which renumbers them.
    const result = louvainCommunities(keys, (visit) => { for (const [a, b] of list) visit(a, b); }, seed);
    expect(result.modularity).toBe(want.modularity);
    const sameGroup = (c: ArrayLike<number>, i: number, j: number) => c[i] === c[j];
    const wanted = Int32Array.from(keys, (k) => want.communities[k]);
    for (let i = 0; i + 1 < keys.length; i++) expect(sameGroup(result.community, i, i + 1)).toBe(sameGroup(wanted, i, i + 1));
  });

  it('counts repeated pairs as weights, in first-seen order, and answers degrees by key', () => {
    const pairs = new WeightedPairs();
    for (const [a, b] of [[0, 1], [1, 2], [0, 1], [0, 2], [1, 2], [0, 1]]) pairs.add(a, b);
    expect(pairs.size).toBe(3);
    const input = new LouvainInput(['A', 'B', 'C'], pairs);
    const seen: Array<[string, string, number]> = [];
    input.forEachEdge((_e, attributes, source, target) => seen.push([source, target, attributes.weight]));
    expect(seen).toEqual([['A', 'B', 3], ['B', 'C', 2], ['A', 'C', 1]]);
    expect([input.order, input.size]).toEqual([3, 3]);
    expect(input.undirectedDegreeWithoutSelfLoops('C')).toBe(2);
    expect(() => input.dropNode()).toThrow(/read-only/);
  });
});
