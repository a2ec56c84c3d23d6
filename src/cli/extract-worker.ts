// Worker thread: reads, decodes and extracts one document per message.
// The normalised text goes straight to <out>/texts/<doc> so that it never travels
// to (or accumulates in) the main thread; only the record is posted back.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { decodeBytes } from '../extract/decode.js';
import { extractDocumentWithText } from '../extract/pipeline.js';
import { DocRecord } from '../extract/records.js';
import { signalWorkerReady } from './worker-pool.js';

export interface ExtractTask {
  path: string;
  doc: string;
  /** Folder the normalised text is written to, as <textsDir>/<doc>. */
  textsDir: string;
}

export type ExtractOutcome =
  | { ok: true; record: DocRecord }
  | { ok: false; reason: string };

export async function extractFile(task: ExtractTask): Promise<ExtractOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(task.path);
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as Error).message}` };
  }
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
  const target = path.join(task.textsDir, task.doc);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, result.text, 'utf8');
  return { ok: true, record: checked.data };
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (task: ExtractTask) => {
    extractFile(task).then(
      (outcome) => port.postMessage(outcome),
      (err: unknown) => port.postMessage({ ok: false, reason: `cannot write text: ${(err as Error).message}` } satisfies ExtractOutcome),
    );
  });
  signalWorkerReady();
}
