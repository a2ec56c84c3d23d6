// `kg build`: files in, graph.json / graph.graphml / graph.gexf / report.md / texts/ out.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { readFileSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { InOrderFeed } from '../record-feed.js';
import { RecordSpool } from '../record-spool.js';
import { assignStoreCommunities } from '../../graph/communities.js';
import { createReducer, type Reducer } from '../../graph/store.js';
import { FileTexts } from '../../graph/texts.js';
import { phaseLogger } from '../phases.js';
import { writeGraphFiles } from '../../graph/export.js';
import { renderReport, type ReportDocument } from '../../graph/report.js';
import { CliError } from '../errors.js';
import { addConnectionOptions, connectionOptions, type ConnectionFlags } from './load.js';
import { carryOverNeo4jState, updateNeo4j } from '../neo4j-update.js';
import type { ExtractOutcome, ExtractTask, RecordSummary } from '../extract-worker.js';
import { collectInputs, DEFAULT_MAX_FILE_BYTES, type InputFile, type SkippedInput } from '../ingest.js';
import { OutputFolder } from '../output-folder.js';
import { readCommunityNumbers, writeCommunityNumbers } from '../community-file.js';
import { cacheKey, CacheWriter, extractorVersion, RecordCache, reuseText, withDoc, type CachedInput } from '../record-cache.js';
import { createProgress, shouldShowProgress } from '../progress.js';
import { runPool } from '../worker-pool.js';

export interface BuildOptions {
  out: string;
  strict?: boolean;
  jobs?: number;
  /** undefined: automatic (TTY and ≥ 20 files). */
  progress?: boolean;
  /** Per-document time limit in seconds. */
  timeout?: number;
  maxFileMb?: number;
  followExternalLinks?: boolean;
  /** false (--no-cache): extract every file, ignoring the record cache of the previous build (a new one is still written). */
  cache?: boolean;
  /** Number communities by size, as a first build does, instead of keeping the previous build's numbers. */
  freshCommunities?: boolean;
}

export interface BuildResult {
  read: number;
  skipped: SkippedInput[];
  outDir: string;
  exitCode: number;
}

const DEFAULT_TIMEOUT_S = 60;
// Extraction runs at 2 MB/s or more per worker (bench/), and linearly in a document's length: 5 s per MB
// lets any file under the size limit finish on a slow, busy machine, while a document that hangs is still stopped.
const TIMEOUT_S_PER_MB = 5;
const WORKER_HEAP_MB = 4096;
const WORKER_URL = new URL('../extract-worker.js', import.meta.url);

const positiveNumber = (what: string, integer: boolean) => (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new InvalidArgumentError(`${what} must be a positive ${integer ? 'integer' : 'number'}.`);
  }
  return n;
};

export function registerBuildCommand(program: Command): void {
  const command = program
    .command('build')
    .description('extract entities and relations from .txt/.html/.htm files (folders are searched recursively) and write the graph')
    .argument('<paths...>', 'files or folders to read')
    .requiredOption('-o, --out <dir>', '(required) output folder (graph.json, graph.graphml, graph.gexf, report.md, texts/)')
    .option('--strict', 'exit non-zero when any input was skipped')
    .option('-j, --jobs <n>', `worker threads (default: ${os.availableParallelism()}, the available cores)`, positiveNumber('--jobs', true))
    .option('--progress', 'always show a progress bar on stderr')
    .option('--no-progress', 'never show a progress bar')
    .option('--timeout <seconds>', `time limit per document (default: ${DEFAULT_TIMEOUT_S}), or ${TIMEOUT_S_PER_MB} s per MB of the file when that is longer`, positiveNumber('--timeout', false))
    .option('--max-file-mb <mb>', `skip files larger than this (default: ${DEFAULT_MAX_FILE_BYTES / 1024 / 1024})`, positiveNumber('--max-file-mb', false))
    .option('--follow-external-links', 'also read files and folders that symlinks in the input folders point to outside them')
    .option('--no-cache', 'extract every file again instead of reusing the records of unchanged files from <out>/cache')
    .option('--fresh-communities', 'number communities by size (0 = largest), as a first build does, instead of keeping the numbers of the previous build in --out')
    .option('--neo4j [uri]', 'then load graph.json into Neo4j, like `kg load`; a database this output folder loaded before is updated by the difference (default URI: $NEO4J_URI, else the local server, else bolt://127.0.0.1:7687)');
  addConnectionOptions(command, false).action(async (paths: string[], options: BuildOptions & ConnectionFlags & { neo4j?: string | boolean }) => {
    const { neo4j, user, password, passwordFile, database, ...buildOptions } = options;
    const flags: ConnectionFlags = { user, password, passwordFile, database };
    if (typeof neo4j === 'string') {
      // `--neo4j` takes its value optionally, so `--neo4j corpus/` would swallow an input folder.
      if (!/^[a-z][a-z0-9+]*:\/\//i.test(neo4j)) throw new CliError(`--neo4j takes a Bolt URI (bolt://host:port), not ${JSON.stringify(neo4j)}; give the inputs before --neo4j`, 2);
      flags.uri = neo4j;
    }
    const given = Object.entries(flags).filter(([k, v]) => v !== undefined && k !== 'uri').map(([k]) => k);
    if (!neo4j && given.length > 0) throw new CliError(`--${given[0].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} is for --neo4j, which was not given`, 2);
    // Read --password-file (and warn about --password) before the build, not after minutes of it.
    const connection = neo4j ? connectionOptions(flags) : undefined;
    const result = await runBuild(paths, buildOptions);
    process.exitCode = result.exitCode;
    if (connection) await updateNeo4j(result.outDir, connection);
  });
}

/** Runs a whole build. Skipped inputs are printed as `skip <path>: <reason>`; throws CliError when nothing could be read. */
export async function runBuild(inputs: readonly string[], options: BuildOptions): Promise<BuildResult> {
  const started = performance.now();
  const output = new OutputFolder(options.out);
  output.check(inputs, options.out);
  await output.recover();

  const maxFileBytes = options.maxFileMb !== undefined ? options.maxFileMb * 1024 * 1024 : DEFAULT_MAX_FILE_BYTES;
  const ingest = await collectInputs(inputs, { maxFileBytes, followExternalLinks: options.followExternalLinks });
  for (const f of ingest.files) output.checkInputFile(f.path, options.out);
  const skipped: SkippedInput[] = [];
  const reportSkip = (s: SkippedInput, log: (line: string) => void) => {
    skipped.push(s);
    log(`skip ${s.path}: ${s.reason}`);
  };
  for (const s of ingest.skipped) reportSkip(s, (line) => process.stderr.write(`${line}\n`));

  const spool = new RecordSpool();
  const staging = await output.stage();
  let committed = false;
  // Killed mid-build: the records and the half-written staging folder go; the previous result stays.
  // The handlers stay until the clean-up is done: a second signal (Ctrl-C reaches kg and its launcher) must not cut it short.
  const onSignal = (signal: NodeJS.Signals) => {
    spool.dispose();
    OutputFolder.discard(staging);
    removeSignalHandlers();
    // The shell's code for "killed by <signal>". (Raising the signal again would let the event loop run on
    // until it is delivered, into a spool that is closed.)
    process.exit(128 + os.constants.signals[signal]);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const removeSignalHandlers = () => { for (const s of signals) process.off(s, onSignal); };
  for (const s of signals) process.on(s, onSignal);
  try {
    carryOverNeo4jState(output.target, staging);
    const textsDir = path.join(staging, 'texts');
    await mkdir(textsDir, { recursive: true });
    const phase = phaseLogger(started);
    // The reduce takes each record as it arrives (in input order): only the resolution is left after extraction.
    // Both are let go once the graph is out: the reducer's pools would otherwise stay through Louvain and the writing.
    let reducer: Reducer | undefined = createReducer(new FileTexts(spool.tempFile('evidence-texts')));
    let feed: InOrderFeed | undefined = new InOrderFeed(ingest.files.length, (index) => spool.read(index), reducer.add);
    const { records, failures, repaired, extracted, cached } = await extractAll(ingest.files, textsDir, options, spool, feed, { previous: output.target, staging });
    feed.finish();
    feed = undefined;
    phase('extract');
    for (const f of failures) skipped.push(f);

    const elapsed = () => (performance.now() - started) / 1000;
    const summary = (counts = '') =>
      process.stderr.write(`read ${records.length} documents (${skipped.length} skipped) in ${elapsed().toFixed(1)} s → ${options.out}${counts}\n`);

    if (records.length === 0) {
      summary();
      throw new CliError(inputs.length === 0 || ingest.files.length + ingest.skipped.length === 0
        ? 'kg build: no .txt/.html/.htm files found'
        : 'kg build: no document could be read', 1);
    }

    const graph = reducer.finish();
    reducer = undefined;
    collectGarbage();
    phase('reduce');
    // The previous build's numbers (when --out holds one): communities that did not really change keep theirs.
    const previous = options.freshCommunities ? {} : readCommunityNumbers(output.target);
    if (previous.why) process.stderr.write(`note: numbering communities afresh, not after the previous build in ${options.out}: ${previous.why}\n`);
    const { numbers, ...communities } = assignStoreCommunities(graph, { before: previous.numbers });
    await writeCommunityNumbers(staging, numbers);
    graph.attributes.communities = communities.count;
    if (Number.isFinite(communities.modularity)) graph.attributes.modularity = communities.modularity;
    collectGarbage();
    phase('communities');

    const docChars = new Map(records.map((r) => [r.record.doc, r.record.chars]));
    await writeGraphFiles(graph, staging, { docChars });
    graph.close();
    phase('write');
    const documents: ReportDocument[] = records.map(({ record, file }) => ({
      doc: record.doc, path: file.path, chars: record.chars, mentions: record.mentions, relations: record.relations,
    }));
    const report = renderReport({ graph, communities, documents, skipped, repaired, inputs, seconds: elapsed() });
    await writeFile(path.join(staging, 'report.md'), report, 'utf8');
    phase('report');
    output.commit(staging);
    committed = true;

    summary(`: ${graph.order} entities, ${graph.size} relations (${extracted} extracted, ${cached} from the cache)`);
    phase('commit');
    const exitCode = options.strict && skipped.length > 0 ? 1 : 0;
    if (exitCode !== 0) process.stderr.write(`kg build: --strict and ${skipped.length} input(s) skipped\n`);
    return { read: records.length, skipped, outDir: output.target, exitCode };
  } finally {
    removeSignalHandlers();
    spool.dispose();
    if (!committed) OutputFolder.discard(staging);
  }
}

/**
 * A full collection between phases, when the launcher (bin/kg.mjs) exposed gc: the reduce's pools and
 * Louvain's graph are garbage by then, and V8, with a heap limit of many GB, would collect them only
 * after the next phase had piled its own data on top (the 1 GB corpus peaked in Louvain that way).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** A document that was read after decoding repaired it. */
interface RepairedInput { path: string; note: string }

/** What the main thread keeps of a document once its record is in the spool. */
interface ReadDocument { file: InputFile; record: RecordSummary }

/**
 * Extracts every file in worker threads, except those whose record the previous build's cache holds (same
 * bytes, same extractor): their records and texts are taken from it. Results come back in input order
 * whatever order workers finish in. The records of all documents go into the spool and into the new cache
 * in the staging folder, and to the reduce through `feed`, in input order.
 */
async function extractAll(
  files: readonly InputFile[],
  textsDir: string,
  options: BuildOptions,
  spool: RecordSpool,
  feed: InOrderFeed,
  where: { previous: string; staging: string },
): Promise<{ records: ReadDocument[]; failures: SkippedInput[]; repaired: RepairedInput[]; extracted: number; cached: number }> {
  const results: Array<ReadDocument | SkippedInput | undefined> = new Array(files.length);
  const repairs: Array<RepairedInput | undefined> = new Array(files.length);
  const show = shouldShowProgress(files.length, options.progress, Boolean(process.stderr.isTTY));
  const progress = createProgress(files.length, show);
  const fail = (index: number, reason: string) => {
    const s = { path: files[index].path, reason };
    results[index] = s;
    feed.missing(index);
    progress.log(`skip ${s.path}: ${s.reason}`);
    progress.tick();
  };
  const repairedNote = (index: number, note: string) => {
    repairs[index] = { path: files[index].path, note };
    progress.log(`note ${files[index].path}: ${note}`);
  };

  const startedAt = Date.now();
  // ZHENGKG_EXTRACT_PHASES=1: one line with where the extraction step's time went (bench/incremental.mjs reads it).
  const clock = process.env.ZHENGKG_EXTRACT_PHASES === '1' ? { start: performance.now(), lookup: 0, writing: 0 } : undefined;
  const extractor = extractorVersion();
  const opened = options.cache === false ? {} : RecordCache.open(where.previous, extractor);
  if (opened.why) progress.log(`note: not using the record cache of ${where.previous}: ${opened.why}`);
  const cache = opened.cache;
  const writer = new CacheWriter(where.staging, extractor, startedAt);
  const seen: Array<Omit<CachedInput, 'key'> | undefined> = new Array(files.length);
  const remember = (index: number, key: string) => {
    const s = seen[index];
    if (s) writer.input(path.resolve(files[index].path), { key, ...s });
  };
  const previousTexts = path.join(where.previous, 'texts');
  let cached = 0;
  const todo: number[] = [];
  try {
    files.forEach((file, index) => {
      try {
        const info = statSync(file.path);
        seen[index] = { size: info.size, mtimeMs: info.mtimeMs };
      } catch {
        // the worker reports what is wrong with it
      }
      const key = cache && seen[index] ? knownOrHashedKey(cache, file, seen[index]) : undefined;
      const entry = key ? cache!.entry(key) : undefined;
      // The record first, then the text: a damaged cache (a short records file) means extracting the file, and
      // no link to the previous output's text may exist then (the worker writes the text afresh).
      let json: Uint8Array | undefined;
      try {
        // The same doc id as last time (the usual case): the stored JSON as it is, not parsed.
        json = entry ? (entry.doc === file.doc ? cache!.read(entry) : withDoc(cache!.read(entry), file.doc)) : undefined;
      } catch {
        json = undefined;
      }
      if (!key || !entry || !json || !reuseText(previousTexts, entry.doc, textsDir, file.doc)) {
        todo.push(index);
        return;
      }
      spool.putJsonBytes(index, json);
      feed.arrived(index);
      const summary = { doc: file.doc, chars: entry.chars, mentions: entry.mentions, relations: entry.relations };
      const t = clock ? performance.now() : 0;
      writer.put(key, json, { ...summary, ...(entry.repaired ? { repaired: entry.repaired } : {}) });
      if (clock) clock.writing += performance.now() - t;
      remember(index, key);
      results[index] = { file, record: summary };
      if (entry.repaired) repairedNote(index, entry.repaired);
      cached++;
      progress.tick();
    });
    cache?.close();
    if (clock) clock.lookup = performance.now() - clock.start;

    const tasks: ExtractTask[] = todo.map((index) => ({ path: files[index].path, doc: files[index].doc, bytes: files[index].bytes, textsDir }));
    const timeoutS = options.timeout ?? DEFAULT_TIMEOUT_S;
    if (tasks.length > 0) {
      await runPool<ExtractTask, ExtractOutcome>(tasks, {
        workerUrl: WORKER_URL,
        jobs: options.jobs ?? os.availableParallelism(),
        timeoutMs: (task) => Math.max(timeoutS, (TIMEOUT_S_PER_MB * task.bytes) / 2 ** 20) * 1000,
        maxHeapMb: WORKER_HEAP_MB,
        // Documents are already waiting in the worker when it answers one: no idle gap while the main thread
        // reduces a large record or collects garbage (most documents take a worker a few milliseconds).
        tasksPerWorker: 8,
        onResult: (_task, k, outcome) => {
          const index = todo[k];
          if (!outcome.ok) return fail(index, outcome.reason);
          if (outcome.repaired) repairedNote(index, outcome.repaired);
          // Encoded once, for the spool and the cache.
          const json = Buffer.from(outcome.json, 'utf8');
          spool.putJsonBytes(index, json);
          feed.arrived(index, outcome.json);
          const t = clock ? performance.now() : 0;
          writer.put(outcome.key, json, { ...outcome.summary, ...(outcome.repaired ? { repaired: outcome.repaired } : {}) });
          if (clock) clock.writing += performance.now() - t;
          remember(index, outcome.key);
          results[index] = { file: files[index], record: outcome.summary };
          progress.tick();
        },
        onFailure: (_task, k, reason) => fail(todo[k], reason),
      });
    }
    const t = clock ? performance.now() : 0;
    writer.finish();
    if (clock) {
      const now = performance.now();
      clock.writing += now - t;
      const s = (ms: number) => (ms / 1000).toFixed(2);
      progress.log(`phases: extraction step ${s(now - clock.start)} s: cache lookup and cached records ${s(clock.lookup)} s (${cached} documents), `
        + `workers ${s(now - clock.start - clock.lookup)} s (${todo.length} documents); writing the new cache ${s(clock.writing)} s of these`);
    }
  } finally {
    writer.abandon();
    progress.stop();
  }
  const records: ReadDocument[] = [];
  const failures: SkippedInput[] = [];
  for (const r of results) {
    if (!r) continue;
    if ('record' in r) records.push(r);
    else failures.push(r);
  }
  return {
    records, failures, repaired: repairs.filter((r): r is RepairedInput => r !== undefined),
    extracted: records.length - cached, cached,
  };
}

/** The cache key of an input: the recorded one when the file is unchanged on disk, else a hash of its bytes. */
function knownOrHashedKey(cache: RecordCache, file: InputFile, seen: Omit<CachedInput, 'key'>): string | undefined {
  const known = cache.knownKey(path.resolve(file.path), seen.size, seen.mtimeMs);
  if (known) return known;
  try {
    return cacheKey(readFileSync(file.path), path.basename(file.path));
  } catch {
    return undefined; // the worker reports it
  }
}
