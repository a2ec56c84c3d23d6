// Hands the reduce step its records in input order while the extraction workers deliver them in any
// order, so that the pass over the records runs on the main thread, which has little else to do then,
// instead of after the extraction. A record that arrives early waits in the spool, not in memory.
import type { DocRecord } from '../extract/records.js';

const WAITING = 0, SPOOLED = 1, DONE = 2;

export class InOrderFeed {
  private next = 0;
  private readonly state: Uint8Array;
  private error: unknown;

  /** `read` gives a spooled record back; `consume` takes each record, in input order. */
  constructor(count: number, private readonly read: (index: number) => DocRecord, private readonly consume: (record: DocRecord) => void) {
    this.state = new Uint8Array(count);
  }

  /** Input `index` has its record in the spool; `json`, its text, saves reading it back when it is next. */
  arrived(index: number, json?: string): void {
    this.state[index] = SPOOLED;
    if (index === this.next && json !== undefined) this.take(() => JSON.parse(json) as DocRecord);
    this.drain();
  }

  /** Input `index` gives no record (skipped, failed). */
  missing(index: number): void {
    this.state[index] = DONE;
    this.drain();
  }

  /** Throws what consuming a record threw, or when a record never arrived. */
  finish(): void {
    if (this.error !== undefined) throw this.error;
    if (this.next < this.state.length) throw new Error(`record ${this.next} of ${this.state.length} never arrived`);
  }

  private drain(): void {
    while (this.next < this.state.length && this.state[this.next] !== WAITING) {
      if (this.state[this.next] === SPOOLED) this.take(() => this.read(this.next));
      else this.next++;
    }
  }

  /** Consumes the next record; after a failure the rest are only counted (the build fails at finish). */
  private take(record: () => DocRecord): void {
    const index = this.next;
    if (this.error === undefined) {
      try {
        this.consume(record());
      } catch (err) {
        this.error = err;
      }
    }
    this.state[index] = DONE;
    this.next++;
  }
}
