// `kg build`: files in, graph.json / graph.graphml / graph.gexf / report.md / texts/ out.
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RecordSpool } from '../record-spool.js';
import { assignStoreCommunities } from '../../graph/communities.js';
import { reduceRecords } from '../../graph/store.js';
import { FileTexts } from '../../graph/texts.js';
import { phaseLogger } from '../phases.js';
import { writeGraphFiles } from '../../graph/export.js';
import { renderReport, type ReportDocument } from '../../graph/report.js';
import { CliError } from '../errors.js';
import { addConnectionOptions, connectionOptions, loadBuiltGraph, type ConnectionFlags } from './load.js';
import type { ExtractOutcome, ExtractTask, RecordSummary } from '../extract-worker.js';
import { collectInputs, DEFAULT_MAX_FILE_BYTES, type InputFile, type SkippedInput } from '../ingest.js';
import { OutputFolder } from '../output-folder.js';
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
    .option('--neo4j [uri]', 'then load graph.json into Neo4j, like `kg load` (default URI: $NEO4J_URI, else the local server, else bolt://127.0.0.1:7687)');
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
    if (connection) await loadBuiltGraph(result.outDir, connection);
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
    const textsDir = path.join(staging, 'texts');
    await mkdir(textsDir, { recursive: true });
    const phase = phaseLogger(started);
    const { records, failures, repaired } = await extractAll(ingest.files, textsDir, options, spool);
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

    const graph = reduceRecords(spool, new FileTexts(spool.tempFile('evidence-texts')));
    phase('reduce');
    const communities = assignStoreCommunities(graph);
    graph.attributes.communities = communities.count;
    if (Number.isFinite(communities.modularity)) graph.attributes.modularity = communities.modularity;
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

    summary(`: ${graph.order} entities, ${graph.size} relations`);
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

/** A document that was read after decoding repaired it. */
interface RepairedInput { path: string; note: string }

/** What the main thread keeps of a document once its record is in the spool. */
interface ReadDocument { file: InputFile; record: RecordSummary }

/** Extracts every file in worker threads; results come back in input order whatever order workers finish in. */
async function extractAll(
  files: readonly InputFile[],
  textsDir: string,
  options: BuildOptions,
  spool: RecordSpool,
): Promise<{ records: ReadDocument[]; failures: SkippedInput[]; repaired: RepairedInput[] }> {
  const results: Array<ReadDocument | SkippedInput | undefined> = new Array(files.length);
  const repairs: Array<RepairedInput | undefined> = new Array(files.length);
  const show = shouldShowProgress(files.length, options.progress, Boolean(process.stderr.isTTY));
  const progress = createProgress(files.length, show);
  const fail = (index: number, reason: string) => {
    const s = { path: files[index].path, reason };
    results[index] = s;
    progress.log(`skip ${s.path}: ${s.reason}`);
    progress.tick();
  };
  const tasks: ExtractTask[] = files.map((f) => ({ path: f.path, doc: f.doc, bytes: f.bytes, textsDir }));
  const timeoutS = options.timeout ?? DEFAULT_TIMEOUT_S;
  try {
    await runPool<ExtractTask, ExtractOutcome>(tasks, {
      workerUrl: WORKER_URL,
      jobs: options.jobs ?? os.availableParallelism(),
      timeoutMs: (task) => Math.max(timeoutS, (TIMEOUT_S_PER_MB * task.bytes) / 2 ** 20) * 1000,
      maxHeapMb: WORKER_HEAP_MB,
      // The next document is already waiting in the worker when it answers one: no idle gap while the main thread spools.
      tasksPerWorker: 2,
      onResult: (_task, index, outcome) => {
        if (!outcome.ok) return fail(index, outcome.reason);
        if (outcome.repaired) {
          repairs[index] = { path: files[index].path, note: outcome.repaired };
          progress.log(`note ${files[index].path}: ${outcome.repaired}`);
        }
        spool.putJson(index, outcome.json);
        results[index] = { file: files[index], record: outcome.summary };
        progress.tick();
      },
      onFailure: (_task, index, reason) => fail(index, reason),
    });
  } finally {
    progress.stop();
  }
  const records: ReadDocument[] = [];
  const failures: SkippedInput[] = [];
  for (const r of results) {
    if (!r) continue;
    if ('record' in r) records.push(r);
    else failures.push(r);
  }
  return { records, failures, repaired: repairs.filter((r): r is RepairedInput => r !== undefined) };
}
