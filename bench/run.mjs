#!/usr/bin/env node
// `npm run bench`: how the cost of zhengkg grows with corpus size.
//
//   node bench/run.mjs [--quick] [--sizes 1,10,100] [--seed 1] [--jobs N] [--no-neo4j]
//                      [--per-row 2000] [--no-inprocess] [--no-profile] [--save]
//
// For each size (MB of input files; default 1, 10, 100; --quick: 0.5 and 2; `--sizes 100,1000` adds the
// 1 GB corpus, about 45 minutes on 2 busy cores, not for CI; in-process is skipped above 200 MB) it
//   1. generates a synthetic corpus (bench/generate.mjs; reused when already there),
//   2. extracts it in-process on one thread and builds the graph (bench/inprocess.mjs, a
//      fresh Node process): extraction MB/s and documents/s, resolution, graph build, Louvain,
//      export, peak RSS,
//   3. runs the real CLI, `node bin/kg.mjs build <docs> --out <dir>`, under /usr/bin/time -v:
//      wall time, the summary line, peak RSS, CPU time; the extraction phase ends when the
//      last text is written to <out>/texts, so its length is read from those files' mtimes;
//      with ZHENGKG_PHASES set, kg build logs each phase (extract, reduce, communities, write,
//      report, commit) with wall and CPU seconds, and the sampled RSS gives each phase's peak,
// then, unless --no-neo4j, loads each graph.json into Neo4j with the batched loader of
// src/load and with a naive one-transaction-per-row loader (bench/neo4j.mjs) on the first
// --per-row relationships, emptying the database before each load; and finally profiles
// in-process extraction of a 2 MB sample (bench/profile.mjs; not in --quick); and, unless
// --no-incremental, the incremental case on the largest size (bench/incremental.mjs: a full build,
// then a rebuild after adding 10 documents, then one with nothing changed).
//
// Writes bench-output/results.json, results.md and scaling.svg; --save also copies them to
// bench/results/. Uses dist/ (run `npm run build` first). Numbers only: nothing here fails
// on a slow result.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scalingSvg } from './chart.mjs';
import { generateCorpus } from './generate.mjs';
import { MB } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const outRoot = path.join(repo, 'bench-output');
const args = process.argv.slice(2);
const has = (flag) => args.includes(flag);
const get = (flag, fallback) => {
  const k = args.indexOf(flag);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1] : fallback;
};

const quick = has('--quick');
const sizes = get('--sizes', quick ? '0.5,2' : '1,10,100').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const seed = Number(get('--seed', '1'));
const jobs = Number(get('--jobs', String(os.availableParallelism())));
const perRowLimit = Number(get('--per-row', quick ? '300' : '2000'));
const withNeo4j = !has('--no-neo4j');
const withInProcess = !has('--no-inprocess');
const withProfile = !quick && !has('--no-profile');
const log = (line) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------- checks

if (!existsSync(path.join(repo, 'dist', 'extract', 'pipeline.js'))) {
  log('bench: dist/ is missing; run `npm run build` first');
  process.exit(1);
}

function newestMtime(dir, ext) {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}
const git = (...a) => spawnSync('git', a, { cwd: repo, encoding: 'utf8' }).stdout.trim();
const gitInfo = {
  commit: git('rev-parse', 'HEAD'),
  subject: git('log', '-1', '--format=%s'),
  dirtySrc: git('status', '--porcelain', '--', 'src').split('\n').filter(Boolean).length,
};
const distStale = newestMtime(path.join(repo, 'src'), '.ts') > newestMtime(path.join(repo, 'dist'), '.js');
if (distStale) log('bench: warning: src/ has files newer than dist/; run `npm run build` to measure the current sources');

// ---------------------------------------------------------------- steps

function run(cmd, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const { onSpawn, ...spawnOptions } = options;
    const child = spawn(cmd, argv, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
    onSpawn?.(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

async function inProcess(docsDir, label) {
  const out = path.join(outRoot, `inprocess-${label}.json`);
  const r = await run(process.execPath, ['--max-old-space-size=8192', path.join(here, 'inprocess.mjs'), '--docs', docsDir, '--out', out, '--graph-out', path.join(outRoot, `inprocess-graph-${label}`)]);
  if (r.code !== 0) {
    const lines = r.stderr.trim().split('\n');
    const why = lines.find((l) => /Error|FATAL|heap|Invalid/.test(l)) ?? lines[lines.length - 1];
    throw new Error(`in-process run failed (exit ${r.code}, after ${r.seconds.toFixed(0)} s): ${why.trim()}`);
  }
  return JSON.parse(readFileSync(out, 'utf8'));
}

const timeAvailable = existsSync('/usr/bin/time');

function textsSpan(textsDir, startedEpochMs) {
  let first = Infinity;
  let last = 0;
  let count = 0;
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const m = statSync(p).mtimeMs;
        first = Math.min(first, m);
        last = Math.max(last, m);
        count++;
      }
    }
  };
  if (existsSync(textsDir)) walk(textsDir);
  return count ? { firstTextSeconds: (first - startedEpochMs) / 1000, extractionSeconds: (last - startedEpochMs) / 1000, texts: count } : null;
}

/**
 * Samples the resident set of a process every 200 ms from /proc/<pid>/status, to tell
 * which phase the peak falls in (/usr/bin/time gives only the peak). With /usr/bin/time in
 * between, the node process is its child.
 */
function sampleRss(pid) {
  // The process tree under `pid` (/usr/bin/time → kg launcher → the node process that may re-exec
  // itself with a larger heap): each sample keeps the largest resident set in the tree.
  const samples = [];
  let hwmKb = 0;
  const started = performance.now();
  const children = (p) => {
    try {
      return readdirSync(`/proc/${p}/task`).flatMap((t) => readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      return [];
    }
  };
  const timer = setInterval(() => {
    const tree = [];
    const stack = [pid];
    while (stack.length) {
      const p = stack.pop();
      tree.push(p);
      stack.push(...children(p));
    }
    let rssKb = 0;
    for (const p of tree) {
      try {
        const status = readFileSync(`/proc/${p}/status`, 'utf8');
        rssKb = Math.max(rssKb, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
        hwmKb = Math.max(hwmKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch { /* gone */ }
    }
    if (rssKb) samples.push([(performance.now() - started) / 1000, rssKb]);
  }, 200);
  return () => { clearInterval(timer); return { samples, hwmKb }; };
}

async function kgBuild(docsDir, label) {
  const out = path.join(outRoot, `build-${label}`);
  rmSync(out, { recursive: true, force: true });
  const kgArgs = [path.join(repo, 'bin', 'kg.mjs'), 'build', docsDir, '--out', out, '--no-progress', '--jobs', String(jobs)];
  const startedEpoch = Date.now();
  const phaseFile = path.join(outRoot, `phases-${label}.jsonl`);
  rmSync(phaseFile, { force: true });
  let stopSampling = () => ({ samples: [], hwmKb: 0 });
  const r = await run(timeAvailable ? '/usr/bin/time' : process.execPath, timeAvailable ? ['-v', process.execPath, ...kgArgs] : kgArgs, {
    onSpawn: (child) => { stopSampling = sampleRss(child.pid); },
    env: { ...process.env, ZHENGKG_PHASES: phaseFile },
  });
  const rss = stopSampling();
  // The phases kg build logged (src/cli/phases.ts): seconds, CPU seconds, and the sampled RSS peak within each.
  const logged = existsSync(phaseFile) ? readFileSync(phaseFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
  const offset = logged.length ? Math.max(0, (rss.samples.at(-1)?.[0] ?? 0) - (logged.at(-1).at ?? 0)) : 0;
  const phases = logged.map((p) => ({
    ...p,
    peakRssMb: rss.samples.filter(([t]) => t - offset > p.at - p.seconds && t - offset <= p.at).reduce((m, [, kb]) => Math.max(m, kb / 1024), 0) || null,
  }));
  const summary = /read (\d+) documents \((\d+) skipped\) in ([\d.]+) s/.exec(r.stderr);
  let error = null;
  if (r.code !== 0 || !summary) {
    const lines = r.stderr.trim().split('\n').filter((l) => !/^\s+at /.test(l) && !/^\t/.test(l));
    const why = lines.find((l) => /Error|FATAL|heap|Invalid|kg build:/.test(l)) ?? lines[lines.length - 1] ?? '';
    error = `kg build failed (exit ${r.code}, after ${r.seconds.toFixed(0)} s): ${why.trim()}`;
  }
  const field = (name) => {
    const m = new RegExp(`${name}:\\s*([\\d.]+)`).exec(r.stderr);
    return m ? Number(m[1]) : null;
  };
  // /usr/bin/time reports 0 when the process dies of a signal (V8's heap-limit abort): then the sampled VmHWM.
  const maxRssKb = Math.max(timeAvailable ? field('Maximum resident set size \\(kbytes\\)') ?? 0 : 0, rss.hwmKb);
  const reportFile = path.join(out, 'report.md');
  const counts = existsSync(reportFile) ? /(\d+) entities, (\d+) relations, (\d+) communities/.exec(readFileSync(reportFile, 'utf8')) : null;
  const span = textsSpan(path.join(out, 'texts'), startedEpoch);
  const userSeconds = field('User time \\(seconds\\)');
  const systemSeconds = field('System time \\(seconds\\)');
  // Peak of the sampled RSS up to the end of extraction, and after it (reduce: resolve, graph, Louvain, export).
  const endOfExtraction = span?.extractionSeconds ?? Infinity;
  const peakKb = (f) => rss.samples.filter(([t]) => f(t)).reduce((m, [, kb]) => Math.max(m, kb), 0);
  const rssPhases = {
    extractionPeakMb: peakKb((t) => t <= endOfExtraction) / 1024,
    reducePeakMb: peakKb((t) => t > endOfExtraction) / 1024,
    timeline: rss.samples.filter((_, i) => i % Math.max(1, Math.ceil(rss.samples.length / 60)) === 0).map(([t, kb]) => [Number(t.toFixed(1)), Math.round(kb / 1024)]),
  };
  // When each output file was last written, in seconds from the start: the phases of the reduce step.
  const written = Object.fromEntries(['graph.json', 'graph.graphml', 'graph.gexf', 'report.md']
    .filter((f) => existsSync(path.join(out, f)))
    .map((f) => [f, Number(((statSync(path.join(out, f)).mtimeMs - startedEpoch) / 1000).toFixed(1))]));
  const graphFile = path.join(out, 'graph.json');
  return {
    ...(error ? { error } : {}),
    command: `node bin/kg.mjs build ${path.relative(repo, docsDir)} --out ${path.relative(repo, out)} --no-progress --jobs ${jobs}`,
    wallSeconds: r.seconds,
    reportedSeconds: summary ? Number(summary[3]) : null,
    documents: summary ? Number(summary[1]) : null,
    skipped: summary ? Number(summary[2]) : null,
    skipLines: r.stderr.split('\n').filter((l) => l.startsWith('skip ')).slice(0, 5),
    maxRssMb: maxRssKb / 1024,
    rssSource: timeAvailable ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM',
    rss: rssPhases,
    cpuSeconds: userSeconds !== null && systemSeconds !== null ? userSeconds + systemSeconds : null,
    ...(span ?? {}),
    phases,
    written,
    entities: counts ? Number(counts[1]) : null,
    relations: counts ? Number(counts[2]) : null,
    communities: counts ? Number(counts[3]) : null,
    graphJsonMb: existsSync(graphFile) ? statSync(graphFile).size / MB : null,
    graphJson: path.relative(repo, graphFile),
  };
}

// ---------------------------------------------------------------- main

const results = {
  date: new Date().toISOString(),
  command: `node bench/run.mjs ${args.join(' ')}`.trim(),
  machine: {
    cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model?.trim() ?? '?', jobs,
    memoryGb: os.totalmem() / 1024 ** 3, node: process.versions.node, platform: `${os.platform()} ${os.release()}`,
    loadAverageAtStart: os.loadavg(),
  },
  git: { ...gitInfo, distStale },
  seed,
  runs: [],
};
mkdirSync(outRoot, { recursive: true });
const benchStarted = performance.now();
// --resume: keep the complete measurements of an earlier run (bench-output/results.json) and redo the rest.
const previous = has('--resume') && existsSync(path.join(outRoot, 'results.json')) ? JSON.parse(readFileSync(path.join(outRoot, 'results.json'), 'utf8')) : null;
if (previous) results.resumedFrom = { date: previous.date, command: previous.command, loadAverageAtStart: previous.machine.loadAverageAtStart, loadAverageAtEnd: previous.machine.loadAverageAtEnd };

// --render: no measurement, only the tables, results.md and the chart from bench-output/results.json.
if (has('--render')) {
  const saved = JSON.parse(readFileSync(path.join(outRoot, 'results.json'), 'utf8'));
  for (const key of Object.keys(results)) delete results[key];
  Object.assign(results, saved);
  sizes.length = 0;
}
for (const size of sizes) {
  const label = `${size}mb`;
  log(`\n== ${size} MB`);
  // A measurement that ran to its end counts as complete, failures included (a failed export or build is a result).
  const old = previous?.runs.find((r) => r.size === size && r.corpus && (r.inProcess || !withInProcess) && r.kgBuild && previous.seed === seed);
  if (old) {
    log(`reusing the measurements of ${previous.date}`);
    results.runs.push({ ...old, reusedFrom: previous.date });
    continue;
  }
  const corpus = generateCorpus({ dir: path.join(outRoot, `corpus-${size}mb-s${seed}`), targetBytes: Math.round(size * MB), seed });
  log(`corpus: ${corpus.docs} documents, ${(corpus.bytes / MB).toFixed(2)} MB ${corpus.reused ? '(reused)' : `(generated in ${corpus.seconds.toFixed(1)} s)`} — ${JSON.stringify(corpus.counts)}`);
  const entry = { size, commit: gitInfo.commit, date: new Date().toISOString(), corpus: { docs: corpus.docs, bytes: corpus.bytes, counts: corpus.counts, dir: path.relative(repo, corpus.docsDir) } };
  if (withInProcess && size > 200) {
    log('in-process: skipped above 200 MB (it holds every record in memory)');
  } else if (withInProcess) {
    try {
      entry.inProcess = await inProcess(corpus.docsDir, label);
    } catch (err) {
      log(String(err.message));
      entry.inProcessError = String(err.message);
    }
  }
  if (entry.inProcess) {
    const e = entry.inProcess.extraction;
    const g = entry.inProcess.graph;
    log(`in-process: extraction ${e.mbPerSecond.toFixed(2)} MB/s (${e.mbPerCpuSecond.toFixed(2)} MB per CPU-s), ${e.docsPerSecond.toFixed(0)} docs/s; `
      + `resolve ${g.resolveSeconds.toFixed(2)} s, build ${g.buildSeconds.toFixed(2)} s, Louvain ${g.louvainSeconds.toFixed(2)} s, export ${g.exportSeconds?.toFixed(2)} s; RSS ${entry.inProcess.maxRssMb.toFixed(0)} MB`);
  }
  try {
    entry.kgBuild = await kgBuild(corpus.docsDir, label);
  } catch (err) {
    entry.kgBuild = { error: String(err.message) };
  }
  const k = entry.kgBuild;
  if (k.error) {
    log(`${k.error}${k.extractionSeconds ? ` — extraction had finished at ${k.extractionSeconds.toFixed(1)} s; files written: ${JSON.stringify(k.written)}; peak RSS ${k.maxRssMb?.toFixed(0)} MB` : ''}`);
    results.runs.push(entry);
    continue;
  }
  log(`kg build: ${k.wallSeconds.toFixed(1)} s wall (extraction ${k.extractionSeconds?.toFixed(1)} s), ${k.documents} read, ${k.skipped} skipped, `
    + `peak RSS ${k.maxRssMb.toFixed(0)} MB, ${k.entities} entities, ${k.relations} relations`);
  if (k.phases?.length) log(`phases: ${k.phases.map((p) => `${p.phase} ${p.seconds.toFixed(1)} s (CPU ${p.cpuSeconds.toFixed(1)} s, peak RSS ${p.peakRssMb?.toFixed(0) ?? '?'} MB)`).join('; ')}`);
  results.runs.push(entry);
}

if (has('--render')) {
  // keep what results.json holds
} else if (withNeo4j) {
  const { acquireNeo4j, benchLoad } = await import('./neo4j.mjs');
  const server = await acquireNeo4j({ log });
  if (server.error) {
    log(`neo4j: skipped — ${server.error}`);
    results.neo4j = { skipped: server.error };
  } else {
    results.neo4j = { uri: server.uri, perRowLimit };
    try {
      // The per-row loader's rate does not depend on the graph it samples: it runs once, on the largest graph.
      // --quick loads only the largest graph.
      const built = results.runs.filter((r) => !r.kgBuild.error && !r.neo4j?.batched);
      const loadRuns = quick ? built.slice(-1) : built;
      for (const [i, entry] of loadRuns.entries()) {
        log(`\n== Neo4j load, ${entry.size} MB graph`);
        try {
          const last = i === loadRuns.length - 1;
          entry.neo4j = await benchLoad(server, path.resolve(repo, entry.kgBuild.graphJson), { perRow: last, perRowLimit, warmUp: i === 0, log });
          const n = entry.neo4j;
          log(`batched: ${n.batched.relationships} relationships in ${n.batched.relationshipSeconds.toFixed(2)} s = ${n.batched.relationshipsPerSecond.toFixed(0)} rel/s`
            + (n.bulk && !n.bulk.skipped ? `; bulk: ${n.bulk.seconds.toFixed(2)} s end to end = ${n.bulk.relationshipsPerSecond.toFixed(0)} rel/s (files ${n.bulk.exportSeconds.toFixed(2)} s, import ${n.bulk.importSeconds.toFixed(2)} s, constraints ${n.bulk.schemaSeconds.toFixed(2)} s)` : '')
            + (n.perRow ? `; same ${n.perRow.relationships} rows: batched ${n.batchedSubset.relationshipsPerSecond.toFixed(0)} rel/s vs per-row ${n.perRow.relationshipsPerSecond.toFixed(0)} rel/s` : ''));
        } catch (err) {
          entry.neo4j = { error: String(err?.message ?? err).split('\n')[0] };
          log(`neo4j: ${entry.neo4j.error}`);
        }
      }
    } finally {
      await server.stop();
    }
  }
} else if (previous?.neo4j?.uri && results.runs.some((r) => r.neo4j)) {
  results.neo4j = previous.neo4j;
  log('\nneo4j: not run (--no-neo4j); keeping the loads measured in the earlier run');
} else {
  results.neo4j = { skipped: '--no-neo4j' };
  log('\nneo4j: skipped (--no-neo4j)');
}

if (!withProfile && previous?.profile) results.profile = previous.profile;
if (withProfile && !has('--render')) {
  log('\n== profile of in-process extraction, 2 MB sample');
  const p = await run(process.execPath, [path.join(here, 'profile.mjs'), '--mb', '2', '--seed', String(seed), '--top', '15']);
  if (p.code === 0) {
    const prof = JSON.parse(readFileSync(path.join(outRoot, 'profile', 'profile.json'), 'utf8'));
    results.profile = { mbPerSecond: prof.run.bytes / MB / prof.run.seconds, functions: prof.functions, files: prof.files.slice(0, 10) };
    log(p.stdout);
  } else {
    log(`profile failed: ${p.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
}

// The incremental case (bench/incremental.mjs), on the largest corpus.
if (!has('--render') && !has('--no-incremental')) {
  log(`\n== incremental: ${sizes.at(-1)} MB, then 10 documents added`);
  const { benchIncremental } = await import('./incremental.mjs');
  try {
    results.incremental = await benchIncremental({ mb: sizes.at(-1), seed, jobs, outRoot });
  } catch (err) {
    results.incremental = { error: String(err?.message ?? err).split('\n')[0] };
    log(`incremental: ${results.incremental.error}`);
  }
} else if (previous?.incremental) results.incremental = previous.incremental;

if (!has('--render')) {
  results.machine.loadAverageAtEnd = os.loadavg();
  results.seconds = (performance.now() - benchStarted) / 1000;
}
results.targets = evaluateTargets(results);

// ---------------------------------------------------------------- targets

function slope(points) {
  // Least-squares exponent b of y = a·x^b.
  const pts = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)]);
  if (pts.length < 2) return null;
  const mx = pts.reduce((s, [x]) => s + x, 0) / pts.length;
  const my = pts.reduce((s, [, y]) => s + y, 0) / pts.length;
  const num = pts.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const den = pts.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return den ? num / den : null;
}

function evaluateTargets(res) {
  const runs = res.runs;
  const mbOf = (r) => r.corpus.bytes / MB;
  const out = [];
  const add = (name, target, value, met, note = '') => out.push({ name, target, value, met, note });

  const withInProcess = runs.filter((r) => r.inProcess);
  const lastIn = withInProcess[withInProcess.length - 1];
  if (lastIn) {
    const e = lastIn.inProcess.extraction;
    add('extraction, in-process (1 thread)', '≥ 2 MB/s per core', `${e.mbPerSecond.toFixed(2)} MB/s, ${e.docsPerSecond.toFixed(0)} docs/s`, e.mbPerSecond >= 2,
      `${mbOf(lastIn).toFixed(0)} MB corpus, decode + extract time; ${e.mbPerCpuSecond.toFixed(2)} MB per CPU-second of the process (V8's GC and compiler threads included)`
      + (e.mbPerMainThreadCpuSecond ? `, ${e.mbPerMainThreadCpuSecond.toFixed(2)} MB per CPU-second of the extracting thread alone` : ''));
  }
  const built = runs.filter((r) => !r.kgBuild.error);
  const last = built[built.length - 1];
  const extracted = runs.filter((r) => r.kgBuild.extractionSeconds);
  const lastExtracted = extracted[extracted.length - 1];
  if (lastExtracted) {
    const k = lastExtracted.kgBuild;
    const rate = mbOf(lastExtracted) / k.extractionSeconds;
    add(`extraction, kg build (${jobs} workers)`, `≥ ${2 * jobs} MB/s (2 MB/s per core)`, `${rate.toFixed(2)} MB/s = ${(rate / jobs).toFixed(2)} MB/s per worker, ${((k.documents ?? lastExtracted.corpus.docs) / k.extractionSeconds).toFixed(0)} docs/s`, rate / jobs >= 2,
      `${mbOf(lastExtracted).toFixed(0)} MB corpus, from process start to the last text written (${k.firstTextSeconds.toFixed(1)} s until the first: start-up, file listing, workers loading lexicons)`);
  }
  const big = runs.find((r) => mbOf(r) >= 99 && mbOf(r) < 200);
  if (big?.kgBuild.error) {
    const k = big.kgBuild;
    add('kg build of 100 MB', '≤ 180 s', `FAILED after ${k.wallSeconds.toFixed(0)} s`, false,
      `${k.error}; extraction done at ${k.extractionSeconds?.toFixed(0)} s, files written at (s): ${JSON.stringify(k.written)}`);
    add('kg build peak RSS at 100 MB', '≤ 4 GB', `${(k.maxRssMb / 1024).toFixed(2)} GB before the failure`, false,
      `peak while extracting ${(k.rss.extractionPeakMb / 1024).toFixed(2)} GB, while reducing/writing ${(k.rss.reducePeakMb / 1024).toFixed(2)} GB`);
  } else if (big) {
    add('kg build of 100 MB', '≤ 45 s (#15)', `${big.kgBuild.wallSeconds.toFixed(0)} s`, big.kgBuild.wallSeconds <= 45, `${big.kgBuild.documents} documents; load average at start ${res.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')}`);
    const k = big.kgBuild;
    if (k.extractionSeconds) {
      const rest = k.wallSeconds - k.extractionSeconds;
      const cpu = (name) => k.phases?.find((p) => p.phase === name)?.cpuSeconds ?? 0;
      add('reduce + write at 100 MB', '≤ extraction (#15)', `${rest.toFixed(1)} s vs extraction ${k.extractionSeconds.toFixed(1)} s`, rest <= k.extractionSeconds,
        k.phases?.length ? `CPU s: ${['reduce', 'communities', 'write', 'report'].map((n) => `${n} ${cpu(n).toFixed(1)}`).join(', ')}` : '');
    }
    add('kg build peak RSS at 100 MB', '≤ 4 GB', `${(big.kgBuild.maxRssMb / 1024).toFixed(2)} GB`, big.kgBuild.maxRssMb <= 4096,
      `peak while extracting ${(big.kgBuild.rss.extractionPeakMb / 1024).toFixed(2)} GB, while reducing/writing ${(big.kgBuild.rss.reducePeakMb / 1024).toFixed(2)} GB`);
  } else if (last && !runs.some((r) => mbOf(r) >= 99)) {
    // Straight line through the two largest sizes (one size: through the origin).
    const prev = built.length >= 2 ? built[built.length - 2] : null;
    const at100 = (f) => {
      if (!prev) return (f(last) * 100) / mbOf(last);
      const perMb = (f(last) - f(prev)) / (mbOf(last) - mbOf(prev));
      return f(last) + perMb * (100 - mbOf(last));
    };
    const t100 = at100((r) => r.kgBuild.wallSeconds);
    const m100 = at100((r) => r.kgBuild.maxRssMb);
    const from = prev ? `line through ${mbOf(prev).toFixed(1)} and ${mbOf(last).toFixed(1)} MB` : `from ${mbOf(last).toFixed(1)} MB`;
    add('kg build of 100 MB (extrapolated)', '≤ 180 s', `~${t100.toFixed(0)} s`, t100 <= 180, from);
    add('kg build peak RSS at 100 MB (extrapolated)', '≤ 4 GB', `~${(m100 / 1024).toFixed(2)} GB`, m100 <= 4096, from);
  }
  const giga = runs.find((r) => mbOf(r) >= 999);
  if (giga) {
    const k = giga.kgBuild;
    add('kg build of 1 GB', '≤ 600 s (#15)', k.error ? `FAILED after ${k.wallSeconds.toFixed(0)} s` : `${k.wallSeconds.toFixed(0)} s`, !k.error && k.wallSeconds <= 600,
      `${k.documents ?? giga.corpus.docs} documents; extraction ${k.extractionSeconds?.toFixed(0)} s${k.phases?.length ? `; ${k.phases.map((p) => `${p.phase} ${p.seconds.toFixed(0)} s`).join(', ')}` : ''}`);
    add('kg build peak RSS at 1 GB', '≤ 6 GB (#15)', `${(k.maxRssMb / 1024).toFixed(2)} GB`, k.maxRssMb <= 6144,
      `peak while extracting ${(k.rss.extractionPeakMb / 1024).toFixed(2)} GB, while reducing/writing ${(k.rss.reducePeakMb / 1024).toFixed(2)} GB`);
  }
  if (built.length >= 2) {
    const tailRuns = built.slice(-2);
    for (const name of ['reduce', 'communities', 'write']) {
      const pts = tailRuns.map((r) => [mbOf(r), r.kgBuild.phases?.find((p) => p.phase === name)?.cpuSeconds]);
      if (pts.some(([, y]) => !y)) continue;
      const e = slope(pts);
      add(`kg build ${name} (CPU s) linear in size`, 'exponent ≈ 1 (≤ 1.1)', `exponent ${e.toFixed(2)} between the two largest`, e <= 1.1, `CPU seconds: ${pts.map(([, y]) => y.toFixed(1)).join(' → ')}`);
    }
    const rssPts = tailRuns.map((r) => [mbOf(r), r.kgBuild.maxRssMb]);
    const eRss = slope(rssPts);
    add('kg build peak RSS growth', 'sublinear (< 1)', `exponent ${eRss.toFixed(2)} between the two largest`, eRss < 1, `MB: ${rssPts.map(([, y]) => y.toFixed(0)).join(' → ')}`);
    const b = slope(built.map((r) => [mbOf(r), r.kgBuild.wallSeconds]));
    const tail = built.slice(-2);
    const bTail = slope(tail.map((r) => [mbOf(r), r.kgBuild.wallSeconds]));
    add('kg build time linear in size', 'exponent ≈ 1 (≤ 1.1)', `exponent ${b.toFixed(2)} over all sizes, ${bTail.toFixed(2)} between the two largest`, bTail <= 1.1,
      `seconds per MB: ${built.map((r) => `${(r.kgBuild.wallSeconds / mbOf(r)).toFixed(2)}`).join(' → ')}`);
  }
  if (withInProcess.length >= 2) {
    const tail = withInProcess.slice(-2);
    const part = (name, f) => {
      if (tail.some((r) => f(r.inProcess) == null)) return;
      const b = slope(tail.map((r) => [mbOf(r), f(r.inProcess)]));
      add(`${name} linear in size`, 'exponent ≈ 1 (≤ 1.1)', `exponent ${b.toFixed(2)} between the two largest`, b <= 1.1,
        `seconds: ${tail.map((r) => f(r.inProcess).toFixed(2)).join(' → ')}`);
    };
    part('in-process extraction', (r) => r.extraction.decodeSeconds + r.extraction.extractSeconds);
    part('entity resolution (resolveEntities)', (r) => r.graph.resolveSeconds);
    part('graph build + Louvain', (r) => r.graph.buildSeconds + r.graph.louvainSeconds);
    part('export (writeGraphFiles)', (r) => r.graph.exportSeconds);
  }
  const loaded = runs.filter((r) => r.neo4j && !r.neo4j.error && r.neo4j.perRow);
  const n = loaded[loaded.length - 1]?.neo4j;
  if (n) {
    add('Neo4j batched load', '≥ 20,000 rel/s', `${n.batched.relationshipsPerSecond.toFixed(0)} rel/s (${n.batched.relationships} relationships)`, n.batched.relationshipsPerSecond >= 20000,
      n.bare ? `bound: the same relationships MERGEd with no properties (no evidence to send or store) go at ${n.bare.relationshipsPerSecond.toFixed(0)} rel/s` : '');
    if (n.bulk && !n.bulk.skipped) {
      add('Neo4j bulk import (empty database)', '≥ 200,000 rel/s', `${n.bulk.relationshipsPerSecond.toFixed(0)} rel/s (${n.bulk.relationships} relationships in ${n.bulk.seconds.toFixed(1)} s)`, n.bulk.relationshipsPerSecond >= 200000,
        `end to end: files ${n.bulk.exportSeconds.toFixed(1)} s, import ${n.bulk.importSeconds.toFixed(1)} s, constraints ${n.bulk.schemaSeconds.toFixed(1)} s; ${(n.bulk.relationshipsPerSecond / n.batched.relationshipsPerSecond).toFixed(1)}× the batched MERGE rate${n.bulk.mismatch ? `; MISMATCH: ${n.bulk.mismatch}` : ''}`);
    }
    add('batched vs per-row loader', '≥ 10×', `${n.speedup.toFixed(1)}× (whole graph vs first ${n.perRow.relationships}); ${n.speedupSameRows.toFixed(1)}× on the same ${n.perRow.relationships} rows`, n.speedup >= 10,
      `per-row: ${n.perRow.relationshipsPerSecond.toFixed(0)} rel/s`);
  }
  return out;
}

// ---------------------------------------------------------------- output

const f1 = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(d));
function tables(res) {
  const rows1 = [['corpus', 'docs', 'extract MB/s', 'MB/CPU-s', 'MB/thread-CPU-s', 'docs/s', 'resolve s', 'graph build s', 'Louvain s', 'export s', 'peak RSS MB', 'nodes', 'edges']];
  const rows1b = [['corpus', 'docs', 'wall s', 'first text s', 'extraction s', 'extract MB/s', 'docs/s', 'reduce + write s', 'peak RSS MB', 'RSS peak extract / reduce MB', 'CPU s', 'nodes', 'edges']];
  for (const r of res.runs) {
    const e = r.inProcess?.extraction;
    const g = r.inProcess?.graph;
    const k = r.kgBuild;
    const mbs = r.corpus.bytes / MB;
    if (r.inProcess) {
      rows1.push([
        `${f1(mbs, 2)} MB`, String(r.corpus.docs), f1(e.mbPerSecond, 2), f1(e.mbPerCpuSecond, 2), f1(e.mbPerMainThreadCpuSecond, 2), f1(e.docsPerSecond, 0),
        f1(g.resolveSeconds, 2), f1(g.buildSeconds, 2), f1(g.louvainSeconds, 2), f1(g.exportSeconds, 2), f1(r.inProcess.maxRssMb, 0),
        String(g.nodes), String(g.edges),
      ]);
    }
    rows1b.push([
      `${f1(mbs, 2)} MB`, String(r.corpus.docs), f1(k.wallSeconds), f1(k.firstTextSeconds), f1(k.extractionSeconds),
      f1(k.extractionSeconds ? mbs / k.extractionSeconds : null, 2), f1(k.extractionSeconds ? (k.documents ?? r.corpus.docs) / k.extractionSeconds : null, 0),
      f1(k.extractionSeconds ? k.wallSeconds - k.extractionSeconds : null), f1(k.maxRssMb, 0),
      k.rss?.note ? '–' : `${f1(k.rss?.extractionPeakMb, 0)} / ${f1(k.rss?.reducePeakMb, 0)}`, f1(k.cpuSeconds),
      k.error ? 'FAILED' : String(k.entities), k.error ? `exit ${/exit (\d+)/.exec(k.error)?.[1] ?? '?'}` : String(k.relations),
    ]);
  }
  const rows2 = [['graph', 'relationships', 'batched s', 'batched rel/s', 'whole load s (nodes, relationships, communities)', 'bound: rel/s with no properties', 'bulk s (files / import / constraints)', 'bulk rel/s end to end', `per-row rel/s (first ${perRowLimit})`, `batched rel/s, same rows`, 'speed-up', 'same rows']];
  for (const r of res.runs) {
    const n = r.neo4j;
    if (!n) continue;
    if (n.error) { rows2.push([`${f1(r.corpus.bytes / MB, 2)} MB`, n.error, '', '', '', '', '', '', '', '', '', '']); continue; }
    const b = n.bulk && !n.bulk.skipped ? n.bulk : null;
    rows2.push([
      `${f1(r.corpus.bytes / MB, 2)} MB`, String(n.batched.relationships), f1(n.batched.relationshipSeconds, 2), f1(n.batched.relationshipsPerSecond, 0),
      f1(n.batched.seconds, 2), f1(n.bare?.relationshipsPerSecond, 0),
      b ? `${f1(b.seconds, 2)} (${f1(b.exportSeconds, 2)} / ${f1(b.importSeconds, 2)} / ${f1(b.schemaSeconds, 2)})` : '–', f1(b?.relationshipsPerSecond, 0),
      f1(n.perRow?.relationshipsPerSecond, 0), f1(n.batchedSubset?.relationshipsPerSecond, 0), n.perRow ? `${f1(n.speedup)}×` : '–', n.perRow ? `${f1(n.speedupSameRows)}×` : '–',
    ]);
  }
  const rowsP = [['corpus', 'phase', 'wall s', 'CPU s (all threads)', 'peak RSS MB in phase', 'RSS at end MB', 'heap at end MB']];
  for (const r of res.runs) {
    for (const p of r.kgBuild?.phases ?? []) {
      rowsP.push([`${f1(r.corpus.bytes / MB, 2)} MB`, p.phase, f1(p.seconds), f1(p.cpuSeconds), f1(p.peakRssMb, 0), f1(p.rssMb, 0), f1(p.heapMb, 0)]);
    }
  }
  const rows3 = [['target', 'goal', 'measured', 'met', 'note']];
  for (const t of res.targets) rows3.push([t.name, t.target, t.value, t.met ? 'yes' : 'NO', t.note]);
  return { inProcess: rows1.length > 1 ? rows1 : null, build: rows1b, phases: rowsP.length > 1 ? rowsP : null, neo4j: rows2.length > 1 ? rows2 : null, targets: rows3 };
}

const markdown = (rows) => [
  `| ${rows[0].join(' | ')} |`, `| ${rows[0].map(() => '---').join(' | ')} |`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
].join('\n');

function plain(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows.map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')).join('\n');
}

const t = tables(results);
const machineLine = `${results.machine.cpus} × ${results.machine.cpuModel}, ${results.machine.memoryGb.toFixed(0)} GB, Node ${results.machine.node}; `
  + `kg build --jobs ${jobs}; load average ${results.machine.loadAverageAtStart.map((x) => x.toFixed(1)).join(' ')} at start, `
  + `${results.machine.loadAverageAtEnd.map((x) => x.toFixed(1)).join(' ')} at end; commit ${results.git.commit.slice(0, 8)}${results.git.dirtySrc ? ` (+${results.git.dirtySrc} uncommitted src files)` : ''}`;
process.stdout.write(`\n${machineLine}\n`);
if (t.inProcess) process.stdout.write(`\nIn-process, one thread (decode + extract, then resolve / build / Louvain / export)\n${plain(t.inProcess)}\n`);
process.stdout.write(`\nkg build (${jobs} workers)\n${plain(t.build)}\n`);
if (t.phases) process.stdout.write(`\nkg build phases\n${plain(t.phases)}\n`);
if (t.neo4j) process.stdout.write(`\nNeo4j load (${results.neo4j.uri})\n${plain(t.neo4j)}\n`);
else process.stdout.write(`\nNeo4j load: skipped (${results.neo4j.skipped})\n`);
process.stdout.write(`\nTargets\n${plain(t.targets)}\n\nbench: ${results.seconds.toFixed(0)} s in all\n`);

const perRun = results.runs.filter((r) => r.commit).map((r) => `${r.size} MB at ${r.commit.slice(0, 8)} (${r.date.slice(11, 16)} UTC)`
  + (r.inProcessCommit ? ` (its in-process row at ${r.inProcessCommit.slice(0, 8)}, ${r.inProcessDate.slice(11, 16)} UTC)` : ''));
const md = [
  `Run: \`${results.command}\` on ${results.date.slice(0, 10)} — ${machineLine}.`, '',
  ...(perRun.length ? [`Measured: ${perRun.join('; ')}.`, ''] : []),
  ...(t.inProcess ? ['**In-process, one thread** (decode + extract; then resolve, graph build, Louvain, export of the same records)', '', markdown(t.inProcess), ''] : []),
  `**\`kg build\`** (${jobs} worker threads; extraction = until the last text is written; reduce + write = the rest)`, '', markdown(t.build), '',
  ...(t.phases ? ['**`kg build` phases** (as kg build logs them: extract = until every record is spooled and through the reduce pass; reduce = resolution → compact graph; communities = Louvain; write = graph.json, GraphML, GEXF; report; commit = the swap)', '', markdown(t.phases), ''] : []),
  ...(t.neo4j ? ['**Neo4j load**', '', markdown(t.neo4j), ''] : [`Neo4j load: skipped (${results.neo4j.skipped}).`, '']),
  '**Targets**', '', markdown(t.targets), '',
  ...(results.incremental?.builds ? ['**Incremental** (bench/incremental.mjs)', '', ...results.incremental.builds.map((b) => `- ${b.label}: ${b.wallSeconds.toFixed(1)} s wall, `
    + `${b.cpuSeconds?.toFixed(1)} CPU-s, peak RSS ${b.maxRssMb.toFixed(0)} MB, ${b.extracted} extracted / ${b.cached} from the cache, reduce to graph.json ${b.reduceSeconds?.toFixed(1)} s`),
  `- rebuild after adding ${results.incremental.added.docs} documents / first build: ${(100 * results.incremental.ratio.wall).toFixed(1)} % of the wall time (target ≤ 15 %)`, ''] : []),
].join('\n');
writeFileSync(path.join(outRoot, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(path.join(outRoot, 'results.md'), md);
writeFileSync(path.join(outRoot, 'scaling.svg'), scalingSvg(results));
log(`\nwrote bench-output/results.json, results.md, scaling.svg`);
if (has('--save')) {
  const dest = path.join(here, 'results');
  mkdirSync(dest, { recursive: true });
  for (const f of ['results.json', 'results.md', 'scaling.svg']) copyFileSync(path.join(outRoot, f), path.join(dest, f));
  if (existsSync(path.join(outRoot, 'profile', 'profile.txt'))) copyFileSync(path.join(outRoot, 'profile', 'profile.txt'), path.join(dest, 'profile.txt'));
  log('copied them to bench/results/');
}
