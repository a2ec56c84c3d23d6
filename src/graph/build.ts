// The single reduce step: per-document records in, one resolved graph out.
//   resolve entities across documents → nodes with merged aliases and evidence → relations
//   → PART_OF between the places present, from the gazetteer
//   → a Document node per input with MENTIONS edges to the entities it names (provenance in the graph).
// The work is done by reduceRecords (src/graph/store.ts), which keeps the graph compact; buildGraph gives
// it as a graphology graph, for callers that want to query it (tests, the evaluation, small graphs).
import { MultiDirectedGraph } from 'graphology';
import type { DocRecord } from '../extract/records.js';
import type { EdgeAttributes, NodeAttributes } from './contract.js';
import { reduceRecords, type GraphStore } from './store.js';

export { MAX_EVIDENCE } from './store.js';

// Multi: two entities can be linked by relations of several types (a person ATTENDS and PRESIDES a meeting).
export type KgGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** `records` is read once: an array, or a spool that reads its file. */
export function buildGraph(records: Iterable<DocRecord>): KgGraph {
  const store = reduceRecords(records);
  const graph = toGraphology(store);
  store.close();
  return graph;
}

/** The store as a graphology graph (evidence sentences included): as much memory as the whole graph takes. */
export function toGraphology(store: GraphStore): KgGraph {
  const graph: KgGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  graph.replaceAttributes({ ...store.attributes });
  for (const { key, attributes } of store.nodes()) graph.addNode(key, attributes);
  for (const { key, source, target, attributes } of store.edges()) graph.addDirectedEdgeWithKey(key, source, target, attributes);
  return graph;
}
