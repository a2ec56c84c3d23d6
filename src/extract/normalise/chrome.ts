// Whole lines of site chrome (breadcrumbs, share bars, footers, bylines) are
// dropped. The patterns are configuration, kept in data/lexicon/page-chrome.txt.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Resolves to <package>/data/lexicon from both src/extract/normalise and dist/extract/normalise.
const PATTERN_FILE = new URL('../../../data/lexicon/page-chrome.txt', import.meta.url);

// Chrome lines are short; prose paragraphs that mention 网站 or 版权 are long.
// Skipping long lines also keeps the per-line regex work bounded.
const MAX_CHROME_LINE = 300;

let defaultPatterns: RegExp[] | undefined;

/** Parse a pattern list: one regex per line, `#` starts a comment line, blank lines ignored. */
export function parseChromePatterns(source: string, fileName = 'page-chrome.txt'): RegExp[] {
  const patterns: RegExp[] = [];
  source.split(/\r?\n/).forEach((line, index) => {
    const pattern = line.trim();
    if (pattern === '' || pattern.startsWith('#')) return;
    try {
      patterns.push(new RegExp(pattern, 'u'));
    } catch (error) {
      throw new Error(`${fileName}:${index + 1}: invalid regular expression (${(error as Error).message})`);
    }
  });
  return patterns;
}

function loadDefaultPatterns(): RegExp[] {
  if (defaultPatterns) return defaultPatterns;
  const path = fileURLToPath(PATTERN_FILE);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${path}: cannot read page-chrome patterns (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  defaultPatterns = parseChromePatterns(source, path);
  return defaultPatterns;
}

// One alternation tried once per line is several times faster than forty
// separate regexes; the sticky flag keeps it from scanning past position 0.
const combinedPatterns = new WeakMap<RegExp[], RegExp>();

function combined(patterns: RegExp[]): RegExp {
  let regex = combinedPatterns.get(patterns);
  if (!regex) {
    regex = patterns.length === 0 ? /(?!)/y : new RegExp(patterns.map((p) => `(?:${p.source})`).join('|'), 'uy');
    combinedPatterns.set(patterns, regex);
  }
  return regex;
}

/** True when the whole (trimmed) line is page chrome. */
export function isChromeLine(line: string, patterns: RegExp[] = loadDefaultPatterns()): boolean {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.length > MAX_CHROME_LINE) return false;
  const regex = combined(patterns);
  regex.lastIndex = 0;
  return regex.test(trimmed);
}

/** Remove chrome lines; blank-line runs left behind collapse to one blank line. */
export function dropPageChrome(text: string, patterns: RegExp[] = loadDefaultPatterns()): string {
  const kept = text.split('\n').filter((line) => !isChromeLine(line, patterns));
  return kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}
