// The single reduce step: per-document records in, one resolved graph out.
// (Minimal version: one node per (type, name); resolution rules come with the extraction work.)
import { MultiDirectedGraph } from 'graphology';
import type { DocRecord, Evidence } from '../extract/records.js';
import { nodeKey, type EdgeAttributes, type NodeAttributes } from './contract.js';

// Multi: two entities can be linked by relations of several types (a person ATTENDS and PRESIDES a meeting).
export type KgGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export function buildGraph(records: Iterable<DocRecord>): KgGraph {
  const graph: KgGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  for (const record of records) {
    const keyOf = new Map<string, string>();
    for (const m of record.mentions) {
      const key = nodeKey(m.type, m.name);
      keyOf.set(m.id, key);
      if (!graph.hasNode(key)) {
        graph.addNode(key, { type: m.type, name: m.name, aliases: [], evidence: [], community: 0, ...(m.level ? { level: m.level } : {}), ...(m.code ? { code: m.code } : {}) });
      }
      const attrs = graph.getNodeAttributes(key);
      for (const a of m.aliases) if (a !== attrs.name && !attrs.aliases.includes(a)) attrs.aliases.push(a);
      attrs.evidence.push(...m.evidence);
    }
    for (const r of record.relations) {
      const source = keyOf.get(r.from), target = keyOf.get(r.to);
      if (!source || !target || source === target) continue;
      const key = `${r.type}|${source}|${target}|${r.type === 'HOLDS_POSITION' ? r.title ?? '' : ''}`;
      if (!graph.hasEdge(key)) {
        graph.addDirectedEdgeWithKey(key, source, target, { type: r.type, evidence: [] as Evidence[], ...(r.title ? { title: r.title } : {}), ...(r.basis ? { basis: r.basis } : {}) });
      }
      graph.getEdgeAttributes(key).evidence.push(...r.evidence);
    }
  }
  return graph;
}
