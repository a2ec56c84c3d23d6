// Lexicons are data files under data/lexicon (each says where it comes from). They are read once,
// lazily, per process: configuration, not input, so this is the one read src/extract allows itself.
import { readFileSync } from 'node:fs';

const lexiconDir = new URL('../../data/lexicon/', import.meta.url);

/** Non-comment, non-empty lines of a lexicon file. */
export function lexiconLines(file: string): string[] {
  return readFileSync(new URL(file, lexiconDir), 'utf8')
    .split('\n')
    .map((l) => l.replace(/\r$/, ''))
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

/** Rows of a TAB-separated lexicon; missing trailing columns are ''. */
export function lexiconRows(file: string, columns: number): string[][] {
  return lexiconLines(file).map((l) => {
    const cells = l.split('\t');
    while (cells.length < columns) cells.push('');
    return cells.map((c) => c.trim());
  });
}

export const splitList = (cell: string): string[] => cell.split(';').map((s) => s.trim()).filter(Boolean);

/** Memoise a zero-argument builder: lexicon structures are built on first use. */
export function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) { value = build(); built = true; }
    return value as T;
  };
}

/**
 * For a word list: a function that, for a string s, gives the greatest end (k + w.length) of a word w at
 * its LAST occurrence k in s (s.lastIndexOf(w)) among those ending at or before `limit`; 0 if none.
 * One pass over s from the end (a word's first meeting there is its last occurrence) instead of a
 * lastIndexOf per word.
 */
export function lastWordEnd(words: readonly string[]): (s: string, limit: number) => number {
  const byFirst: (number[] | undefined)[] = new Array(0x10000).fill(undefined);
  words.forEach((w, k) => { if (w) (byFirst[w.charCodeAt(0)] ??= []).push(k); });
  const met = new Int32Array(words.length); // word k was met in this call when met[k] === generation
  let generation = 0;
  return (s, limit) => {
    if (++generation === 0x7fffffff) { met.fill(0); generation = 1; }
    let best = 0;
    for (let p = s.length - 1; p >= 0; p--) {
      const candidates = byFirst[s.charCodeAt(p)];
      if (candidates === undefined) continue;
      for (let i = 0; i < candidates.length; i++) {
        const k = candidates[i];
        if (met[k] === generation) continue;
        const w = words[k];
        if (!s.startsWith(w, p)) continue;
        met[k] = generation;
        const end = p + w.length;
        if (end > best && end <= limit) best = end;
      }
    }
    return best;
  };
}

/** Longest-first list, for alternations where the longer form must win. */
export const longestFirst = (words: Iterable<string>): string[] => [...new Set(words)].sort((a, b) => b.length - a.length);

/** A regex alternation of literal words, longest first. */
export const alternation = (words: Iterable<string>): string =>
  longestFirst(words).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');

/**
 * Finds lexicon words in a text, longest match at each position, left to right, without overlaps.
 * Indexed by first character: a regex alternation of hundreds of words would try each at every position.
 */
export function termFinder(words: Iterable<string>): (text: string) => { start: number; end: number; term: string }[] {
  const byFirst = new Map<number, string[]>();
  const first = new Uint8Array(0x10000);
  for (const w of longestFirst(words)) {
    if (!w) continue;
    const c = w.charCodeAt(0);
    byFirst.set(c, [...(byFirst.get(c) ?? []), w]);
    first[c] = 1;
  }
  return (text) => {
    const found: { start: number; end: number; term: string }[] = [];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!first[c]) continue;
      const candidates = byFirst.get(c)!;
      // A plain loop, not find(): this runs at every position whose character starts a word.
      let term: string | undefined;
      for (let k = 0; k < candidates.length; k++) {
        if (text.startsWith(candidates[k], i)) { term = candidates[k]; break; }
      }
      if (!term) continue;
      found.push({ start: i, end: i + term.length, term });
      i += term.length - 1;
    }
    return found;
  };
}
