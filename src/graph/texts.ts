// Evidence sentences, kept out of the heap while the graph is reduced: each one is appended to a file
// once and referred to by (offset, length) until the graph files are written. The in-memory variant
// serves small graphs (tests, `buildGraph` callers that want a graphology graph anyway).
//
// The graph files are written from the stored UTF-8 bytes where they can be (store-export.ts): each text
// is marked, when stored, as plain or not (escape.ts), and a plain text is copied into the three files as
// it is, never decoded and encoded again.
import { closeSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { isPlain } from './escape.js';

/** A stored text's UTF-8 bytes, bytes[start, end) (valid until the store is used again), and whether it is plain. */
export interface RawText { bytes: Uint8Array; start: number; end: number; plain: boolean }

export interface TextStore {
  /** Stores a text; the returned reference is what `get` takes. */
  put(text: string): TextRef;
  get(ref: TextRef): string;
  raw(ref: TextRef): RawText;
  /** What another thread needs to read the texts (openTexts); nothing may be put afterwards. */
  handOff(): TextsHandOff;
  close(): void;
}

export type TextsHandOff = { file: string } | { texts: string[] };

/** A reader of the texts another thread stored (TextStore.handOff). */
export const openTexts = (h: TextsHandOff): TextStore => ('file' in h ? new FileTexts(h.file, true) : new MemoryTexts(h.texts));

/** Where a stored text is: byte offset and byte length in the file (or index and 0 in memory). */
export interface TextRef { offset: number; length: number }

export class MemoryTexts implements TextStore {
  constructor(private readonly texts: string[] = []) {}
  put(text: string): TextRef {
    this.texts.push(text);
    return { offset: this.texts.length - 1, length: 0 };
  }
  get(ref: TextRef): string { return this.texts[ref.offset]; }
  raw(ref: TextRef): RawText {
    const text = this.texts[ref.offset];
    const bytes = Buffer.from(text, 'utf8');
    return { bytes, start: 0, end: bytes.length, plain: isPlain(text) };
  }
  handOff(): TextsHandOff { return { texts: this.texts }; }
  close(): void { this.texts.length = 0; }
}

const FLUSH_BYTES = 4 << 20;
const WINDOW_BYTES = 256 << 10;
const PLAIN = 1;

/**
 * Texts in a file (the caller owns the file's folder and removes it); written through a 4 MB buffer.
 * Each text is one flag byte (PLAIN or 0) and its UTF-8 bytes; a reference points at the bytes.
 */
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

  /** `reading`: open texts stored by another FileTexts (handOff) to read them. */
  constructor(readonly file: string, reading = false) {
    this.fd = openSync(file, reading ? 'r' : 'w+');
    if (reading) this.flushed = fstatSync(this.fd).size;
  }

  handOff(): TextsHandOff {
    this.flush();
    return { file: this.file };
  }

  put(text: string): TextRef {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; one more for the flag.
    const most = text.length * 3 + 1;
    if (this.used + most > this.buffer.length) {
      this.flush();
      if (most > this.buffer.length) this.buffer = Buffer.allocUnsafe(most);
    }
    this.buffer[this.used++] = isPlain(text) ? PLAIN : 0;
    const length = this.buffer.write(text, this.used, 'utf8');
    const ref = { offset: this.flushed + this.used, length };
    this.used += length;
    return ref;
  }

  get(ref: TextRef): string {
    const { bytes, start, end } = this.bytesAt(ref.offset, ref.length);
    return bytes.toString('utf8', start, end);
  }

  raw(ref: TextRef): RawText {
    const { bytes, start, end } = this.bytesAt(ref.offset - 1, ref.length + 1);
    return { bytes, start: start + 1, end, plain: bytes[start] === PLAIN };
  }

  /** Bytes [offset, offset + length) of the file, from the write buffer or through the read window. */
  private bytesAt(offset: number, length: number): { bytes: Buffer; start: number; end: number } {
    if (offset >= this.flushed) {
      const at = offset - this.flushed;
      return { bytes: this.buffer, start: at, end: at + length };
    }
    const end = offset + length;
    if (offset < this.windowStart || end > this.windowEnd) {
      if (length > this.window.length) this.window = Buffer.allocUnsafe(length);
      const want = Math.min(this.window.length, this.flushed - offset);
      let read = 0;
      while (read < want) {
        const n = readSync(this.fd, this.window, read, want - read, offset + read);
        if (n === 0) break;
        read += n;
      }
      this.windowStart = offset;
      this.windowEnd = offset + read;
    }
    return { bytes: this.window, start: offset - this.windowStart, end: end - this.windowStart };
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
