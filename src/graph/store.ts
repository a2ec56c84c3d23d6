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
import { gazetteer } from '../extract/gazetteer.js';
import type { DocRecord, EntityType, PlaceLevel } from '../extract/records.js';
import { DOCUMENT_TYPE, MENTIONS, type EdgeAttributes, type NodeAttributes } from './contract.js';
import { resolveSeen, type SeenEntity } from './resolve.js';
import { MemoryTexts, type TextsHandOff, type TextStore } from './texts.js';

// A place named in thousands of documents would otherwise carry thousands of evidence entries;
// the first ones per node and edge are kept (the graph stays loadable and readable).
export const MAX_EVIDENCE = 20;

// The finished store's arrays live in SharedArrayBuffers: the thread that writes GraphML and GEXF
// (xml-worker.ts) reads them where they are instead of a copy.
const sharedInt32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(n * 4));
const sharedFloat64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
const sharedCopy = (data: Int32Array, n: number): Int32Array => {
  const out = sharedInt32(n);
  out.set(data.subarray(0, n));
  return out;
};

/** A growable Int32Array. */
export class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Int32Array(capacity); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  get(i: number): number { return this.data[i]; }
  set(i: number, v: number): void { this.data[i] = v; }
}

/** A growable Float64Array (byte offsets past 2 GB). */
class NumVec {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): number {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = v;
    return this.length++;
  }
}

/**
 * Evidence entries (document index, start, end, sequence number, and for relations the stored sentence),
 * each owner (raw node or raw edge) holding a linked list of at most MAX_EVIDENCE distinct spans.
 */
class EvidencePool {
  readonly doc = new IntVec();
  readonly start = new IntVec();
  readonly end = new IntVec();
  readonly seq = new IntVec();
  readonly next = new IntVec();
  readonly textOffset = new NumVec();
  /** -1: no sentence. */
  readonly textLength = new IntVec();
  readonly head = new IntVec();
  readonly tail = new IntVec();
  readonly count = new IntVec();

  addOwner(): void { this.head.push(-1); this.tail.push(-1); this.count.push(0); }

  /** Adds a span to an owner's list; -1 when the list is full or already has it. */
  add(owner: number, doc: number, start: number, end: number, seq: number): number {
    if (this.count.data[owner] >= MAX_EVIDENCE) return -1;
    for (let i = this.head.data[owner]; i >= 0; i = this.next.data[i]) {
      if (this.doc.data[i] === doc && this.start.data[i] === start && this.end.data[i] === end) return -1;
    }
    const entry = this.entry(doc, start, end, seq);
    if (this.tail.data[owner] >= 0) this.next.data[this.tail.data[owner]] = entry; else this.head.data[owner] = entry;
    this.tail.data[owner] = entry;
    this.count.data[owner]++;
    return entry;
  }

  /** An entry that belongs to no list. */
  entry(doc: number, start: number, end: number, seq: number): number {
    this.doc.push(doc); this.start.push(start); this.end.push(end); this.seq.push(seq); this.next.push(-1);
    this.textOffset.push(0);
    return this.textLength.push(-1);
  }

  /** The entries of one owner, in order. */
  list(owner: number): number[] {
    const out: number[] = [];
    for (let i = this.head.data[owner]; i >= 0; i = this.next.data[i]) out.push(i);
    return out;
  }

  /** The first MAX_EVIDENCE distinct spans of several owners' lists, in record order. */
  merged(owners: readonly number[]): number[] {
    const all = owners.flatMap((o) => this.list(o)).sort((a, b) => this.seq.data[a] - this.seq.data[b]);
    const out: number[] = [];
    for (const i of all) {
      if (out.length >= MAX_EVIDENCE) break;
      if (!out.some((j) => this.doc.data[j] === this.doc.data[i] && this.start.data[j] === this.start.data[i] && this.end.data[j] === this.end.data[i])) out.push(i);
    }
    return out;
  }
}

/**
 * Evidence per owner, packed: owner i has entries offsets[i] .. offsets[i + 1] of the columns. Built from
 * the pool's lists at the end of the reduce, so that the pool (with its links, sequence numbers and spare
 * capacity) can be let go before Louvain and the writing.
 */
export interface EvidenceTable { offsets: Int32Array; doc: Int32Array; start: Int32Array; end: Int32Array; textOffset: Float64Array; textLength: Int32Array }

function table(lists: ReadonlyArray<readonly number[]>, pool: EvidencePool, withText: boolean): EvidenceTable {
  const offsets = sharedInt32(lists.length + 1);
  let n = 0;
  lists.forEach((list, i) => { offsets[i] = n; n += list.length; });
  offsets[lists.length] = n;
  const t: EvidenceTable = {
    offsets, doc: sharedInt32(n), start: sharedInt32(n), end: sharedInt32(n),
    textOffset: sharedFloat64(withText ? n : 0), textLength: sharedInt32(withText ? n : 0),
  };
  let k = 0;
  for (const list of lists) {
    for (const e of list) {
      t.doc[k] = pool.doc.data[e]; t.start[k] = pool.start.data[e]; t.end[k] = pool.end.data[e];
      if (withText) { t.textOffset[k] = pool.textOffset.data[e]; t.textLength[k] = pool.textLength.data[e]; }
      k++;
    }
  }
  return t;
}

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
  const rawSeen: SeenEntity[] = [];
  const rawLevel: Array<PlaceLevel | undefined> = [];
  const rawCode: Array<string | undefined> = [];
  const nodePool = new EvidencePool();
  // Raw edges: one per type, raw source, raw target (and title, for HOLDS_POSITION).
  const rawEdgeIndex = new Map<string, number>();
  const rawEdgeType: string[] = [];
  const rawEdgeSource = new IntVec();
  const rawEdgeTarget = new IntVec();
  const rawEdgeKeyTitle: string[] = [];
  const rawEdgeBasis: Array<string | undefined> = [];
  const rawEdgeTitle: Array<string | undefined> = [];
  const rawEdgeTitleSeq = new IntVec();
  const edgePool = new EvidencePool();
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
      const keyTitle = r.type === 'HOLDS_POSITION' ? r.title ?? '' : '';
      const key = `${r.type}|${source}|${target}|${keyTitle}`;
      let raw = rawEdgeIndex.get(key);
      if (raw === undefined) {
        raw = rawEdgeType.length;
        rawEdgeIndex.set(key, raw);
        rawEdgeType.push(r.type); rawEdgeSource.push(source); rawEdgeTarget.push(target); rawEdgeKeyTitle.push(keyTitle);
        rawEdgeBasis.push(r.basis); rawEdgeTitle.push(undefined); rawEdgeTitleSeq.push(0);
        edgePool.addOwner();
      }
      if (rawEdgeTitle[raw] === undefined && r.title) { rawEdgeTitle[raw] = r.title; rawEdgeTitleSeq.set(raw, relationSeq); }
      for (const e of r.evidence) {
        const entry = edgePool.add(raw, docOf(e.doc), e.start, e.end, seq++);
        if (entry < 0 || e.text === undefined) continue;
        let ref = stored.get(e.text);
        if (!ref) stored.set(e.text, ref = texts.put(e.text));
        edgePool.textOffset.data[entry] = ref.offset;
        edgePool.textLength.set(entry, ref.length);
      }
    }
  };

  const finish = (): GraphStore => {
    // Resolution: raw entities → canonical nodes, in the order each was first seen.
    const resolution = resolveSeen(seen);
    const canonIndex = new Map<string, number>();
    const rawToNode = new Int32Array(rawSeen.length);
    const nodeKey: string[] = [], nodeType: EntityType[] = [], nodeName: string[] = [], nodeAliases: string[][] = [];
    const nodeLevel: Array<PlaceLevel | undefined> = [], nodeCode: Array<string | undefined> = [];
    const members: number[][] = [];
    rawSeen.forEach((e, raw) => {
      const name = resolution.canonicalName(e.type, e.name);
      const key = `${e.type}:${name}`;
      let node = canonIndex.get(key);
      if (node === undefined) {
        node = nodeKey.length;
        canonIndex.set(key, node);
        nodeKey.push(key); nodeType.push(e.type); nodeName.push(name); nodeAliases.push(resolution.formsOf(e.type, name));
        nodeLevel.push(rawLevel[raw]); nodeCode.push(rawCode[raw]);
        members.push([raw]);
      } else members[node].push(raw);
      rawToNode[raw] = node;
    });
    rawIndex.clear();
    seen.clear();
    rawEdgeIndex.clear();
    const nodeLists = members.map((m) => (m.length === 1 ? nodePool.list(m[0]) : nodePool.merged(m)));

    // Raw edges → edges between canonical nodes (an edge whose ends resolve to one node is dropped).
    const edgeIndex = new Map<string, number>();
    const edgeType: string[] = [], edgeTitle: Array<string | undefined> = [], edgeBasis: Array<string | undefined> = [];
    const edgeSource = new IntVec(), edgeTarget = new IntVec();
    const edgeMembers: number[][] = [];
    const edgeTitleSeq: number[] = [];
    for (let raw = 0; raw < rawEdgeType.length; raw++) {
      const source = rawToNode[rawEdgeSource.data[raw]], target = rawToNode[rawEdgeTarget.data[raw]];
      if (source === target) continue;
      const key = `${rawEdgeType[raw]}|${source}|${target}|${rawEdgeKeyTitle[raw]}`;
      let edge = edgeIndex.get(key);
      if (edge === undefined) {
        edge = edgeType.length;
        edgeIndex.set(key, edge);
        edgeType.push(rawEdgeType[raw]); edgeSource.push(source); edgeTarget.push(target);
        edgeTitle.push(rawEdgeTitle[raw]); edgeTitleSeq.push(rawEdgeTitle[raw] ? rawEdgeTitleSeq.data[raw] : Infinity);
        edgeBasis.push(rawEdgeBasis[raw]);
        edgeMembers.push([raw]);
      } else {
        edgeMembers[edge].push(raw);
        if (rawEdgeTitle[raw] && rawEdgeTitleSeq.data[raw] < edgeTitleSeq[edge]) { edgeTitle[edge] = rawEdgeTitle[raw]; edgeTitleSeq[edge] = rawEdgeTitleSeq.data[raw]; }
      }
    }
    const edgeLists = edgeMembers.map((m) => (m.length === 1 ? edgePool.list(m[0]) : edgePool.merged(m)));

    // PART_OF from each place to its nearest ancestor that the graph also holds, per the gazetteer.
    const byCode = new Map<string, number>();
    nodeKey.forEach((_k, i) => { if (nodeType[i] === 'Place' && nodeCode[i]) byCode.set(nodeCode[i]!, i); });
    if (byCode.size) {
      const g = gazetteer();
      for (const [code, node] of byCode) {
        const parent = g.ancestors(code).find((p) => byCode.has(p.code));
        if (!parent) continue;
        const target = byCode.get(parent.code)!;
        const key = `PART_OF|${node}|${target}|`;
        if (edgeIndex.has(key)) continue;
        edgeIndex.set(key, edgeType.length);
        edgeType.push('PART_OF'); edgeSource.push(node); edgeTarget.push(target); edgeTitle.push(undefined); edgeBasis.push(undefined);
        const first = nodeLists[node][0];
        edgeLists.push([edgePool.entry(nodePool.doc.data[first], nodePool.start.data[first], nodePool.end.data[first], 0)]);
      }
    }
    const nodeEvidence = table(nodeLists, nodePool, false);
    const edgeEvidence = table(edgeLists, edgePool, true);

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
    const trim = (v: IntVec) => sharedCopy(v.data, v.length);
    return new GraphStore(
      docs, documents, nodeKey, nodeType, nodeName, nodeAliases, nodeLevel, nodeCode, nodeEvidence,
      edgeType, trim(edgeSource), trim(edgeTarget), edgeTitle, edgeBasis, edgeEvidence,
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
