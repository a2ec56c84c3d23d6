#!/usr/bin/env node
// `npm run eval`: score extraction on the repository's annotated corpus, split by split.
//   node scripts/eval.mjs [--corpus <dir>] [--out <dir>] [kg eval options, e.g. --details or --json]
// For each split of <corpus>/split.tsv (dev, then test) it builds only that split's documents
// with `kg build` into <out>/eval-<split> and prints `kg eval` against their gold files
// (<corpus>/gold/<file>.json). The corpus layout is described in corpus/ANNOTATING.md.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const kg = path.join(root, 'bin/kg.mjs');
const SPLITS = ['dev', 'test'];

const args = process.argv.slice(2);
const take = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const corpus = path.resolve(root, take('--corpus', 'corpus'));
const out = path.resolve(root, take('--out', 'out'));
const evalArgs = args;

const splitFile = path.join(corpus, 'split.tsv');
const shown = (p) => (path.relative(root, p).startsWith('..') ? p : path.relative(root, p));
if (!existsSync(splitFile)) {
  console.error(`eval: ${shown(splitFile)} not found: there is no annotated corpus to score (docs/gold-format.md describes its layout)`);
  process.exit(1);
}

/** file -> split, from `file<TAB>split` rows under a header row. */
const rows = readFileSync(splitFile, 'utf8').split(/\r?\n/).map((l) => l.split('\t').map((c) => c.trim()))
  .filter((cells, i) => cells[0] && !(i === 0 && cells[0] === 'file'));
for (const [file, split] of rows) {
  if (!SPLITS.includes(split)) {
    console.error(`eval: ${splitFile}: ${file} has split ${JSON.stringify(split)}; expected ${SPLITS.join(' or ')}`);
    process.exit(1);
  }
}

let failed = false;
for (const split of SPLITS) {
  const docs = [], golds = [];
  for (const [file] of rows.filter(([, s]) => s === split)) {
    const doc = path.join(corpus, 'docs', file), gold = path.join(corpus, 'gold', `${file}.json`);
    if (!existsSync(doc)) console.error(`eval: ${split}: ${file} is listed but ${shown(doc)} does not exist; left out`);
    else if (!existsSync(gold)) console.error(`eval: ${split}: ${file} has no gold (${shown(gold)}); left out`);
    else { docs.push(doc); golds.push(gold); }
  }
  console.log(`== ${split}: ${docs.length} document(s)`);
  if (docs.length === 0) continue;
  const graphDir = path.join(out, `eval-${split}`);
  const run = (argv) => spawnSync(process.execPath, [kg, ...argv], { stdio: 'inherit' }).status;
  if (run(['build', ...docs, '--out', graphDir]) !== 0 || run(['eval', path.join(graphDir, 'graph.json'), '--gold', ...golds, ...evalArgs]) !== 0) {
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
