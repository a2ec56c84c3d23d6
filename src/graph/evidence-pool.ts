// Evidence of the reduce's raw entities and raw relations, as integers, and its packing into the
// finished graph's evidence tables. Raw owners that resolution merges into one node or edge give it the
// first MAX_EVIDENCE distinct spans of their lists, in record order.
//
// The tables are filled straight from the pool, owner by owner, in two passes (sizes, then entries):
// no list of entry numbers is made per node or edge. Those lists, a JS array per node and per edge, were
// alive together with the pool at the end of the reduce, where the 1 GB corpus peaked (6.65 GB).
import { IntVec, NumVec } from './int-vec.js';

// A place named in thousands of documents would otherwise carry thousands of evidence entries;
// the first ones per node and edge are kept (the graph stays loadable and readable).
export const MAX_EVIDENCE = 20;

// The tables live in SharedArrayBuffers: the thread that writes GraphML and GEXF (xml-worker.ts) reads
// them where they are instead of a copy.
export const sharedInt32 = (n: number): Int32Array => new Int32Array(new SharedArrayBuffer(n * 4));
const sharedFloat64 = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));

/**
 * Evidence per owner, packed: owner i has entries offsets[i] .. offsets[i + 1] of the columns
 * (textOffset and textLength are empty for a table without sentences).
 */
export interface EvidenceTable { offsets: Int32Array; doc: Int32Array; start: Int32Array; end: Int32Array; textOffset: Float64Array; textLength: Int32Array }

/**
 * Evidence entries (document index, start, end, sequence number, and with `withText` the stored sentence),
 * each owner (raw node or raw edge) holding a linked list of at most MAX_EVIDENCE distinct spans.
 */
export class EvidencePool {
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
  // Scratch of `collect`, kept between calls.
  private readonly all: number[] = [];

  /** `withText`: entries carry a sentence (relations); nodes' entries do not, and save the two columns. */
  constructor(readonly withText: boolean) {}

  addOwner(): void { this.head.push(-1); this.tail.push(-1); this.count.push(0); }

  /** Adds a span to an owner's list; -1 when the list is full or already has it. */
  add(owner: number, doc: number, start: number, end: number, seq: number): number {
    if (this.count.data[owner] >= MAX_EVIDENCE) return -1;
    for (let i = this.head.data[owner]; i >= 0; i = this.next.data[i]) {
      if (this.doc.data[i] === doc && this.start.data[i] === start && this.end.data[i] === end) return -1;
    }
    this.doc.push(doc); this.start.push(start); this.end.push(end); this.seq.push(seq);
    const entry = this.next.push(-1);
    if (this.withText) { this.textOffset.push(0); this.textLength.push(-1); }
    if (this.tail.data[owner] >= 0) this.next.data[this.tail.data[owner]] = entry; else this.head.data[owner] = entry;
    this.tail.data[owner] = entry;
    this.count.data[owner]++;
    return entry;
  }

  /** Sets an entry's sentence. */
  setText(entry: number, offset: number, length: number): void {
    this.textOffset.data[entry] = offset;
    this.textLength.data[entry] = length;
  }

  /**
   * The entries of the owners members[from .. to) into `out` (emptied first): one owner's list as it is,
   * several owners' lists as the first MAX_EVIDENCE distinct spans in record order.
   */
  collect(members: Int32Array, from: number, to: number, out: number[]): void {
    out.length = 0;
    if (to - from === 1) {
      for (let i = this.head.data[members[from]]; i >= 0; i = this.next.data[i]) out.push(i);
      return;
    }
    const all = this.all;
    all.length = 0;
    for (let m = from; m < to; m++) for (let i = this.head.data[members[m]]; i >= 0; i = this.next.data[i]) all.push(i);
    const seq = this.seq.data, doc = this.doc.data, start = this.start.data, end = this.end.data;
    all.sort((a, b) => seq[a] - seq[b]);
    for (const i of all) {
      if (out.length >= MAX_EVIDENCE) break;
      if (!out.some((j) => doc[j] === doc[i] && start[j] === start[i] && end[j] === end[i])) out.push(i);
    }
  }

  /** Lets the storage go (the pool is used up). */
  release(): void {
    for (const v of [this.doc, this.start, this.end, this.seq, this.next, this.textLength, this.head, this.tail, this.count]) v.release();
    this.textOffset.release();
    this.all.length = 0;
  }
}

/** Raw owners grouped by what they resolve to: group g has members member[start[g] .. start[g + 1]), in raw order. */
export interface Members { start: Int32Array; member: Int32Array }

/** Groups raw owners by `groupOf` (raw → group, -1 for none). */
export function groupMembers(groupOf: Int32Array, groups: number): Members {
  const start = new Int32Array(groups + 1);
  for (const g of groupOf) if (g >= 0) start[g + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const fill = start.slice(0, groups);
  const member = new Int32Array(start[groups]);
  groupOf.forEach((g, raw) => { if (g >= 0) member[fill[g]++] = raw; });
  return { start, member };
}

/**
 * The evidence table of the groups of `members` (owner g = group g), then of one owner per `extra` span
 * (document index, start, end, no sentence; PART_OF edges), filled from the pool.
 */
export function packEvidence(pool: EvidencePool, members: Members, extra: readonly number[] = []): EvidenceTable {
  const groups = members.start.length - 1, owners = groups + extra.length / 3;
  const offsets = sharedInt32(owners + 1);
  const entries: number[] = [];
  let n = 0;
  for (let g = 0; g < groups; g++) {
    offsets[g] = n;
    pool.collect(members.member, members.start[g], members.start[g + 1], entries);
    n += entries.length;
  }
  for (let g = groups; g < owners; g++) offsets[g] = n++;
  offsets[owners] = n;
  const withText = pool.withText;
  const t: EvidenceTable = {
    offsets, doc: sharedInt32(n), start: sharedInt32(n), end: sharedInt32(n),
    textOffset: sharedFloat64(withText ? n : 0), textLength: sharedInt32(withText ? n : 0),
  };
  let k = 0;
  for (let g = 0; g < groups; g++) {
    pool.collect(members.member, members.start[g], members.start[g + 1], entries);
    for (const e of entries) {
      t.doc[k] = pool.doc.data[e]; t.start[k] = pool.start.data[e]; t.end[k] = pool.end.data[e];
      if (withText) { t.textOffset[k] = pool.textOffset.data[e]; t.textLength[k] = pool.textLength.data[e]; }
      k++;
    }
  }
  for (let x = 0; x < extra.length; x += 3, k++) {
    t.doc[k] = extra[x]; t.start[k] = extra[x + 1]; t.end[k] = extra[x + 2];
    if (withText) { t.textOffset[k] = 0; t.textLength[k] = -1; }
  }
  return t;
}
