#!/usr/bin/env node
// Splits the annotated corpus once, by file, into dev (tune on it) and test (read its aggregate only),
// and writes corpus/split.tsv. Files already in split.tsv keep their split; only new files are assigned.
// Assignment is stratified by genre (from corpus/sources/*.tsv): within a genre, files ordered by a hash
// of their name alternate so that two in five go to test. The hash makes the order independent of who
// wrote which file when; nothing about a file's content enters the decision.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../corpus/', import.meta.url).pathname;
const splitPath = join(root, 'split.tsv');
const sources = new Map();
for (const f of readdirSync(join(root, 'sources')).filter((f) => f.endsWith('.tsv'))) {
  const [header, ...rows] = readFileSync(join(root, 'sources', f), 'utf8').split('\n').filter(Boolean);
  const cols = header.split('\t');
  for (const row of rows) {
    const cells = row.split('\t');
    const rec = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    sources.set(rec.file, rec);
  }
}
const docs = readdirSync(join(root, 'docs')).filter((f) => existsSync(join(root, 'gold', `${f}.json`)) && sources.has(f));
const existing = new Map();
if (existsSync(splitPath)) {
  for (const line of readFileSync(splitPath, 'utf8').split('\n').slice(1).filter(Boolean)) {
    const [file, split] = line.split('\t');
    existing.set(file, split);
  }
}
const hash = (s) => createHash('sha256').update(s).digest('hex');
const byGenre = new Map();
for (const f of docs) {
  if (existing.has(f)) continue;
  const g = sources.get(f).genre;
  byGenre.set(g, [...(byGenre.get(g) ?? []), f]);
}
const assigned = new Map(existing);
for (const [, files] of byGenre) {
  files.sort((a, b) => hash(a).localeCompare(hash(b)));
  files.forEach((f, i) => assigned.set(f, i % 5 === 1 || i % 5 === 3 ? 'test' : 'dev'));
}
const lines = ['file\tsplit', ...[...assigned].sort(([a], [b]) => a.localeCompare(b)).map(([f, s]) => `${f}\t${s}`)];
writeFileSync(`${splitPath}.tmp`, lines.join('\n') + '\n');
renameSync(`${splitPath}.tmp`, splitPath);
const count = (s) => [...assigned.values()].filter((x) => x === s).length;
console.log(`split.tsv: ${assigned.size} files, dev ${count('dev')}, test ${count('test')} (${assigned.size - existing.size} newly assigned)`);
