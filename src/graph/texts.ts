// Evidence sentences, kept out of the heap while the graph is reduced: each one is appended to a file
// once and referred to by (offset, length) until the graph files are written. The in-memory variant
// serves small graphs (tests, `buildGraph` callers that want a graphology graph anyway).
import { closeSync, openSync, readSync, writeSync } from 'node:fs';

export interface TextStore {
  /** Stores a text; the returned reference is what `get` takes. */
  put(text: string): TextRef;
  get(ref: TextRef): string;
  close(): void;
}

/** Where a stored text is: byte offset and byte length in the file (or index and 0 in memory). */
export interface TextRef { offset: number; length: number }

export class MemoryTexts implements TextStore {
  private readonly texts: string[] = [];
  put(text: string): TextRef {
    this.texts.push(text);
    return { offset: this.texts.length - 1, length: 0 };
  }
  get(ref: TextRef): string { return this.texts[ref.offset]; }
  close(): void { this.texts.length = 0; }
}

const FLUSH_BYTES = 4 << 20;
const WINDOW_BYTES = 256 << 10;

/** Texts in a file (the caller owns the file's folder and removes it); written through a 4 MB buffer. */
export class FileTexts implements TextStore {
  private readonly fd: number;
  private buffer = Buffer.allocUnsafe(FLUSH_BYTES);
  private used = 0;
  private flushed = 0;
  // Reads go through a window of the file: the texts of consecutive edges mostly lie close together.
  private window = Buffer.allocUnsafe(WINDOW_BYTES);
  private windowStart = -1;
  private windowEnd = -1;
  private closed = false;

  constructor(file: string) {
    this.fd = openSync(file, 'w+');
  }

  put(text: string): TextRef {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    if (this.used + text.length * 3 > this.buffer.length) {
      this.flush();
      if (text.length * 3 > this.buffer.length) this.buffer = Buffer.allocUnsafe(text.length * 3);
    }
    const length = this.buffer.write(text, this.used, 'utf8');
    const ref = { offset: this.flushed + this.used, length };
    this.used += length;
    return ref;
  }

  get(ref: TextRef): string {
    if (ref.offset >= this.flushed) {
      const at = ref.offset - this.flushed;
      return this.buffer.toString('utf8', at, at + ref.length);
    }
    const end = ref.offset + ref.length;
    if (ref.offset < this.windowStart || end > this.windowEnd) {
      if (ref.length > this.window.length) this.window = Buffer.allocUnsafe(ref.length);
      const want = Math.min(this.window.length, this.flushed - ref.offset);
      let read = 0;
      while (read < want) {
        const n = readSync(this.fd, this.window, read, want - read, ref.offset + read);
        if (n === 0) break;
        read += n;
      }
      this.windowStart = ref.offset;
      this.windowEnd = ref.offset + read;
    }
    return this.window.toString('utf8', ref.offset - this.windowStart, end - this.windowStart);
  }

  private flush(): void {
    this.windowStart = this.windowEnd = -1;
    let written = 0;
    while (written < this.used) written += writeSync(this.fd, this.buffer, written, this.used - written, this.flushed + written);
    this.flushed += this.used;
    this.used = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}
