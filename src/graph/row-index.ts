// An index of table rows by a key of two or four integers: the reduce's edges (type, source, target,
// title, each a number) and Louvain's node pairs. A Map keyed by strings such as `HOLDS_POSITION|12|345|市长`
// held about 200 bytes per edge (the string, its pieces, the number-to-string conversions, the entry):
// 1.6 GB for the 8 M raw edges of the 1 GB corpus. Here a key costs the 4 bytes of a slot (twice over,
// for the free slots): the rows' values stay in the caller's columns, and the index only stores row numbers.
import type { IntVec } from './int-vec.js';

const EMPTY = -1;

/** Mixes four integers (a murmur3-style finaliser after each). */
function hash4(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ c, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 16) ^ d, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Open addressing, linear probing, at most half full. */
export class RowIndex {
  private slots = new Int32Array(1 << 12).fill(EMPTY);
  private count = 0;
  private readonly a: IntVec;
  private readonly b: IntVec;
  private readonly c: IntVec | undefined;
  private readonly d: IntVec | undefined;

  /** The key columns, two or four: row r's key is (a.data[r], b.data[r], c.data[r], d.data[r]); a missing column reads 0. */
  constructor(columns: readonly [IntVec, IntVec] | readonly [IntVec, IntVec, IntVec, IntVec]) {
    [this.a, this.b, this.c, this.d] = columns;
  }

  /** The row whose key is (a, b, c, d), or -1. */
  find(a: number, b: number, c = 0, d = 0): number {
    const ca = this.a.data, cb = this.b.data, cc = this.c?.data, cd = this.d?.data;
    const mask = this.slots.length - 1;
    for (let s = hash4(a, b, c, d) & mask; ; s = (s + 1) & mask) {
      const row = this.slots[s];
      if (row === EMPTY) return EMPTY;
      if (ca[row] === a && cb[row] === b && (!cc || (cc[row] === c && cd![row] === d))) return row;
    }
  }

  /** Indexes row `row` (its key already in the columns, and not in the index yet). */
  add(row: number): void {
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    this.place(this.slots, row);
    this.count++;
  }

  /** Lets the slots go (the index is empty afterwards). */
  clear(): void {
    this.slots = new Int32Array(1).fill(EMPTY);
    this.count = 0;
  }

  private place(slots: Int32Array, row: number): void {
    const mask = slots.length - 1;
    let s = hash4(this.a.data[row], this.b.data[row], this.c ? this.c.data[row] : 0, this.d ? this.d.data[row] : 0) & mask;
    while (slots[s] !== EMPTY) s = (s + 1) & mask;
    slots[s] = row;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(Math.max(old.length * 2, 1 << 12)).fill(EMPTY);
    for (const row of old) if (row !== EMPTY) this.place(slots, row);
    this.slots = slots;
  }
}
