#!/usr/bin/env node
// The incremental case: a full `kg build` of a corpus, then the same corpus plus a few new documents
// built again into the same output folder (the record cache in <out>/cache gives the unchanged
// documents' records; only the new ones are extracted), then once more with nothing changed.
//
//   node bench/incremental.mjs [--mb 100] [--seed 1] [--add 10] [--jobs N] [--neo4j | --only-neo4j] [--json <file>]
//
// For each build: wall time, CPU seconds (user + system, /usr/bin/time -v), peak RSS, the load average
// before it, the summary line's counts (extracted / from the cache), and where the time went:
//   - the extraction step (cache lookup and reading of cached records; workers on the new files;
//     writing the new cache) from the line `kg build` prints with ZHENGKG_EXTRACT_PHASES=1,
//   - the reduce (resolve, graph, Louvain, graph.json) and the other writes, from when each output
//     file was last written.
// With --neo4j (run it under `flock /tmp/zhengkg-neo4j.lock`), then on a private server (bench-output/neo4j,
// bolt port 7717): the corpus without the added documents is built with --neo4j into the emptied database
// (a full load), the documents are added back and the build with --neo4j updates the database by the
// difference; the update's own line gives its time and what it deleted and wrote. --only-neo4j skips the
// three timed builds (so the lock is held only for the Neo4j part; its first build then extracts everything).
// Target (issue #15): the build after adding 10 documents to a 100 MB corpus takes ≤ 15 % of the first.
// Numbers only: nothing here fails on a slow result. Uses dist/ (run `npm run build` first).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus, generateDocument } from './generate.mjs';
import { MB } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const get = (flag, fallback) => {
  const k = args.indexOf(flag);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1] : fallback;
};
const log = (line) => process.stderr.write(`${line}\n`);

export async function benchIncremental({ mb = 100, seed = 1, add = 10, jobs = os.availableParallelism(), outRoot = path.join(repo, 'bench-output'), withNeo4j = false, onlyNeo4j = false } = {}) {
  const corpusDir = path.join(outRoot, `corpus-${mb}mb-s${seed}`);
  const corpus = generateCorpus({ dir: corpusDir, targetBytes: Math.round(mb * MB), seed });
  const docsDir = path.join(corpusDir, 'docs');
  const work = path.join(outRoot, `incremental-${mb}mb-s${seed}`);
  rmSync(work, { recursive: true, force: true });
  const addedDir = path.join(work, 'added');
  const out = path.join(work, 'out');
  mkdirSync(addedDir, { recursive: true });

  const build = async (label, extraArgs = [], env = {}) => {
    const kgArgs = [path.join(repo, 'bin', 'kg.mjs'), 'build', docsDir, addedDir, '--out', out, '--no-progress', '--jobs', String(jobs), ...extraArgs];
    const loadAverage = os.loadavg();
    const startedEpoch = Date.now();
    const timed = existsSync('/usr/bin/time');
    const r = await run(timed ? '/usr/bin/time' : process.execPath, timed ? ['-v', process.execPath, ...kgArgs] : kgArgs, { ...process.env, ZHENGKG_EXTRACT_PHASES: '1', ...env });
    const field = (name) => {
      const m = new RegExp(`${name}:\\s*([\\d.]+)`).exec(r.stderr);
      return m ? Number(m[1]) : null;
    };
    const summary = /read (\d+) documents \((\d+) skipped\) in ([\d.]+) s → .*: (\d+) entities, (\d+) relations \((\d+) extracted, (\d+) from the cache\)/.exec(r.stderr);
    if (r.code !== 0 || !summary) throw new Error(`kg build (${label}) failed (exit ${r.code}): ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    const phases = /phases: extraction step ([\d.]+) s: cache lookup and cached records ([\d.]+) s \((\d+) documents\), workers ([\d.]+) s \((\d+) documents\); writing the new cache ([\d.]+) s/.exec(r.stderr);
    const at = (file) => (existsSync(path.join(out, file)) ? (statSync(path.join(out, file)).mtimeMs - startedEpoch) / 1000 : null);
    const cacheDone = at('cache/index.json');
    const graphJson = at('graph.json');
    const user = field('User time \\(seconds\\)'), system = field('System time \\(seconds\\)');
    return {
      label,
      command: `ZHENGKG_EXTRACT_PHASES=1 node bin/kg.mjs build ${path.relative(repo, docsDir)} ${path.relative(repo, addedDir)} --out ${path.relative(repo, out)} --no-progress --jobs ${jobs}`,
      loadAverageBefore: loadAverage.map((x) => Number(x.toFixed(2))),
      wallSeconds: r.seconds,
      cpuSeconds: user !== null && system !== null ? user + system : null,
      maxRssMb: (field('Maximum resident set size \\(kbytes\\)') ?? 0) / 1024,
      documents: Number(summary[1]),
      extracted: Number(summary[6]),
      cached: Number(summary[7]),
      entities: Number(summary[4]),
      relations: Number(summary[5]),
      extractionStep: phases ? {
        seconds: Number(phases[1]), cacheSeconds: Number(phases[2]), cachedDocuments: Number(phases[3]),
        workerSeconds: Number(phases[4]), workerDocuments: Number(phases[5]), cacheWriteSeconds: Number(phases[6]),
      } : null,
      // From the start of the process: the extraction step ends when the new cache's index is written;
      // graph.json is written after resolve, graph build and Louvain; the rest are the other exports and the report.
      written: { 'cache/index.json': cacheDone, 'graph.json': graphJson, 'graph.graphml': at('graph.graphml'), 'graph.gexf': at('graph.gexf'), 'report.md': at('report.md') },
      reduceSeconds: cacheDone !== null && graphJson !== null ? graphJson - cacheDone : null,
      neo4j: neo4jLines(r.stderr, Number(summary[3])),
      cacheMb: existsSync(path.join(out, 'cache', 'records.jsonl')) ? statSync(path.join(out, 'cache', 'records.jsonl')).size / MB : null,
    };
  };

  log(`incremental: corpus ${corpus.docs} documents, ${(corpus.bytes / MB).toFixed(1)} MB${corpus.reused ? ' (reused)' : ''}`);
  const first = onlyNeo4j ? undefined : await build('first build');
  if (first) log(describe(first));
  let addedBytes = 0;
  for (let i = 0; i < add; i++) {
    const d = generateDocument(seed, corpus.docs + i);
    const target = path.join(addedDir, d.relPath);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, d.bytes);
    addedBytes += d.bytes.length;
  }
  let added, unchanged, ratio;
  if (first) {
    added = await build(`after adding ${add} documents`);
    log(describe(added));
    unchanged = await build('nothing changed');
    log(describe(unchanged));
    ratio = { wall: added.wallSeconds / first.wallSeconds, cpu: added.cpuSeconds !== null && first.cpuSeconds ? added.cpuSeconds / first.cpuSeconds : null };
    log(`incremental/first: ${(100 * ratio.wall).toFixed(1)} % of the wall time, ${ratio.cpu !== null ? (100 * ratio.cpu).toFixed(1) : '?'} % of the CPU time (target ≤ 15 %)`);
  }

  let neo4j;
  if (withNeo4j || onlyNeo4j) {
    const { acquireNeo4j, openDriver, wipe } = await import('./neo4j.mjs');
    const server = await acquireNeo4j({ port: 7717, httpPort: 7727, log });
    if (server.error) {
      neo4j = { skipped: server.error };
      log(`neo4j: skipped — ${server.error}`);
    } else {
      try {
        const driver = openDriver(server);
        await wipe(driver);
        await driver.close();
        const env = { NEO4J_USER: server.user, NEO4J_PASSWORD: server.password };
        const aside = path.join(work, 'added-aside');
        rmSync(aside, { recursive: true, force: true });
        renameSync(addedDir, aside);
        mkdirSync(addedDir);
        const loaded = await build('--neo4j, corpus alone (a full load into the emptied database)', ['--neo4j', server.uri], env);
        log(describe(loaded));
        rmSync(addedDir, { recursive: true, force: true });
        renameSync(aside, addedDir);
        const updated = await build(`--neo4j after adding ${add} documents (an incremental update)`, ['--neo4j', server.uri], env);
        log(describe(updated));
        neo4j = { uri: server.uri, builds: [loaded, updated] };
      } catch (err) {
        neo4j = { error: String(err?.message ?? err).split('\n')[0] };
        log(`neo4j: ${neo4j.error}`);
      } finally {
        await server.stop();
      }
    }
  }
  return {
    mb, seed, jobs, corpus: { docs: corpus.docs, bytes: corpus.bytes }, added: { docs: add, bytes: addedBytes },
    machine: { cpus: os.cpus().length, memoryGb: os.totalmem() / 1024 ** 3, node: process.versions.node },
    ...(first ? { builds: [first, added, unchanged], ratio } : {}), targetRatio: 0.15, ...(neo4j ? { neo4j } : {}),
  };
}

/** The load or update lines of a build with --neo4j; `buildSeconds` is the summary line's time (the build before the load). */
function neo4jLines(stderr, buildSeconds) {
  const update = /^updated Neo4j at \S+ in ([\d.]+) s: deleted (\d+) nodes and (\d+) relationships, wrote (\d+) nodes and (\d+) relationships \(new or changed\), moved (\d+) nodes to another community, left (\d+) nodes and (\d+) relationships/m.exec(stderr);
  if (update) {
    const [, seconds, deletedNodes, deletedRels, writtenNodes, writtenRels, movedNodes, unchangedNodes, unchangedRels] = update.map(Number);
    return { mode: 'update', seconds, buildSeconds, deletedNodes, deletedRels, writtenNodes, writtenRels, movedNodes, unchangedNodes, unchangedRels };
  }
  const full = /^(loaded \d+ entity nodes.*|imported \d+ nodes.*)$/m.exec(stderr);
  return full ? { mode: 'full load', buildSeconds, line: full[1] } : undefined;
}

function describe(b) {
  const e = b.extractionStep;
  return `${b.label}: ${b.wallSeconds.toFixed(1)} s wall, ${b.cpuSeconds?.toFixed(1)} CPU-s, peak RSS ${b.maxRssMb.toFixed(0)} MB, load ${b.loadAverageBefore.join(' ')}; `
    + `${b.extracted} extracted, ${b.cached} from the cache; `
    + (e ? `extraction step ${e.seconds.toFixed(1)} s (cache lookup + cached records ${e.cacheSeconds.toFixed(1)} s, workers ${e.workerSeconds.toFixed(1)} s, cache writing ${e.cacheWriteSeconds.toFixed(1)} s); ` : '')
    + `reduce to graph.json ${b.reduceSeconds?.toFixed(1)} s, other writes ${((b.written['report.md'] ?? 0) - (b.written['graph.json'] ?? 0)).toFixed(1)} s; cache ${b.cacheMb?.toFixed(0)} MB`
    + (b.neo4j?.mode === 'update' ? `; Neo4j update ${b.neo4j.seconds.toFixed(1)} s (deleted ${b.neo4j.deletedNodes} nodes / ${b.neo4j.deletedRels} relationships, wrote ${b.neo4j.writtenNodes} / ${b.neo4j.writtenRels}, moved ${b.neo4j.movedNodes} nodes, left ${b.neo4j.unchangedNodes} / ${b.neo4j.unchangedRels})` : '')
    + (b.neo4j?.mode === 'full load' ? `; Neo4j full load ${(b.wallSeconds - b.neo4j.buildSeconds).toFixed(1)} s after the build: ${b.neo4j.line}` : '');
}

function run(cmd, argv, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, seconds: (performance.now() - started) / 1000 }));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!existsSync(path.join(repo, 'dist', 'cli', 'record-cache.js'))) {
    log('bench: dist/ is missing or old; run `npm run build` first');
    process.exit(1);
  }
  const result = await benchIncremental({
    mb: Number(get('--mb', '100')), seed: Number(get('--seed', '1')), add: Number(get('--add', '10')),
    jobs: Number(get('--jobs', String(os.availableParallelism()))), withNeo4j: args.includes('--neo4j'), onlyNeo4j: args.includes('--only-neo4j'),
  });
  const file = get('--json', path.join(repo, 'bench-output', 'incremental.json'));
  writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), ...result }, null, 2)}\n`);
  log(`wrote ${path.relative(repo, file)}`);
}
