#!/usr/bin/env node
// One in-process measurement, run by bench/run.mjs in a fresh Node process per corpus size:
//
//   node bench/inprocess.mjs --docs <dir> --out <result.json> [--graph-out <dir>]
//
// 1. extraction on one thread: read → decodeBytes → extractDocumentWithText for every file,
//    after a warm-up document (module loading, lexicons, gazetteer) that is timed apart;
//    the zod check of each record (what the kg build worker also does) is timed apart too;
// 2. the reduce step on the records: resolveEntities alone, then reduceRecords (which resolves
//    again, then merges nodes, edges and adds PART_OF, into the compact store), assignStoreCommunities
//    (Louvain), and writeGraphFiles (contract validation + graph.json / .graphml / .gexf, streamed).
// Everything comes from dist/ (compile with `npm run build`).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles } from './lib.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag) => {
  const k = args.indexOf(flag);
  return k >= 0 ? args[k + 1] : undefined;
};
const docsDir = get('--docs');
const outFile = get('--out');
const graphOut = get('--graph-out');
const dist = (p) => import(path.join(repo, 'dist', p));
const now = () => performance.now();
const secs = (t0) => (now() - t0) / 1000;

const t0 = now();
const { decodeBytes } = await dist('extract/decode.js');
const { extractDocumentWithText } = await dist('extract/pipeline.js');
const { DocRecord } = await dist('extract/records.js');
const { resolveEntities } = await dist('graph/resolve.js');
const { reduceRecords } = await dist('graph/store.js');
const { assignStoreCommunities } = await dist('graph/communities.js');
const { writeGraphFiles } = await dist('graph/export.js');
const files = listFiles(docsDir);

// Warm-up: the first document pays for the lexicons, the gazetteer and the JIT.
const warm = now();
{
  const bytes = readFileSync(files[0]);
  const d = decodeBytes(bytes, { fileName: path.basename(files[0]) });
  extractDocumentWithText({ doc: 'warmup', text: d.text, format: d.format });
}
const warmupSeconds = secs(warm);
const startupSeconds = secs(t0);

let bytes = 0;
let chars = 0;
let readSeconds = 0;
let decodeSeconds = 0;
let extractSeconds = 0;
let validateSeconds = 0;
let slowest = { seconds: 0, file: '', bytes: 0 };
const records = [];
/** CPU seconds of this thread alone (Linux: /proc/self/task/<pid>/stat utime + stime), without V8's helper threads. */
const mainThreadCpu = () => {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};
const mainCpuBefore = mainThreadCpu();
const cpuBefore = process.cpuUsage();
const extractStarted = now();
for (const file of files) {
  let t = now();
  const raw = readFileSync(file);
  readSeconds += secs(t);
  bytes += raw.length;
  t = now();
  const decoded = decodeBytes(raw, { fileName: path.basename(file) });
  decodeSeconds += secs(t);
  t = now();
  const { record } = extractDocumentWithText({ doc: path.basename(file), text: decoded.text, format: decoded.format });
  const s = secs(t);
  extractSeconds += s;
  if (s > slowest.seconds) slowest = { seconds: s, file: path.relative(docsDir, file), bytes: raw.length };
  t = now();
  const checked = DocRecord.parse(record);
  validateSeconds += secs(t);
  chars += record.chars;
  records.push(checked);
}
const extractionWall = secs(extractStarted);
const cpu = process.cpuUsage(cpuBefore);
const extractionCpuSeconds = (cpu.user + cpu.system) / 1e6;
const mainCpuAfter = mainThreadCpu();
const mainThreadCpuSeconds = mainCpuBefore !== null && mainCpuAfter !== null ? mainCpuAfter - mainCpuBefore : null;

let t = now();
resolveEntities(records);
const resolveSeconds = secs(t);
t = now();
const graph = reduceRecords(records);
const buildSeconds = secs(t);
t = now();
const communities = assignStoreCommunities(graph);
const louvainSeconds = secs(t);
graph.attributes.communities = communities.count;
if (Number.isFinite(communities.modularity)) graph.attributes.modularity = communities.modularity;
let exportSeconds = null;
let exportError = null;
if (graphOut) {
  t = now();
  try {
    await writeGraphFiles(graph, graphOut, { docChars: new Map(records.map((r) => [r.doc, r.chars])) });
    exportSeconds = secs(t);
  } catch (err) {
    // e.g. a serialisation longer than V8's maximum string length: recorded, not fatal to the measurement.
    exportError = `${String(err?.message ?? err).split('\n')[0]} (after ${secs(t).toFixed(1)} s; ${err?.stack?.split('\n')[1]?.trim() ?? ''})`;
  }
  rmSync(graphOut, { recursive: true, force: true });
}

const result = {
  docs: files.length,
  bytes,
  chars,
  mentions: records.reduce((s, r) => s + r.mentions.length, 0),
  relations: records.reduce((s, r) => s + r.relations.length, 0),
  startupSeconds,
  warmupSeconds,
  extraction: {
    wallSeconds: extractionWall,
    readSeconds,
    decodeSeconds,
    extractSeconds,
    validateSeconds,
    // Throughput of decode + extract (what the brief calls in-process extraction), excluding file reads and the zod check.
    mbPerSecond: bytes / 1048576 / (decodeSeconds + extractSeconds),
    // CPU seconds of the whole loop (read, decode, extract, zod check, GC): robust when other work shares the cores.
    cpuSeconds: extractionCpuSeconds,
    mbPerCpuSecond: bytes / 1048576 / extractionCpuSeconds,
    // The extracting thread's own CPU time: the per-core rate, however busy the machine is.
    mainThreadCpuSeconds,
    mbPerMainThreadCpuSecond: mainThreadCpuSeconds ? bytes / 1048576 / mainThreadCpuSeconds : null,
    docsPerSecond: files.length / (decodeSeconds + extractSeconds),
    slowest,
  },
  graph: {
    nodes: graph.order,
    edges: graph.size,
    communities: communities.count,
    modularity: communities.modularity,
    resolveSeconds,
    buildSeconds,
    louvainSeconds,
    exportSeconds,
    exportError,
  },
  maxRssMb: process.resourceUsage().maxRSS / 1024,
};
writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
