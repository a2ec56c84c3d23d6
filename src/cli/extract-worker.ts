// Worker thread: reads, decodes and extracts one document per task (serveTasks: one after another, each
// answer tagged with its task). The normalised text goes straight to <out>/texts/<doc> so that it never
// travels to (or accumulates in) the main thread; only the record is posted back, already as the JSON
// the main thread spools: a string crosses the thread boundary far more cheaply than the object graph of
// a record (whose evidence sentences make it larger than the document), and it need not be serialised twice.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { decodeBytes } from '../extract/decode.js';
import { extractDocumentWithText } from '../extract/pipeline.js';
import { DocRecord } from '../extract/records.js';
import { cacheKey } from './record-cache.js';
import { serveTasks } from './worker-pool.js';

export interface ExtractTask {
  path: string;
  doc: string;
  /** The file's size (its time limit grows with it). */
  bytes: number;
  /** Folder the normalised text is written to, as <textsDir>/<doc>. */
  textsDir: string;
}

/** What the main thread needs of a record besides the record itself. */
export interface RecordSummary { doc: string; chars: number; mentions: number; relations: number }

export type ExtractOutcome =
  | {
    ok: true; summary: RecordSummary; /** The validated DocRecord as JSON. */ json: string;
    /** The record cache's key of the bytes that were extracted (record-cache.ts). */
    key: string;
    /** Set when decoding replaced invalid byte sequences (few enough to keep the document): what to tell the user. */
    repaired?: string;
  }
  | { ok: false; reason: string };

/** Folders this thread has already created under a texts folder (mkdir once per folder, not per document). */
const madeDirs = new Set<string>();

/**
 * Creates the folders between textsDir (which the main thread made) and dir, never textsDir itself or
 * anything above it: once the build has removed its staging folder (it was stopped), a late write fails
 * instead of bringing the folder back.
 */
function makeDirsBelow(textsDir: string, dir: string): void {
  if (dir === textsDir || madeDirs.has(dir)) return;
  makeDirsBelow(textsDir, path.dirname(dir));
  try {
    mkdirSync(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  madeDirs.add(dir);
}

function writeText(textsDir: string, doc: string, text: string): void {
  const target = path.join(textsDir, doc);
  makeDirsBelow(textsDir, path.dirname(target));
  writeFileSync(target, text, 'utf8');
}

// Synchronous file access: this thread has nothing else to do meanwhile, and the files are small.
export function extractFile(task: ExtractTask): ExtractOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(task.path);
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as Error).message}` };
  }
  const key = cacheKey(bytes, path.basename(task.path));
  let decoded;
  try {
    decoded = decodeBytes(bytes, { fileName: path.basename(task.path) });
  } catch (err) {
    const reason = (err as { reason?: unknown }).reason;
    return { ok: false, reason: typeof reason === 'string' ? reason : `cannot decode: ${(err as Error).message}` };
  }
  bytes = new Uint8Array(0); // let the raw bytes go before extraction needs memory
  let result;
  try {
    result = extractDocumentWithText({ doc: task.doc, text: decoded.text, format: decoded.format });
  } catch (err) {
    return { ok: false, reason: `extraction failed: ${(err as Error).message}` };
  }
  const checked = DocRecord.safeParse(result.record);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return { ok: false, reason: `extraction produced an invalid record (${issue?.path.join('.')}: ${issue?.message})` };
  }
  try {
    writeText(task.textsDir, task.doc, result.text);
  } catch (err) {
    return { ok: false, reason: `cannot write text: ${(err as Error).message}` };
  }
  const record = checked.data;
  return {
    ok: true,
    summary: { doc: record.doc, chars: record.chars, mentions: record.mentions.length, relations: record.relations.length },
    json: JSON.stringify(record),
    key,
    ...(decoded.replaced ? { repaired: `${decoded.replaced} invalid byte sequence${decoded.replaced > 1 ? 's' : ''} replaced with U+FFFD (read as ${decoded.encoding})` } : {}),
  };
}

if (!isMainThread) serveTasks<ExtractTask, ExtractOutcome>(extractFile);
