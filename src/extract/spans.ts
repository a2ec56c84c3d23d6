// Spans found in a document, looked up by where they start. Stages ask "which of the spans found so far
// start in this range?" once per match; scanning the whole list for each match made a long document cost
// the square of its length (issue #13: 2, 4, 8 MB on one line took 3.1, 10.1, 25.9 s).

export interface Span { start: number; end: number }

/** An index over a list that only grows; it catches up with the list when asked after the list grew. */
export class SpansByStart<T extends Span> {
  /** Positions in `items`, ordered by start (ties: the order they were added). */
  private order: number[] = [];
  private indexed = 0;
  /** The longest item's length: an item that covers a position starts at most this far before it. */
  private longest = 0;

  constructor(private readonly items: readonly T[]) {}

  /** The items with from ≤ start < to, in the order they were added to the list (the order a scan would see). */
  startingIn(from: number, to: number): T[] {
    this.catchUp();
    const found = this.order.slice(this.firstAtOrAfter(from), this.firstAtOrAfter(to));
    return found.sort((a, b) => a - b).map((i) => this.items[i]);
  }

  /** The items with start ≤ from and end ≥ to, in the order they were added. */
  covering(from: number, to: number): T[] {
    this.catchUp();
    return this.startingIn(from - this.longest, from + 1).filter((item) => item.end >= to);
  }

  private catchUp(): void {
    if (this.indexed === this.items.length) return;
    const items = this.items;
    this.order = items.map((_, i) => i).sort((a, b) => items[a].start - items[b].start || a - b);
    this.indexed = items.length;
    this.longest = items.reduce((n, item) => Math.max(n, item.end - item.start), 0);
  }

  private firstAtOrAfter(position: number): number {
    let lo = 0, hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.items[this.order[mid]].start < position) lo = mid + 1; else hi = mid;
    }
    return lo;
  }
}
