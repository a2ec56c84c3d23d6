#!/usr/bin/env node
// The bulk importer beside the MERGE loader, on the same graphs and the same private server, with
// the bulk path's time split into its steps (where the time goes).
//
//   flock /tmp/zhengkg-neo4j.lock node bench/bulk.mjs <graph.json>... [--repeat N] [--no-merge] [--json out.json]
//
// The server is a private one under bench-output/neo4j-bulk on ports 7699/7486 (started and stopped
// here unless it already runs); its database is emptied before each load, and left as the last load left it. Each bulk import runs
// `--repeat` times (default 2: the first one in a fresh server JVM, the next ones warm).
// Uses dist/ (run `npm run build` first). Numbers only: nothing here fails on a slow result.
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireNeo4j, countDatabase, loadBatched, loadBulk, openDriver, readGraph, wipe } from './neo4j.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const k = args.indexOf(flag);
  if (k < 0) return fallback;
  const [value] = args.splice(k, 2).slice(1);
  return value;
};
const flag = (name) => {
  const k = args.indexOf(name);
  if (k >= 0) args.splice(k, 1);
  return k >= 0;
};
const repeat = Number(option('--repeat', '2'));
const jsonOut = option('--json', undefined);
const withMerge = !flag('--no-merge');
const graphs = args;
if (graphs.length === 0) {
  console.error('usage: node bench/bulk.mjs <graph.json>... [--repeat N] [--no-merge] [--json out.json]');
  process.exit(2);
}

const log = (line) => console.error(line);
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const commit = (await import('node:child_process')).spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).stdout.trim();
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; commit ${commit}; load average ${load()}`);

const server = await acquireNeo4j({ port: 7699, httpPort: 7486, log });
if (server.error) {
  log(`neo4j: ${server.error}`);
  process.exit(1);
}
const results = [];
try {
  for (const file of graphs) {
    const graph = await readGraph(file);
    const entry = { graph: path.relative(repo, path.resolve(file)), relationships: graph.edges.length, bulk: [] };
    results.push(entry);
    log(`\n== ${entry.graph}: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);
    const driver = openDriver(server);
    try {
      for (let i = 0; i < repeat; i++) {
        await wipe(driver);
        const before = load();
        const stats = await loadBulk(server, graph);
        const database = await countDatabase(driver);
        // The importer's own stages, from its log in the server's home.
        const importer = readFileSync(path.join(server.home, 'bulk-import.log'), 'utf8').split('\n')
          .map((l) => /^(?:(\w[\w ]*) COMPLETED|(IMPORT DONE)) in ([\dhms ]+)/.exec(l.trim())).filter(Boolean)
          .map((m) => `${m[1] ?? m[2]} ${m[3].trim()}`);
        entry.bulk.push({ ...stats, importer, loadAverage: before });
        const steps = Object.entries(stats.steps).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
        log(`bulk #${i + 1}: ${stats.relationships} relationships in ${stats.seconds.toFixed(2)} s end to end = ${Math.round(stats.relationshipsPerSecond)} rel/s`
          + ` [${steps}] (load average before: ${before}); database ${JSON.stringify(database)}\n  importer: ${importer.join(', ')}`);
      }
      if (withMerge) {
        await wipe(driver);
        const before = load();
        entry.merge = { ...(await loadBatched(server, graph)), loadAverage: before };
        entry.merge.database = await countDatabase(driver);
        log(`MERGE: ${entry.merge.relationships} relationships in ${entry.merge.seconds.toFixed(2)} s = ${Math.round(entry.merge.relationships / entry.merge.seconds)} rel/s`
          + ` (load average before: ${before}); database ${JSON.stringify(entry.merge.database)}`);
      }
    } finally {
      await driver.close();
    }
  }
} finally {
  await server.stop();
}
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ commit, machine: { cpus: os.cpus().length, loadAverageAtEnd: os.loadavg() }, results }, null, 2)}\n`);
console.log('graph | relationships | bulk end to end (best) | bulk rel/s | MERGE | MERGE rel/s');
for (const r of results) {
  const best = r.bulk.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  console.log(`${r.graph} | ${r.relationships} | ${best.seconds.toFixed(2)} s | ${Math.round(best.relationshipsPerSecond)} | ${r.merge ? `${r.merge.seconds.toFixed(2)} s | ${Math.round(r.merge.relationships / r.merge.seconds)}` : '- | -'}`);
}
