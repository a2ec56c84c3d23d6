#!/usr/bin/env node
// `npm run bench`: how the cost of zhengkg grows with corpus size.
//
//   node bench/run.mjs [--quick] [--sizes 1,10,100] [--seed 1] [--jobs N] [--no-neo4j]
//                      [--per-row 2000] [--no-inprocess] [--no-profile] [--save]
//
// For each size (MB of input files; default 1, 10, 100; --quick: 0.5 and 2) it
//   1. generates a synthetic corpus (bench/generate.mjs; reused when already there),
//   2. extracts it in-process on one thread and builds the graph (bench/inprocess.mjs, a
//      fresh Node process): extraction MB/s and documents/s, resolution, graph build, Louvain,
//      export, peak RSS,
//   3. runs the real CLI, `node bin/kg.mjs build <docs> --out <dir>`, under /usr/bin/time -v:
//      wall time, the summary line, peak RSS, CPU time; the extraction phase ends when the
//      last text is written to <out>/texts, so its length is read from those files' mtimes,
// then, unless --no-neo4j, loads each graph.json into Neo4j with the batched loader of
// src/load and with a naive one-transaction-per-row loader (bench/neo4j.mjs) on the first
// --per-row relationships, emptying the database before each load; and finally profiles
// in-process extraction of a 2 MB sample (bench/profile.mjs; not in --quick).
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
    const child = spawn(cmd, argv, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'], ...options });
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
  if (r.code !== 0) throw new Error(`in-process run failed: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
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

/** Peak RSS by polling /proc/<pid>/status when /usr/bin/time is not installed. */
function pollHwm(pid) {
  let peakKb = 0;
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch { /* exited */ }
  }, 100);
  return () => { clearInterval(timer); return peakKb; };
}

async function kgBuild(docsDir, label) {
  const out = path.join(outRoot, `build-${label}`);
  rmSync(out, { recursive: true, force: true });
  const kgArgs = [path.join(repo, 'bin', 'kg.mjs'), 'build', docsDir, '--out', out, '--no-progress', '--jobs', String(jobs)];
  const startedEpoch = Date.now();
  let r;
  let polledKb = 0;
  if (timeAvailable) {
    r = await run('/usr/bin/time', ['-v', process.execPath, ...kgArgs]);
  } else {
    const p = run(process.execPath, kgArgs);
    await new Promise((res) => setTimeout(res, 50));
    const children = spawnSync('pgrep', ['-n', '-f', `kg.mjs build ${docsDir}`], { encoding: 'utf8' }).stdout.trim();
    const stop = children ? pollHwm(Number(children)) : () => 0;
    r = await p;
    polledKb = stop();
  }
  const summary = /read (\d+) documents \((\d+) skipped\) in ([\d.]+) s/.exec(r.stderr);
  if (r.code !== 0 || !summary) throw new Error(`kg build failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  const field = (name) => {
    const m = new RegExp(`${name}:\\s*([\\d.]+)`).exec(r.stderr);
    return m ? Number(m[1]) : null;
  };
  const maxRssKb = timeAvailable ? field('Maximum resident set size \\(kbytes\\)') : polledKb;
  const report = readFileSync(path.join(out, 'report.md'), 'utf8');
  const counts = /(\d+) entities, (\d+) relations, (\d+) communities/.exec(report);
  const span = textsSpan(path.join(out, 'texts'), startedEpoch);
  const userSeconds = field('User time \\(seconds\\)');
  const systemSeconds = field('System time \\(seconds\\)');
  return {
    command: `node bin/kg.mjs build ${path.relative(repo, docsDir)} --out ${path.relative(repo, out)} --no-progress --jobs ${jobs}`,
    wallSeconds: r.seconds,
    reportedSeconds: Number(summary[3]),
    documents: Number(summary[1]),
    skipped: Number(summary[2]),
    skipLines: r.stderr.split('\n').filter((l) => l.startsWith('skip ')).slice(0, 5),
    maxRssMb: maxRssKb / 1024,
    rssSource: timeAvailable ? '/usr/bin/time -v' : '/proc/<pid>/status VmHWM',
    cpuSeconds: userSeconds !== null && systemSeconds !== null ? userSeconds + systemSeconds : null,
    ...(span ?? {}),
    entities: counts ? Number(counts[1]) : null,
    relations: counts ? Number(counts[2]) : null,
    communities: counts ? Number(counts[3]) : null,
    graphJsonMb: statSync(path.join(out, 'graph.json')).size / MB,
    graphJson: path.relative(repo, path.join(out, 'graph.json')),
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

for (const size of sizes) {
  const label = `${size}mb`;
  log(`\n== ${size} MB`);
  const corpus = generateCorpus({ dir: path.join(outRoot, `corpus-${size}mb-s${seed}`), targetBytes: Math.round(size * MB), seed });
  log(`corpus: ${corpus.docs} documents, ${(corpus.bytes / MB).toFixed(2)} MB ${corpus.reused ? '(reused)' : `(generated in ${corpus.seconds.toFixed(1)} s)`} — ${JSON.stringify(corpus.counts)}`);
  const entry = { size, corpus: { docs: corpus.docs, bytes: corpus.bytes, counts: corpus.counts, dir: path.relative(repo, corpus.docsDir) } };
  if (withInProcess) {
    entry.inProcess = await inProcess(corpus.docsDir, label);
    const e = entry.inProcess.extraction;
    const g = entry.inProcess.graph;
    log(`in-process: extraction ${e.mbPerSecond.toFixed(2)} MB/s (${e.mbPerCpuSecond.toFixed(2)} MB per CPU-s), ${e.docsPerSecond.toFixed(0)} docs/s; `
      + `resolve ${g.resolveSeconds.toFixed(2)} s, build ${g.buildSeconds.toFixed(2)} s, Louvain ${g.louvainSeconds.toFixed(2)} s, export ${g.exportSeconds?.toFixed(2)} s; RSS ${entry.inProcess.maxRssMb.toFixed(0)} MB`);
  }
  entry.kgBuild = await kgBuild(corpus.docsDir, label);
  const k = entry.kgBuild;
  log(`kg build: ${k.wallSeconds.toFixed(1)} s wall (extraction ${k.extractionSeconds?.toFixed(1)} s), ${k.documents} read, ${k.skipped} skipped, `
    + `peak RSS ${k.maxRssMb.toFixed(0)} MB, ${k.entities} entities, ${k.relations} relations`);
  results.runs.push(entry);
}

if (withNeo4j) {
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
      const loadRuns = quick ? results.runs.slice(-1) : results.runs;
      for (const [i, entry] of loadRuns.entries()) {
        log(`\n== Neo4j load, ${entry.size} MB graph`);
        try {
          const last = i === loadRuns.length - 1;
          entry.neo4j = await benchLoad(server, path.resolve(repo, entry.kgBuild.graphJson), { perRow: last, perRowLimit, warmUp: i === 0, log });
          const n = entry.neo4j;
          log(`batched: ${n.batched.relationships} relationships in ${n.batched.relationshipSeconds.toFixed(2)} s = ${n.batched.relationshipsPerSecond.toFixed(0)} rel/s`
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
} else {
  results.neo4j = { skipped: '--no-neo4j' };
  log('\nneo4j: skipped (--no-neo4j)');
}

if (withProfile) {
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

results.machine.loadAverageAtEnd = os.loadavg();
results.seconds = (performance.now() - benchStarted) / 1000;
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
  const last = runs[runs.length - 1];
  const mbOf = (r) => r.corpus.bytes / MB;
  const out = [];
  const add = (name, target, value, met, note = '') => out.push({ name, target, value, met, note });

  if (last.inProcess) {
    const e = last.inProcess.extraction;
    add('extraction, in-process (1 thread)', '≥ 2 MB/s per core', `${e.mbPerSecond.toFixed(2)} MB/s`, e.mbPerSecond >= 2,
      `${mbOf(last).toFixed(0)} MB corpus, decode + extract time; ${e.mbPerCpuSecond.toFixed(2)} MB per CPU-second of the process (V8's GC and compiler threads included)`);
  }
  const k = last.kgBuild;
  if (k.extractionSeconds) {
    const rate = mbOf(last) / k.extractionSeconds;
    add(`extraction, kg build (${jobs} workers)`, `≥ ${2 * jobs} MB/s (2 MB/s per core)`, `${rate.toFixed(2)} MB/s = ${(rate / jobs).toFixed(2)} MB/s per worker, ${(k.documents / k.extractionSeconds).toFixed(0)} docs/s`, rate / jobs >= 2,
      `from process start to the last text written (${k.firstTextSeconds.toFixed(1)} s until the first: start-up, file listing, workers loading lexicons)`);
  }
  const big = runs.find((r) => mbOf(r) >= 99);
  if (big) {
    add('kg build of 100 MB', '≤ 180 s', `${big.kgBuild.wallSeconds.toFixed(0)} s`, big.kgBuild.wallSeconds <= 180, `${big.kgBuild.documents} documents`);
    add('kg build peak RSS at 100 MB', '≤ 4 GB', `${(big.kgBuild.maxRssMb / 1024).toFixed(2)} GB`, big.kgBuild.maxRssMb <= 4096);
  } else {
    // Straight line through the two largest sizes (one size: through the origin).
    const prev = runs.length >= 2 ? runs[runs.length - 2] : null;
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
  if (runs.length >= 2) {
    const b = slope(runs.map((r) => [mbOf(r), r.kgBuild.wallSeconds]));
    const tail = runs.slice(-2);
    const bTail = slope(tail.map((r) => [mbOf(r), r.kgBuild.wallSeconds]));
    add('kg build time linear in size', 'exponent ≈ 1 (≤ 1.1)', `exponent ${b.toFixed(2)} over all sizes, ${bTail.toFixed(2)} between the two largest`, bTail <= 1.1,
      `seconds per MB: ${runs.map((r) => `${(r.kgBuild.wallSeconds / mbOf(r)).toFixed(2)}`).join(' → ')}`);
    if (runs.every((r) => r.inProcess)) {
      const g = slope(tail.map((r) => [mbOf(r), r.inProcess.graph.buildSeconds + r.inProcess.graph.louvainSeconds]));
      add('graph build + Louvain linear in size', 'exponent ≈ 1 (≤ 1.1)', `exponent ${g.toFixed(2)} between the two largest`, g <= 1.1);
    }
  }
  const n = last.neo4j;
  if (n && !n.error && n.perRow) {
    add('Neo4j batched load', '≥ 20,000 rel/s', `${n.batched.relationshipsPerSecond.toFixed(0)} rel/s (${n.batched.relationships} relationships)`, n.batched.relationshipsPerSecond >= 20000);
    add('batched vs per-row loader', '≥ 10×', `${n.speedup.toFixed(1)}× (whole graph vs first ${n.perRow.relationships}); ${n.speedupSameRows.toFixed(1)}× on the same ${n.perRow.relationships} rows`, n.speedup >= 10,
      `per-row: ${n.perRow.relationshipsPerSecond.toFixed(0)} rel/s`);
  }
  return out;
}

// ---------------------------------------------------------------- output

const f1 = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '–' : v.toFixed(d));
function tables(res) {
  const rows1 = [[
    'corpus', 'docs', 'extract 1 thread MB/s', 'MB/CPU-s', 'docs/s', 'resolve s', 'graph build s', 'Louvain s', 'export s',
    'kg build s', 'kg first text s', 'kg extract s', 'kg MB/s', 'kg docs/s', 'kg peak RSS MB', 'kg CPU s', 'nodes', 'edges',
  ]];
  for (const r of res.runs) {
    const e = r.inProcess?.extraction;
    const g = r.inProcess?.graph;
    const k = r.kgBuild;
    const mbs = r.corpus.bytes / MB;
    rows1.push([
      `${f1(mbs, 2)} MB`, String(r.corpus.docs), f1(e?.mbPerSecond, 2), f1(e?.mbPerCpuSecond, 2), f1(e?.docsPerSecond, 0),
      f1(g?.resolveSeconds, 2), f1(g?.buildSeconds, 2), f1(g?.louvainSeconds, 2), f1(g?.exportSeconds, 2),
      f1(k.wallSeconds), f1(k.firstTextSeconds), f1(k.extractionSeconds), f1(k.extractionSeconds ? mbs / k.extractionSeconds : null, 2),
      f1(k.extractionSeconds ? k.documents / k.extractionSeconds : null, 0), f1(k.maxRssMb, 0), f1(k.cpuSeconds),
      String(k.entities), String(k.relations),
    ]);
  }
  const rows2 = [['graph', 'relationships', 'batched s', 'batched rel/s', `per-row rel/s (first ${perRowLimit})`, `batched rel/s, same rows`, 'speed-up', 'same rows']];
  for (const r of res.runs) {
    const n = r.neo4j;
    if (!n) continue;
    if (n.error) { rows2.push([`${f1(r.corpus.bytes / MB, 2)} MB`, n.error, '', '', '', '', '', '']); continue; }
    rows2.push([
      `${f1(r.corpus.bytes / MB, 2)} MB`, String(n.batched.relationships), f1(n.batched.relationshipSeconds, 2), f1(n.batched.relationshipsPerSecond, 0),
      f1(n.perRow?.relationshipsPerSecond, 0), f1(n.batchedSubset?.relationshipsPerSecond, 0), n.perRow ? `${f1(n.speedup)}×` : '–', n.perRow ? `${f1(n.speedupSameRows)}×` : '–',
    ]);
  }
  const rows3 = [['target', 'goal', 'measured', 'met', 'note']];
  for (const t of res.targets) rows3.push([t.name, t.target, t.value, t.met ? 'yes' : 'NO', t.note]);
  return { build: rows1, neo4j: rows2.length > 1 ? rows2 : null, targets: rows3 };
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
process.stdout.write(`\n${machineLine}\n\nExtraction and build\n${plain(t.build)}\n`);
if (t.neo4j) process.stdout.write(`\nNeo4j load (${results.neo4j.uri})\n${plain(t.neo4j)}\n`);
else process.stdout.write(`\nNeo4j load: skipped (${results.neo4j.skipped})\n`);
process.stdout.write(`\nTargets\n${plain(t.targets)}\n\nbench: ${results.seconds.toFixed(0)} s in all\n`);

const md = [
  `Run: \`${results.command}\` on ${results.date.slice(0, 10)} — ${machineLine}.`, '',
  '**Extraction and build**', '', markdown(t.build), '',
  ...(t.neo4j ? ['**Neo4j load**', '', markdown(t.neo4j), ''] : [`Neo4j load: skipped (${results.neo4j.skipped}).`, '']),
  '**Targets**', '', markdown(t.targets), '',
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
