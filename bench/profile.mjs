#!/usr/bin/env node
// CPU profile of in-process extraction (decode + extractDocumentWithText, one thread).
//
//   node bench/profile.mjs [--mb 2] [--seed 1] [--top 25] [--out bench-output/profile]
//
// Generates (or reuses) a synthetic corpus of the given size and extracts it in a child
// process: first a warm-up pass over a few files (lexicons, gazetteer, JIT), then the measured
// pass over all of them with V8's sampling profiler on (the same profiler as `node --cpu-prof`,
// started through node:inspector so that module loading and warm-up stay out of the profile).
// Prints the functions with the most self time, with file and line, and self time per source
// file. The .cpuprofile is kept (open it in Chrome DevTools or speedscope).
import { spawnSync } from 'node:child_process';
import { Session } from 'node:inspector/promises';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateCorpus } from './generate.mjs';
import { formatProfile, listFiles, summariseProfile } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const args = process.argv.slice(2);
const get = (flag, fallback) => {
  const k = args.indexOf(flag);
  return k >= 0 ? args[k + 1] : fallback;
};

async function extractAll(files) {
  const { decodeBytes } = await import(path.join(repo, 'dist/extract/decode.js'));
  const { extractDocumentWithText } = await import(path.join(repo, 'dist/extract/pipeline.js'));
  let bytes = 0;
  const started = performance.now();
  for (const f of files) {
    const raw = readFileSync(f);
    bytes += raw.length;
    const d = decodeBytes(raw, { fileName: path.basename(f) });
    extractDocumentWithText({ doc: path.basename(f), text: d.text, format: d.format });
  }
  return { bytes, seconds: (performance.now() - started) / 1000 };
}

const outDir = path.resolve(repo, get('--out', 'bench-output/profile'));
const mb = Number(get('--mb', '2'));
const seed = Number(get('--seed', '1'));
const top = Number(get('--top', '25'));

if (args.includes('--child')) {
  // Under --cpu-prof: warm up on the first few files, then the measured pass over all.
  const files = listFiles(get('--docs'));
  await extractAll(files.slice(0, 20));
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const r = await extractAll(files);
  const { profile } = await session.post('Profiler.stop');
  mkdirSync(get('--prof-dir'), { recursive: true });
  writeFileSync(path.join(get('--prof-dir'), 'extract.cpuprofile'), JSON.stringify(profile));
  process.stdout.write(JSON.stringify(r));
} else {
  mkdirSync(outDir, { recursive: true });
  const corpus = generateCorpus({ dir: path.resolve(repo, 'bench-output', `corpus-${mb}mb-s${seed}`), targetBytes: Math.round(mb * 1048576), seed });
  const profDir = path.join(outDir, `run-${Date.now()}`);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', '--docs', corpus.docsDir, '--prof-dir', profDir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) {
    console.error(child.stderr);
    process.exit(1);
  }
  const run = JSON.parse(child.stdout);
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  const summary = summariseProfile(JSON.parse(readFileSync(path.join(profDir, file), 'utf8')), { top });
  const text = `in-process extraction of ${corpus.docs} documents, ${(run.bytes / 1048576).toFixed(2)} MB in ${run.seconds.toFixed(2)} s ` +
    `= ${(run.bytes / 1048576 / run.seconds).toFixed(2)} MB/s (one thread, under the profiler)\n${formatProfile(summary)}\n` +
    `profile: ${path.relative(repo, path.join(profDir, file))}\n`;
  writeFileSync(path.join(outDir, 'profile.txt'), text);
  writeFileSync(path.join(outDir, 'profile.json'), `${JSON.stringify({ corpus: { docs: corpus.docs, bytes: corpus.bytes }, run, ...summary }, null, 2)}\n`);
  process.stdout.write(text);
}
