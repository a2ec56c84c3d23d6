// Per-document records are written to a temporary file as workers finish, and read back (in input order)
// by each pass of the reduce step: the main thread holds offsets, not records, so its memory does not grow
// with the corpus beyond the graph itself.
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocRecord } from '../extract/records.js';

export class RecordSpool implements Iterable<DocRecord> {
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'zhengkg-records-'));
  private readonly file = path.join(this.dir, 'records.jsonl');
  private readonly fd = openSync(this.file, 'w+');
  private readonly slots: Array<{ offset: number; length: number } | undefined> = [];
  private size = 0;
  private disposed = false;

  /** Stores the record of input number `index`, as the JSON extraction workers send (records may arrive in any order). */
  putJson(index: number, json: string): void {
    const bytes = Buffer.from(json, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.slots[index] = { offset: this.size, length: bytes.length };
    this.size += bytes.length;
  }

  /** putJson for JSON already encoded as UTF-8 (a record taken from the record cache: no decoding and encoding again). */
  putJsonBytes(index: number, bytes: Uint8Array): void {
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.slots[index] = { offset: this.size, length: bytes.length };
    this.size += bytes.length;
  }

  /** Records in input order; each iteration reads them again from the file. */
  *[Symbol.iterator](): Iterator<DocRecord> {
    for (let index = 0; index < this.slots.length; index++) {
      if (this.slots[index]) yield this.read(index);
    }
  }

  /** The record of input number `index` (which must have been stored). */
  read(index: number): DocRecord {
    const slot = this.slots[index];
    if (!slot) throw new Error(`no record ${index} in the spool`);
    const bytes = Buffer.alloc(slot.length);
    readSync(this.fd, bytes, 0, slot.length, slot.offset);
    return JSON.parse(bytes.toString('utf8')) as DocRecord;
  }

  /** A path in the spool's private folder for another temporary file; it goes when the spool is disposed. */
  tempFile(name: string): string {
    return path.join(this.dir, name);
  }

  /** Closes and removes the spool; safe to call again (a signal handler may have done it already). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
