#!/usr/bin/env node
// Does extraction cost grow linearly with the length of ONE document?
//
//   node bench/doclength.mjs [--copies 1,4,16,64,256] [--seed 1]
//
// Takes the first generated work report, builds documents of 1, 4, 16 … copies of its body (one document
// each, 256 copies are 4.2 M characters or 11 MB of UTF-8; sentences repeat, which is what a long report's
// boilerplate does too),
// extracts each several times in-process and prints microseconds per character. Flat
// µs/char means linear; rising µs/char means some stage rescans the document per match.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDocument } from './generate.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const get = (flag, fallback) => {
  const k = args.indexOf(flag);
  return k >= 0 ? args[k + 1] : fallback;
};
const copies = get('--copies', '1,4,16,64,256').split(',').map(Number);
const seed = Number(get('--seed', '1'));

const { decodeBytes } = await import(path.join(repo, 'dist/extract/decode.js'));
const { extractDocumentWithText } = await import(path.join(repo, 'dist/extract/pipeline.js'));

let base;
for (let i = 0; !base; i++) {
  const d = generateDocument(seed, i);
  if (d.kind === 'report' && d.variant === 'utf8') base = decodeBytes(d.bytes).text;
}
const [title, ...body] = base.split('\n\n');

// Warm-up.
for (let k = 0; k < 3; k++) extractDocumentWithText({ doc: 'w', text: base, format: 'text' });

// Two shapes of the same text: paragraphs as written, and one line (every line break removed), the shape
// of a scraped page saved without its markup, where nothing but 。!?; splits sentences.
const shapes = {
  paragraphs: (c) => [title, ...Array.from({ length: c }, () => body.join('\n\n'))].join('\n\n'),
  'one line': (c) => [title, ...Array.from({ length: c }, () => body.join(''))].join('').replace(/\n/g, ''),
};
for (const [shape, make] of Object.entries(shapes)) {
  const rows = [];
  for (const c of copies) {
    const text = make(c);
    const reps = Math.max(2, Math.ceil(24 / c));
    const t = performance.now();
    let record;
    for (let k = 0; k < reps; k++) record = extractDocumentWithText({ doc: 'd', text, format: 'text' }).record;
    const ms = (performance.now() - t) / reps;
    rows.push({ copies: c, chars: text.length, mb: Buffer.byteLength(text) / 2 ** 20, ms, usPerChar: (ms * 1000) / text.length, mentions: record.mentions.length, relations: record.relations.length });
  }
  console.log(`\n${shape}`);
  console.log('copies     chars  UTF-8 MB        ms   µs/char  mentions  relations');
  for (const r of rows) {
    console.log(`${String(r.copies).padStart(6)}  ${String(r.chars).padStart(8)}  ${r.mb.toFixed(2).padStart(8)}  ${r.ms.toFixed(1).padStart(8)}  ${r.usPerChar.toFixed(2).padStart(8)}  ${String(r.mentions).padStart(8)}  ${String(r.relations).padStart(9)}`);
  }
  // The smallest sizes are dominated by fixed costs (and the JIT); the exponent is taken over the larger half.
  const first = rows[Math.floor((rows.length - 1) / 2)];
  const last = rows[rows.length - 1];
  const exponent = Math.log(last.ms / first.ms) / Math.log(last.chars / first.chars);
  console.log(`${shape}: time ∝ length^${exponent.toFixed(2)} between ${first.chars} and ${last.chars} characters (${first.mb.toFixed(1)} and ${last.mb.toFixed(1)} MB)`);
}
