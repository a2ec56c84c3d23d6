// The reduce step's graph, held compactly: per-document records go in one at a time (one pass), the
// resolved graph comes out as arrays of distinct entities and relations. Evidence is kept as numbers
// (document index, offsets) in typed arrays, capped at MAX_EVIDENCE per node and edge; evidence
// sentences go to a TextStore (a file in `kg build`) and come back only while the graph files are written.
// So the heap grows with the distinct entities and relations, not with the text or its evidence spans.
//
// One pass: mentions are collected under their own `type:name` (a "raw" entity) and relations between
// raw entities; once every record is in, entity resolution maps raw entities to canonical ones, and
// raw nodes and edges that resolve to the same key are merged. Orders and attributes are those that
// building the graph record by record gives: a node or edge appears where it was first seen, its
// evidence is the first MAX_EVIDENCE distinct spans in record order, its level/code/basis come from its
// first mention or relation, and an edge's title is the first one given.
//
// Memory: raw and canonical relations are keyed by four numbers (row-index.ts), not by strings, and the
// end of the reduce fills the evidence tables straight from the pools (evidence-pool.ts), letting each
// pool go once its table is made; at 1 GB of text the end of the reduce was the whole build's peak.
import { gazetteer } from '../extract/gazetteer.js';
import type { DocRecord, EntityType, PlaceLevel } from '../extract/records.js';
import { DOCUMENT_TYPE, MENTIONS, type EdgeAttributes, type NodeAttributes } from './contract.js';
import { EvidencePool, groupMembers, packEvidence, sharedInt32, type EvidenceTable } from './evidence-pool.js';
import { IntVec, NumVec } from './int-vec.js';
import { resolveSeen, type SeenEntity } from './resolve.js';
import { RowIndex } from './row-index.js';
import { MemoryTexts, type TextsHandOff, type TextStore } from './texts.js';

export { MAX_EVIDENCE, type EvidenceTable } from './evidence-pool.js';

const sharedCopy = (data: Int32Array, n: number): Int32Array => {
  const out = sharedInt32(n);
  out.set(data.subarray(0, n));
  return out;
};

/** A GraphStore as it crosses to another thread (GraphStore.snapshot). */
export interface StoreSnapshot {
  attributes: Record<string, unknown>;
  docs: readonly string[];
  documents: ReadonlyArray<{ doc: number; title?: string; date?: string; place?: string }>;
  nodeKey: readonly string[];
  nodeType: readonly EntityType[];
  nodeName: readonly string[];
  nodeAliases: ReadonlyArray<readonly string[]>;
  nodeLevel: ReadonlyArray<PlaceLevel | undefined>;
  nodeCode: ReadonlyArray<string | undefined>;
  nodeEvidence: EvidenceTable;
  edgeTypes: string[];
  edgeTypeCode: Uint8Array;
  edgeSource: Int32Array;
  edgeTarget: Int32Array;
  edgeTitle: ReadonlyArray<string | undefined>;
  edgeBasis: ReadonlyArray<string | undefined>;
  edgeEvidence: EvidenceTable;
  mentions: GraphStore['mentions'];
  community: Int32Array;
  texts: TextsHandOff;
}

export interface StoreNode { key: string; attributes: NodeAttributes }
export interface StoreEdge { key: string; source: string; target: string; attributes: EdgeAttributes }

/** The reduced graph: entities (canonical), relations (with PART_OF), documents and MENTIONS. */
export class GraphStore {
  readonly attributes: Record<string, unknown> = {};
  readonly options = { type: 'directed', multi: true, allowSelfLoops: false } as const;
  /** Set by assignCommunities; 0 until then. */
  community: Int32Array;

  constructor(
    readonly docs: readonly string[],
    readonly documents: ReadonlyArray<{ doc: number; title?: string; date?: string; place?: string }>,
    readonly nodeKey: readonly string[],
    readonly nodeType: readonly EntityType[],
    readonly nodeName: readonly string[],
    readonly nodeAliases: ReadonlyArray<readonly string[]>,
    readonly nodeLevel: ReadonlyArray<PlaceLevel | undefined>,
    readonly nodeCode: ReadonlyArray<string | undefined>,
    readonly nodeEvidence: EvidenceTable,
    readonly edgeType: readonly string[],
    readonly edgeSource: Int32Array,
    readonly edgeTarget: Int32Array,
    readonly edgeTitle: ReadonlyArray<string | undefined>,
    readonly edgeBasis: ReadonlyArray<string | undefined>,
    readonly edgeEvidence: EvidenceTable,
    /** MENTIONS: document index, target node, and the first span (document index, start, end). */
    readonly mentions: { doc: Int32Array; target: Int32Array; evDoc: Int32Array; start: Int32Array; end: Int32Array },
    readonly texts: TextStore,
  ) {
    this.community = sharedInt32(nodeKey.length);
  }

  /** What another thread needs to rebuild the store (fromSnapshot): typed arrays are shared, not copied. */
  snapshot(): StoreSnapshot {
    const types = [...new Set(this.edgeType)];
    const code = new Map(types.map((t, i) => [t, i]));
    return {
      attributes: this.attributes, docs: this.docs, documents: this.documents,
      nodeKey: this.nodeKey, nodeType: this.nodeType, nodeName: this.nodeName, nodeAliases: this.nodeAliases,
      nodeLevel: this.nodeLevel, nodeCode: this.nodeCode, nodeEvidence: this.nodeEvidence,
      // Millions of edges, a dozen types: numbers cross the thread boundary far more cheaply than strings.
      edgeTypes: types, edgeTypeCode: Uint8Array.from(this.edgeType, (t) => code.get(t)!),
      edgeSource: this.edgeSource, edgeTarget: this.edgeTarget, edgeTitle: this.edgeTitle, edgeBasis: this.edgeBasis,
      edgeEvidence: this.edgeEvidence, mentions: this.mentions, community: this.community, texts: this.texts.handOff(),
    };
  }

  static fromSnapshot(s: StoreSnapshot, texts: TextStore): GraphStore {
    const store = new GraphStore(
      s.docs, s.documents, s.nodeKey, s.nodeType, s.nodeName, s.nodeAliases, s.nodeLevel, s.nodeCode, s.nodeEvidence,
      Array.from(s.edgeTypeCode, (c) => s.edgeTypes[c]), s.edgeSource, s.edgeTarget, s.edgeTitle, s.edgeBasis, s.edgeEvidence,
      s.mentions, texts,
    );
    store.community = s.community;
    Object.assign(store.attributes, s.attributes);
    return store;
  }

  /** The MENTIONS' evidence (one span each) as an evidence table, owner i being MENTIONS edge i. */
  mentionEvidence(): EvidenceTable {
    const m = this.mentions, n = m.doc.length;
    return {
      offsets: Int32Array.from({ length: n + 1 }, (_v, i) => i), doc: m.evDoc, start: m.start, end: m.end,
      textOffset: new Float64Array(0), textLength: new Int32Array(0),
    };
  }

  /** Entity nodes. */
  get entityCount(): number { return this.nodeKey.length; }
  /** Relation edges (PART_OF included, MENTIONS not). */
  get relationCount(): number { return this.edgeType.length; }
  get order(): number { return this.nodeKey.length + this.documents.length; }
  get size(): number { return this.edgeType.length + this.mentions.doc.length; }

  documentKey(doc: number): string { return `${DOCUMENT_TYPE}:${this.docs[doc]}`; }

  edgeKey(i: number): string {
    return `${this.edgeType[i]}|${this.nodeKey[this.edgeSource[i]]}|${this.nodeKey[this.edgeTarget[i]]}|${this.edgeType[i] === 'HOLDS_POSITION' ? this.edgeTitle[i] ?? '' : ''}`;
  }

  /** Node i's attributes; without evidence (an empty list) when `withEvidence` is false. */
  nodeAttributes(i: number, withEvidence = true): NodeAttributes {
    const level = this.nodeLevel[i], code = this.nodeCode[i];
    return {
      type: this.nodeType[i], name: this.nodeName[i], aliases: this.nodeAliases[i] as string[],
      evidence: withEvidence ? this.evidenceOf(this.nodeEvidence, i) : [], community: this.community[i],
      ...(level ? { level } : {}), ...(code ? { code } : {}),
    };
  }

  /** Edge i's attributes; `withText: false` leaves the sentences out of the evidence (a check that need not read them). */
  edgeAttributes(i: number, withEvidence = true, withText = true): EdgeAttributes {
    const title = this.edgeTitle[i], basis = this.edgeBasis[i];
    return {
      type: this.edgeType[i] as EdgeAttributes['type'], evidence: withEvidence ? this.evidenceOf(this.edgeEvidence, i, withText) : [],
      ...(title ? { title } : {}), ...(basis ? { basis } : {}),
    };
  }

  /** Entity nodes, then Document nodes, as graph.json holds them. */
  *nodes(withEvidence = true): Generator<StoreNode> {
    for (let i = 0; i < this.nodeKey.length; i++) yield { key: this.nodeKey[i], attributes: this.nodeAttributes(i, withEvidence) };
    for (const d of this.documents) {
      yield {
        key: this.documentKey(d.doc),
        attributes: {
          type: DOCUMENT_TYPE, name: this.docs[d.doc],
          ...(d.title ? { title: d.title } : {}), ...(d.date ? { date: d.date } : {}), ...(d.place ? { place: d.place } : {}),
        },
      };
    }
  }

  /** Relations (PART_OF last), then MENTIONS; `withText: false` leaves the sentences out of the evidence. */
  *edges(withEvidence = true, withText = true): Generator<StoreEdge> {
    for (let i = 0; i < this.edgeType.length; i++) {
      yield { key: this.edgeKey(i), source: this.nodeKey[this.edgeSource[i]], target: this.nodeKey[this.edgeTarget[i]], attributes: this.edgeAttributes(i, withEvidence, withText) };
    }
    const m = this.mentions;
    for (let i = 0; i < m.doc.length; i++) {
      const source = this.documentKey(m.doc[i]), target = this.nodeKey[m.target[i]];
      yield {
        key: `${MENTIONS}|${source}|${target}|`, source, target,
        attributes: { type: MENTIONS, evidence: withEvidence ? [{ doc: this.docs[m.evDoc[i]], start: m.start[i], end: m.end[i] }] : [] },
      };
    }
  }

  private evidenceOf(t: EvidenceTable, owner: number, withText = true): EdgeAttributes['evidence'] {
    const out: EdgeAttributes['evidence'] = [];
    for (let k = t.offsets[owner]; k < t.offsets[owner + 1]; k++) {
      const doc = this.docs[t.doc[k]], start = t.start[k], end = t.end[k];
      const length = withText && k < t.textLength.length ? t.textLength[k] : -1;
      out.push(length < 0 ? { doc, start, end } : { doc, start, end, text: this.texts.get({ offset: t.textOffset[k], length }) });
    }
    return out;
  }

  /** Lets the text store go (its file belongs to whoever made it). */
  close(): void { this.texts.close(); }
}

export interface Reducer {
  /** Takes the next record (records go in in input order). */
  add(record: DocRecord): void;
  /** Resolves entities and returns the graph; the reducer is used up. */
  finish(): GraphStore;
}

/**
 * Strings that recur across relations (types, titles, bases), each numbered once: a raw edge holds four
 * numbers, not references to the copies every parsed record brings. -1 stands for undefined.
 */
class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  code(s: string | undefined): number {
    if (s === undefined) return -1;
    let c = this.index.get(s);
    if (c === undefined) { c = this.list.push(s) - 1; this.index.set(s, c); }
    return c;
  }
  get(c: number): string | undefined { return c < 0 ? undefined : this.list[c]; }
}

/** Canonical nodes from resolution, in the order their raw entities were first seen. */
interface CanonicalNodes {
  nodeKey: string[]; nodeType: EntityType[]; nodeName: string[]; nodeAliases: string[][];
  nodeLevel: Array<PlaceLevel | undefined>; nodeCode: Array<string | undefined>;
  /** Raw entity → node. */
  rawToNode: Int32Array;
}

/** Resolution: raw entities → canonical nodes. (A function of its own, so that the resolution's maps go when it returns.) */
function canonicalNodes(seen: ReadonlyMap<string, SeenEntity>, rawSeen: readonly SeenEntity[], rawLevel: ReadonlyArray<PlaceLevel | undefined>, rawCode: ReadonlyArray<string | undefined>): CanonicalNodes {
  const resolution = resolveSeen(seen);
  const canonIndex = new Map<string, number>();
  const out: CanonicalNodes = { nodeKey: [], nodeType: [], nodeName: [], nodeAliases: [], nodeLevel: [], nodeCode: [], rawToNode: new Int32Array(rawSeen.length) };
  rawSeen.forEach((e, raw) => {
    const name = resolution.canonicalName(e.type, e.name);
    const key = `${e.type}:${name}`;
    let node = canonIndex.get(key);
    if (node === undefined) {
      node = out.nodeKey.length;
      canonIndex.set(key, node);
      out.nodeKey.push(key); out.nodeType.push(e.type); out.nodeName.push(name); out.nodeAliases.push(resolution.formsOf(e.type, name));
      out.nodeLevel.push(rawLevel[raw]); out.nodeCode.push(rawCode[raw]);
    }
    out.rawToNode[raw] = node;
  });
  return out;
}

/**
 * The reduce step, one record at a time: `kg build` feeds records as the workers deliver them, so that the
 * pass over the records overlaps extraction, and only the resolution is left once the last one is in.
 */
export function createReducer(texts: TextStore = new MemoryTexts()): Reducer {
  const docIndex = new Map<string, number>();
  const docs: string[] = [];
  const documents: Array<{ doc: number; title?: string; date?: string; place?: string }> = [];
  const docOf = (name: string): number => {
    let i = docIndex.get(name);
    if (i === undefined) { i = docs.push(name) - 1; docIndex.set(name, i); }
    return i;
  };
  const withDocument = new Set<number>();

  // Raw entities: one per `type:name` seen.
  const rawIndex = new Map<string, number>();
  const seen = new Map<string, SeenEntity>();
  let rawSeen: SeenEntity[] = [];
  let rawLevel: Array<PlaceLevel | undefined> = [];
  let rawCode: Array<string | undefined> = [];
  const nodePool = new EvidencePool(false);
  // Raw edges: one per type, raw source, raw target and key title (the title, for HOLDS_POSITION), all numbers.
  const strings = new Strings();
  const noTitle = strings.code('');
  const rawEdgeType = new IntVec(), rawEdgeSource = new IntVec(), rawEdgeTarget = new IntVec(), rawEdgeKeyTitle = new IntVec();
  const rawEdgeIndex = new RowIndex([rawEdgeType, rawEdgeSource, rawEdgeTarget, rawEdgeKeyTitle]);
  const rawEdgeBasis = new IntVec(), rawEdgeTitle = new IntVec(), rawEdgeTitleSeq = new IntVec();
  const edgePool = new EvidencePool(true);
  // Every mention: its record's document, raw entity and first span.
  const mDoc = new IntVec(), mRaw = new IntVec(), mEvDoc = new IntVec(), mStart = new IntVec(), mEnd = new IntVec();

  let seq = 0;
  let relationSeq = 0;
  const add = (record: DocRecord): void => {
    const doc = docOf(record.doc);
    if (!withDocument.has(doc)) {
      withDocument.add(doc);
      documents.push({ doc, ...(record.title ? { title: record.title } : {}), ...(record.date ? { date: record.date } : {}), ...(record.place ? { place: record.place } : {}) });
    }
    const local = new Map<string, number>();
    for (const m of record.mentions) {
      const key = `${m.type}:${m.name}`;
      let raw = rawIndex.get(key);
      if (raw === undefined) {
        raw = rawSeen.length;
        rawIndex.set(key, raw);
        const entity: SeenEntity = { type: m.type, name: m.name, forms: new Set([m.name]), evidence: 0 };
        rawSeen.push(entity);
        seen.set(key, entity);
        rawLevel.push(m.level);
        rawCode.push(m.code);
        nodePool.addOwner();
      }
      const entity = rawSeen[raw];
      for (const a of m.aliases) entity.forms.add(a);
      entity.evidence += m.evidence.length;
      for (const e of m.evidence) nodePool.add(raw, docOf(e.doc), e.start, e.end, seq++);
      local.set(m.id, raw);
      const first = m.evidence[0];
      mDoc.push(doc); mRaw.push(raw); mEvDoc.push(docOf(first.doc)); mStart.push(first.start); mEnd.push(first.end);
    }
    // One sentence often carries several relations (a chain of titles): store it once per record.
    const stored = new Map<string, { offset: number; length: number }>();
    for (const r of record.relations) {
      const source = local.get(r.from), target = local.get(r.to);
      relationSeq++;
      if (source === undefined || target === undefined) continue;
      const type = strings.code(r.type);
      const keyTitle = r.type === 'HOLDS_POSITION' ? strings.code(r.title ?? '') : noTitle;
      let raw = rawEdgeIndex.find(type, source, target, keyTitle);
      if (raw < 0) {
        raw = rawEdgeType.push(type); rawEdgeSource.push(source); rawEdgeTarget.push(target); rawEdgeKeyTitle.push(keyTitle);
        rawEdgeIndex.add(raw);
        rawEdgeBasis.push(strings.code(r.basis)); rawEdgeTitle.push(-1); rawEdgeTitleSeq.push(0);
        edgePool.addOwner();
      }
      if (rawEdgeTitle.data[raw] < 0 && r.title) { rawEdgeTitle.set(raw, strings.code(r.title)); rawEdgeTitleSeq.set(raw, relationSeq); }
      for (const e of r.evidence) {
        const entry = edgePool.add(raw, docOf(e.doc), e.start, e.end, seq++);
        if (entry < 0 || e.text === undefined) continue;
        let ref = stored.get(e.text);
        if (!ref) stored.set(e.text, ref = texts.put(e.text));
        edgePool.setText(entry, ref.offset, ref.length);
      }
    }
  };

  const finish = (): GraphStore => {
    // Each step lets go of what the next ones no longer need: at 1 GB of text the pools and the raw
    // edges are GBs, and the end of the reduce was the build's peak.
    const { nodeKey, nodeType, nodeName, nodeAliases, nodeLevel, nodeCode, rawToNode } = canonicalNodes(seen, rawSeen, rawLevel, rawCode);
    rawIndex.clear(); seen.clear();
    rawSeen = []; rawLevel = []; rawCode = [];
    const nodeEvidence = packEvidence(nodePool, groupMembers(rawToNode, nodeKey.length));
    nodePool.release();

    // Raw edges → edges between canonical nodes (an edge whose ends resolve to one node is dropped).
    rawEdgeIndex.clear();
    const edgeTypeCode = new IntVec(), edgeSource = new IntVec(), edgeTarget = new IntVec(), edgeKeyTitle = new IntVec();
    const edgeIndex = new RowIndex([edgeTypeCode, edgeSource, edgeTarget, edgeKeyTitle]);
    const edgeTitle = new IntVec(), edgeBasis = new IntVec(), edgeTitleSeq = new NumVec();
    const rawToEdge = new Int32Array(rawEdgeType.length).fill(-1);
    for (let raw = 0; raw < rawEdgeType.length; raw++) {
      const source = rawToNode[rawEdgeSource.data[raw]], target = rawToNode[rawEdgeTarget.data[raw]];
      if (source === target) continue;
      const type = rawEdgeType.data[raw], keyTitle = rawEdgeKeyTitle.data[raw], title = rawEdgeTitle.data[raw];
      let edge = edgeIndex.find(type, source, target, keyTitle);
      if (edge < 0) {
        edge = edgeTypeCode.push(type); edgeSource.push(source); edgeTarget.push(target); edgeKeyTitle.push(keyTitle);
        edgeIndex.add(edge);
        edgeTitle.push(title); edgeTitleSeq.push(title >= 0 ? rawEdgeTitleSeq.data[raw] : Infinity);
        edgeBasis.push(rawEdgeBasis.data[raw]);
      } else if (title >= 0 && rawEdgeTitleSeq.data[raw] < edgeTitleSeq.data[edge]) {
        edgeTitle.set(edge, title); edgeTitleSeq.data[edge] = rawEdgeTitleSeq.data[raw];
      }
      rawToEdge[raw] = edge;
    }
    const relations = edgeTypeCode.length;
    for (const v of [rawEdgeType, rawEdgeSource, rawEdgeTarget, rawEdgeKeyTitle, rawEdgeBasis, rawEdgeTitle, rawEdgeTitleSeq]) v.release();
    edgeTitleSeq.release();

    // PART_OF from each place to its nearest ancestor that the graph also holds, per the gazetteer; its
    // evidence is the place's first span (document, start, end: `partOfSpans`).
    const partOfSpans: number[] = [];
    const byCode = new Map<string, number>();
    nodeKey.forEach((_k, i) => { if (nodeType[i] === 'Place' && nodeCode[i]) byCode.set(nodeCode[i]!, i); });
    if (byCode.size) {
      const g = gazetteer();
      const partOf = strings.code('PART_OF');
      for (const [code, node] of byCode) {
        const parent = g.ancestors(code).find((p) => byCode.has(p.code));
        if (!parent) continue;
        const target = byCode.get(parent.code)!;
        if (edgeIndex.find(partOf, node, target, noTitle) >= 0) continue;
        const edge = edgeTypeCode.push(partOf); edgeSource.push(node); edgeTarget.push(target); edgeKeyTitle.push(noTitle);
        edgeIndex.add(edge);
        edgeTitle.push(-1); edgeBasis.push(-1);
        const first = nodeEvidence.offsets[node];
        partOfSpans.push(nodeEvidence.doc[first], nodeEvidence.start[first], nodeEvidence.end[first]);
      }
    }
    edgeIndex.clear();
    const edgeEvidence = packEvidence(edgePool, groupMembers(rawToEdge, relations), partOfSpans);
    edgePool.release();

    // MENTIONS: a document's first mention of each entity. A record's mentions are consecutive; a document
    // given again in a later record (only possible outside kg build) picks up its earlier targets.
    const out = { doc: new IntVec(), target: new IntVec(), evDoc: new IntVec(), start: new IntVec(), end: new IntVec() };
    const finished = new Set<number>();
    let current = -1;
    let targets = new Set<number>();
    for (let i = 0; i < mDoc.length; i++) {
      const doc = mDoc.data[i];
      if (doc !== current) {
        if (current >= 0) finished.add(current);
        current = doc;
        targets = new Set();
        if (finished.has(doc)) for (let k = 0; k < out.doc.length; k++) if (out.doc.data[k] === doc) targets.add(out.target.data[k]);
      }
      const node = rawToNode[mRaw.data[i]];
      if (targets.has(node)) continue;
      targets.add(node);
      out.doc.push(doc); out.target.push(node); out.evDoc.push(mEvDoc.data[i]); out.start.push(mStart.data[i]); out.end.push(mEnd.data[i]);
    }
    for (const v of [mDoc, mRaw, mEvDoc, mStart, mEnd]) v.release();
    const trim = (v: IntVec) => sharedCopy(v.data, v.length);
    const typeOf = (c: number) => strings.list[c];
    return new GraphStore(
      docs, documents, nodeKey, nodeType, nodeName, nodeAliases, nodeLevel, nodeCode, nodeEvidence,
      Array.from(edgeTypeCode.data.subarray(0, edgeTypeCode.length), typeOf), trim(edgeSource), trim(edgeTarget),
      Array.from(edgeTitle.data.subarray(0, edgeTitle.length), (c) => strings.get(c)),
      Array.from(edgeBasis.data.subarray(0, edgeBasis.length), (c) => strings.get(c)), edgeEvidence,
      { doc: trim(out.doc), target: trim(out.target), evDoc: trim(out.evDoc), start: trim(out.start), end: trim(out.end) },
      texts,
    );
  };
  return { add, finish };
}
/**
 * The single reduce step: records in (one pass, in input order), the resolved graph out. Sentences go
 * to `texts` (a FileTexts keeps them off the heap); the store reads them back while the graph is written.
 */
export function reduceRecords(records: Iterable<DocRecord>, texts: TextStore = new MemoryTexts()): GraphStore {
  const reducer = createReducer(texts);
  for (const record of records) reducer.add(record);
  return reducer.finish();
}
