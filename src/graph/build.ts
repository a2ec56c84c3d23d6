// The single reduce step: per-document records in, one resolved graph out.
//   resolve entities across documents → nodes with merged aliases and evidence → relations
//   → PART_OF between the places present, from the gazetteer
//   → a Document node per input with MENTIONS edges to the entities it names (provenance in the graph).
import { MultiDirectedGraph } from 'graphology';
import { gazetteer } from '../extract/gazetteer.js';
import type { DocRecord, Evidence } from '../extract/records.js';
import { DOCUMENT_TYPE, isEntity, MENTIONS, nodeKey, type EdgeAttributes, type EntityNodeAttributes, type NodeAttributes } from './contract.js';
import { resolveEntities } from './resolve.js';

// Multi: two entities can be linked by relations of several types (a person ATTENDS and PRESIDES a meeting).
export type KgGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

// A place named in thousands of documents would otherwise carry thousands of evidence entries;
// the first ones per node and edge are kept (the graph stays loadable and readable).
export const MAX_EVIDENCE = 20;

const addEvidence = (list: Evidence[], more: Evidence[]) => {
  for (const e of more) {
    if (list.length >= MAX_EVIDENCE) return;
    if (!list.some((x) => x.doc === e.doc && x.start === e.start && x.end === e.end)) list.push(e);
  }
};

/** `records` is read twice (resolution, then the graph): an array, or a spool that re-reads its file. */
export function buildGraph(records: Iterable<DocRecord>): KgGraph {
  const resolution = resolveEntities(records);
  const graph: KgGraph = new MultiDirectedGraph({ allowSelfLoops: false });
  for (const record of records) {
    const keyOf = new Map<string, string>();
    for (const m of record.mentions) {
      const name = resolution.canonicalName(m.type, m.name);
      const key = nodeKey(m.type, name);
      keyOf.set(m.id, key);
      if (!graph.hasNode(key)) {
        graph.addNode(key, {
          type: m.type, name, aliases: resolution.formsOf(m.type, name), evidence: [], community: 0,
          ...(m.level ? { level: m.level } : {}), ...(m.code ? { code: m.code } : {}),
        });
      }
      addEvidence(entityAttributes(graph, key).evidence, m.evidence);
    }
    addDocument(graph, record, keyOf);
    for (const r of record.relations) {
      const source = keyOf.get(r.from), target = keyOf.get(r.to);
      if (!source || !target || source === target) continue;
      const key = `${r.type}|${source}|${target}|${r.type === 'HOLDS_POSITION' ? r.title ?? '' : ''}`;
      if (!graph.hasEdge(key)) {
        graph.addDirectedEdgeWithKey(key, source, target, { type: r.type, evidence: [] as Evidence[], ...(r.title ? { title: r.title } : {}), ...(r.basis ? { basis: r.basis } : {}) });
      }
      const attrs = graph.getEdgeAttributes(key);
      if (!attrs.title && r.title) attrs.title = r.title;
      addEvidence(attrs.evidence, r.evidence);
    }
  }
  addPartOf(graph);
  return graph;
}

/** PART_OF from each place to its nearest ancestor that the graph also holds, per the gazetteer. */
function addPartOf(graph: KgGraph): void {
  const byCode = new Map<string, string>();
  graph.forEachNode((key, a) => { if (a.type === 'Place' && a.code) byCode.set(a.code, key); });
  if (!byCode.size) return;
  const g = gazetteer();
  for (const [code, key] of byCode) {
    const parent = g.ancestors(code).find((p) => byCode.has(p.code));
    if (!parent) continue;
    const target = byCode.get(parent.code)!;
    const edgeKey = `PART_OF|${key}|${target}|`;
    if (!graph.hasEdge(edgeKey)) graph.addDirectedEdgeWithKey(edgeKey, key, target, { type: 'PART_OF', evidence: entityAttributes(graph, key).evidence.slice(0, 1) });
  }
}

const entityAttributes = (graph: KgGraph, key: string): EntityNodeAttributes => {
  const a = graph.getNodeAttributes(key);
  if (!isEntity(a)) throw new Error(`internal error: ${key} is not an entity`);
  return a;
};

/**
 * The document's node, and a MENTIONS edge to each entity it names. The edge keeps the first place
 * the document names the entity (offsets only: the node's evidence has the rest, and a sentence on
 * every MENTIONS edge would double what graph.json and Neo4j hold).
 */
function addDocument(graph: KgGraph, record: DocRecord, keyOf: ReadonlyMap<string, string>): void {
  const docKey = nodeKey(DOCUMENT_TYPE, record.doc);
  if (!graph.hasNode(docKey)) {
    graph.addNode(docKey, {
      type: DOCUMENT_TYPE, name: record.doc,
      ...(record.title ? { title: record.title } : {}), ...(record.date ? { date: record.date } : {}), ...(record.place ? { place: record.place } : {}),
    });
  }
  for (const m of record.mentions) {
    const target = keyOf.get(m.id)!;
    const key = `${MENTIONS}|${docKey}|${target}|`;
    if (graph.hasEdge(key)) continue;
    const { doc, start, end } = m.evidence[0];
    graph.addDirectedEdgeWithKey(key, docKey, target, { type: MENTIONS, evidence: [{ doc, start, end }] });
  }
}
