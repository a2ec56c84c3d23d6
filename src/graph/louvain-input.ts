// Louvain's input, built in bulk. graphology-communities-louvain reads the graph it is given only to build
// its own index (graphology-indices' UndirectedLouvainIndex): the node keys in order, each node's degree,
// and the edges in order with their weights. An UndirectedGraph, built node by node and edge by edge,
// was most of the communities phase and about 2 GB at 1 GB of text, only to be read once; this view
// answers those reads from arrays. The package checks by duck typing that it was given a graphology graph
// (isGraph: addUndirectedEdgeWithKey, dropNode, multi); the mutators here throw.
// test/communities.test.ts checks that Louvain gives the same communities and modularity on this view
// as on an UndirectedGraph with the same nodes and edges added in the same order.
import { IntVec } from './int-vec.js';
import { RowIndex } from './row-index.js';

/** Node pairs (positions a < b) in the order each first appeared, with how often each appeared. */
export class WeightedPairs {
  readonly a = new IntVec();
  readonly b = new IntVec();
  readonly weight = new IntVec();
  private readonly index = new RowIndex([this.a, this.b]);

  get size(): number { return this.a.length; }

  /** Counts the pair (a, b), a < b. */
  add(a: number, b: number): void {
    const pair = this.index.find(a, b);
    if (pair >= 0) { this.weight.data[pair]++; return; }
    const row = this.a.push(a);
    this.b.push(b);
    this.weight.push(1);
    this.index.add(row);
  }

  /** The lookup index is not needed once every pair is in. */
  seal(): void { this.index.clear(); }
}

const readOnly = (): never => { throw new Error('LouvainInput is read-only'); };
const NO_ATTRIBUTES = Object.freeze({});

/**
 * An undirected, simple, weighted graph as graphology-communities-louvain reads it: nodes `keys` in that
 * order, edges `pairs` (positions in `keys`) in their order, each with attribute `weight`, as an
 * UndirectedGraph would give them had they been added in these orders.
 */
export class LouvainInput {
  readonly type = 'undirected';
  readonly multi = false;
  readonly selfLoopCount = 0;
  private readonly degree: Int32Array;
  /** The node forEachNode is visiting: the index asks for its degree there. */
  private current = -1;
  private positions: Map<string, number> | undefined;

  constructor(private readonly keys: readonly string[], private readonly pairs: WeightedPairs) {
    this.degree = new Int32Array(keys.length);
    for (let e = 0; e < pairs.size; e++) { this.degree[pairs.a.data[e]]++; this.degree[pairs.b.data[e]]++; }
  }

  get order(): number { return this.keys.length; }
  get size(): number { return this.pairs.size; }

  forEachNode(visit: (key: string, attributes: object) => void): void {
    for (let i = 0; i < this.keys.length; i++) {
      this.current = i;
      visit(this.keys[i], NO_ATTRIBUTES);
    }
    this.current = -1;
  }

  undirectedDegreeWithoutSelfLoops(key: string): number {
    if (this.current >= 0 && this.keys[this.current] === key) return this.degree[this.current];
    this.positions ??= new Map(this.keys.map((k, i) => [k, i]));
    const i = this.positions.get(key);
    if (i === undefined) throw new Error(`LouvainInput: no node ${key}`);
    return this.degree[i];
  }

  forEachEdge(visit: (edge: number, attributes: { weight: number }, source: string, target: string, sourceAttributes: object, targetAttributes: object, undirected: boolean) => void): void {
    const { a, b, weight } = this.pairs;
    // One attributes object for all edges: the index reads the weight during the call.
    const attributes = { weight: 0 };
    for (let e = 0; e < this.pairs.size; e++) {
      attributes.weight = weight.data[e];
      visit(e, attributes, this.keys[a.data[e]], this.keys[b.data[e]], NO_ATTRIBUTES, NO_ATTRIBUTES, true);
    }
  }

  addUndirectedEdgeWithKey = readOnly;
  dropNode = readOnly;
  setNodeAttribute = readOnly;
}
