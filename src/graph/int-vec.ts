// Growable typed arrays: the reduce's columns (one number per entity, relation or evidence entry) without
// a JS array's per-element boxing.

/** A growable Int32Array. */
export class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Int32Array(capacity); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, 1024));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  get(i: number): number { return this.data[i]; }
  set(i: number, v: number): void { this.data[i] = v; }
  /** Lets the storage go (the vector is empty afterwards). */
  release(): void { this.data = new Int32Array(0); this.length = 0; }
}

/** A growable Float64Array (byte offsets past 2 GB). */
export class NumVec {
  data: Float64Array;
  length = 0;
  constructor(capacity = 1024) { this.data = new Float64Array(capacity); }
  push(v: number): number {
    if (this.length === this.data.length) {
      const grown = new Float64Array(Math.max(this.data.length * 2, 1024));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length] = v;
    return this.length++;
  }
  release(): void { this.data = new Float64Array(0); this.length = 0; }
}
