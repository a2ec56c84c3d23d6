// The record cache of an output folder (<out>/cache/): every document's record, keyed by a hash of the
// file's bytes, so that a rebuild extracts only the files that are new or changed.
//
//   cache/records.jsonl  the records, one JSON document after another (no separators: the index has offsets)
//   cache/index.json     the extractor version, each key's offset/length/summary, and input path → key
//
// The cache is written whole into the staging folder of every build (the records of this build's inputs
// and nothing else, so entries no input uses are evicted) and is swapped in with the rest of the output:
// a killed build leaves the previous output and its cache as they were. It is read only when its extractor
// version is the running one: a hash of the code and data extraction depends on (dist/extract, the worker,
// data/, the versions of the runtime packages), so a changed lexicon or stage invalidates every entry.
import { createHash } from 'node:crypto';
import {
  closeSync, copyFileSync, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync, writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { DocRecord } from '../extract/records.js';

export const CACHE_DIR = 'cache';
const INDEX_FILE = 'index.json';
const PACK_FILE = 'records.jsonl';
const FORMAT = 1;

/** What a build reports of a document besides its record (kept so that a cached document reports the same). */
export const CacheEntry = z.object({
  offset: z.number().int().nonnegative(),
  length: z.number().int().nonnegative(),
  /** CRC-32 of the stored bytes: a damaged records file means extracting again, never a broken record. */
  crc: z.number().int().nonnegative(),
  /** The doc id the record was extracted with (its text is <out>/texts/<doc>). */
  doc: z.string(),
  chars: z.number().int().nonnegative(),
  mentions: z.number().int().nonnegative(),
  relations: z.number().int().nonnegative(),
  repaired: z.string().optional(),
});
export type CacheEntry = z.infer<typeof CacheEntry>;

/** An input as last seen: its key, and the size and mtime it had then (a file that still has both is not read again). */
export const CachedInput = z.object({ key: z.string(), size: z.number(), mtimeMs: z.number() });
export type CachedInput = z.infer<typeof CachedInput>;

export const CacheIndex = z.object({
  format: z.literal(FORMAT),
  extractor: z.string(),
  /** When the build that wrote it started looking at its inputs (ms since the epoch). */
  startedAt: z.number(),
  entries: z.record(z.string(), CacheEntry),
  inputs: z.record(z.string(), CachedInput),
});
export type CacheIndex = z.infer<typeof CacheIndex>;

/** Extraction reads .html/.htm/… as HTML whatever the bytes say: the same bytes under another extension are another document. */
const HTML_NAME = /\.(?:html?|shtml|xhtml)$/i;

/** The cache key of a file: its bytes and the format its name selects. */
export function cacheKey(bytes: Uint8Array, fileName: string): string {
  return createHash('sha256').update(HTML_NAME.test(fileName) ? 'html\0' : 'text\0').update(bytes).digest('hex');
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** What extraction depends on, for the running installation (dist/cli/record-cache.js → dist/extract, …). */
export function defaultExtractorSources(): { paths: string[]; packages: string[] } {
  const dist = path.resolve(here, '..');
  const packageJson = path.resolve(dist, '..', 'package.json');
  let packages: string[] = [];
  try {
    packages = Object.keys((JSON.parse(readFileSync(packageJson, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {});
  } catch {
    // no package.json beside dist/: the code and data hashes still apply
  }
  return {
    paths: [path.join(dist, 'extract'), path.join(dist, 'cli', 'extract-worker.js'), path.resolve(dist, '..', 'data')],
    packages,
  };
}

/**
 * The extractor version: a hash of every file under `paths` (relative name and bytes, in sorted order)
 * and of the installed version of each package in `packages`.
 */
export function extractorVersion(sources = defaultExtractorSources()): string {
  const hash = createHash('sha256').update(`zhengkg-records-${FORMAT}\0`);
  const addPath = (root: string, p: string) => {
    let info;
    try {
      info = statSync(p);
    } catch {
      hash.update(`missing ${path.relative(root, p)}\0`);
      return;
    }
    if (info.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        // Source maps name the build's paths, not what the code does.
        if (!name.endsWith('.map')) addPath(root, path.join(p, name));
      }
    } else if (info.isFile()) {
      hash.update(`${path.relative(root, p)}\0`).update(readFileSync(p)).update('\0');
    }
  };
  for (const p of sources.paths) addPath(path.dirname(p), p);
  const require = createRequire(import.meta.url);
  for (const name of [...sources.packages].sort()) {
    let version = '?';
    try {
      version = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: string }).version ?? '?';
    } catch {
      // a package without an exported package.json: its name alone
    }
    hash.update(`${name}@${version}\0`);
  }
  return hash.digest('hex');
}

/** The record's JSON (UTF-8) with its doc id (the record's and every evidence's) changed. */
export function withDoc(json: Uint8Array, doc: string): Uint8Array {
  const record = JSON.parse(Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8')) as DocRecord;
  const from = record.doc;
  if (from === doc) return json;
  record.doc = doc;
  for (const item of [...record.mentions, ...record.relations]) {
    for (const e of item.evidence) if (e.doc === from) e.doc = doc;
  }
  return Buffer.from(JSON.stringify(record), 'utf8');
}

/** The cache a previous build left in `outDir`, when it is there, readable and of this extractor version. */
export class RecordCache {
  private constructor(
    private readonly dir: string,
    private readonly index: CacheIndex,
    private readonly fd: number,
  ) {}

  static open(outDir: string, extractor: string): { cache?: RecordCache; why?: string } {
    const dir = path.join(outDir, CACHE_DIR);
    if (!existsSync(path.join(dir, INDEX_FILE))) return {};
    let index: CacheIndex;
    try {
      index = CacheIndex.parse(JSON.parse(readFileSync(path.join(dir, INDEX_FILE), 'utf8')));
    } catch {
      return { why: 'its index is unreadable' };
    }
    if (index.extractor !== extractor) return { why: 'the extractor changed since it was written' };
    let fd: number;
    try {
      fd = openSync(path.join(dir, PACK_FILE), 'r');
    } catch {
      return { why: 'its records file is missing' };
    }
    return { cache: new RecordCache(dir, index, fd) };
  }

  /**
   * The key of an input when its size and mtime are those recorded, and it was not modified in the
   * second before the build that recorded it looked at it (a change then could leave both as they were).
   */
  knownKey(absolutePath: string, size: number, mtimeMs: number): string | undefined {
    const seen = this.index.inputs[absolutePath];
    if (!seen || seen.size !== size || seen.mtimeMs !== mtimeMs || mtimeMs > this.index.startedAt - 2000) return undefined;
    return seen.key;
  }

  entry(key: string): CacheEntry | undefined {
    return Object.hasOwn(this.index.entries, key) ? this.index.entries[key] : undefined;
  }

  /** The record JSON of an entry as UTF-8 (as extracted: with the entry's doc id); throws when the bytes are not those stored. */
  read(entry: CacheEntry): Buffer {
    const bytes = Buffer.allocUnsafe(entry.length);
    let done = 0;
    while (done < entry.length) {
      const n = readSync(this.fd, bytes, done, entry.length - done, entry.offset + done);
      if (n === 0) throw new Error(`record cache ${this.dir} is truncated`);
      done += n;
    }
    if (crc32(bytes) !== entry.crc) throw new Error(`record cache ${this.dir} is damaged`);
    return bytes;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Writes a build's cache into its staging folder. */
export class CacheWriter {
  private readonly dir: string;
  private readonly fd: number;
  private readonly entries: Record<string, CacheEntry> = {};
  private readonly inputs: Record<string, CachedInput> = {};
  private size = 0;
  private closed = false;

  constructor(staging: string, private readonly extractor: string, private readonly startedAt: number) {
    this.dir = path.join(staging, CACHE_DIR);
    mkdirSync(this.dir);
    this.fd = openSync(path.join(this.dir, PACK_FILE), 'w');
  }

  has(key: string): boolean {
    return Object.hasOwn(this.entries, key);
  }

  /** Stores a record once per key (two inputs with the same bytes share it). */
  put(key: string, bytes: Uint8Array, summary: Omit<CacheEntry, 'offset' | 'length' | 'crc'>): void {
    if (this.has(key)) return;
    let done = 0;
    while (done < bytes.length) done += writeSync(this.fd, bytes, done, bytes.length - done, this.size + done);
    this.entries[key] = { offset: this.size, length: bytes.length, crc: crc32(bytes), ...summary };
    this.size += bytes.length;
  }

  input(absolutePath: string, seen: CachedInput): void {
    this.inputs[absolutePath] = seen;
  }

  /** Writes the index; the cache is complete once the staging folder is committed. */
  finish(): void {
    this.close();
    const index: CacheIndex = { format: FORMAT, extractor: this.extractor, startedAt: this.startedAt, entries: this.entries, inputs: this.inputs };
    writeFileSync(path.join(this.dir, INDEX_FILE), JSON.stringify(index), 'utf8');
  }

  /** Closes the records file of a build that will not commit (its staging folder is removed anyway). */
  abandon(): void {
    this.close();
  }

  // Once only: a closed descriptor's number may already belong to another file.
  private close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
  }
}

/** Folders reuseText has made (one mkdir per folder, not per document). */
const madeDirs = new Set<string>();

/**
 * Puts the previous build's normalised text of a cached document at <textsDir>/<doc>: a hard link (the
 * previous output is removed at commit, the file lives on), else a copy. False when the text is missing.
 */
export function reuseText(previousTexts: string, fromDoc: string, textsDir: string, doc: string): boolean {
  const source = path.join(previousTexts, fromDoc);
  const target = path.join(textsDir, doc);
  const inside = (p: string, dir: string) => !path.relative(dir, p).startsWith('..');
  if (!inside(source, previousTexts) || !inside(target, textsDir) || !existsSync(source)) return false;
  const dir = path.dirname(target);
  if (!madeDirs.has(dir)) {
    mkdirSync(dir, { recursive: true });
    madeDirs.add(dir);
  }
  try {
    linkSync(source, target);
  } catch {
    try {
      copyFileSync(source, target);
    } catch {
      return false;
    }
  }
  return true;
}
