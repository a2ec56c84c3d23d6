// Decoded document text → the canonical text every later stage (and every
// evidence offset) refers to. Each stage is exported and testable alone.
import { htmlToText } from './normalise/html.js';
import { unifyForms } from './normalise/unify.js';
import { removePinyinAnnotations } from './normalise/pinyin.js';
import { toSimplified } from './normalise/simplify.js';
import { dropPageChrome } from './normalise/chrome.js';

export { htmlToText } from './normalise/html.js';
export { unifyForms } from './normalise/unify.js';
export { removePinyinAnnotations } from './normalise/pinyin.js';
export { toSimplified } from './normalise/simplify.js';
export { dropPageChrome, isChromeLine, parseChromePatterns } from './normalise/chrome.js';

/**
 * The stages in order, and why this order:
 * 1. htmlToText — markup out first; everything after works on lines of text.
 * 2. unifyForms — NFKC turns full-width （） into () and composes tone marks, so
 *    the pinyin pattern has one spelling to look for; zero-width characters that
 *    would split OpenCC phrases or chrome keywords are gone.
 * 3. removePinyinAnnotations — before simplification, because an annotation
 *    inside a word (乾(gān)淨) hides the phrase OpenCC needs to convert it right.
 * 4. toSimplified — after this, one set of chrome patterns (Simplified) suffices.
 * 5. dropPageChrome — last, on clean, trimmed, Simplified lines.
 */
export function normaliseText(text: string, format: 'html' | 'text'): string {
  const plain = format === 'html' ? htmlToText(text) : text;
  return dropPageChrome(toSimplified(removePinyinAnnotations(unifyForms(plain))));
}
