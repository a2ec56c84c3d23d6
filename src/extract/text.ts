// Sentence segmentation and small text utilities over normalised (NFKC, Simplified) text.

export interface Sentence { start: number; end: number; text: string }

// Sentence ends: Chinese full stops and question/exclamation marks, semicolons (government texts chain
// independent statements with them), and line breaks (headlines, list lines of 分工 notices).
// Flags per UTF-16 code unit: tested at every character of a document.
const SENTENCE_END = charSet('。!?;\n');
/** A closing quote or bracket right after the stop belongs to the sentence. */
const SENTENCE_CLOSERS = charSet('”’」』)》');

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start, e = end;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ start: s, end: e, text: text.slice(s, e) });
  };
  for (let i = 0; i < text.length; i++) {
    if (SENTENCE_END[text.charCodeAt(i)]) {
      let end = i + 1;
      while (end < text.length && SENTENCE_CLOSERS[text.charCodeAt(end)]) end++;
      push(end);
      start = end;
      i = end - 1;
    }
  }
  push(text.length);
  return sentences;
}

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Chinese or Arabic numeral (up to 999) to a number; NaN if it is not one. */
export function numeralValue(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  let total = 0, current = 0;
  for (const ch of s) {
    if (ch in DIGITS) current = DIGITS[ch];
    else if (ch === '十') { total += (current || 1) * 10; current = 0; }
    else if (ch === '百') { total += (current || 1) * 100; current = 0; }
    else return NaN;
  }
  return total + current;
}

/** A number written the way official names write it (二十, 十二, 五). */
export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

export const HAN = '\\p{Script=Han}';
/** Is the character a Han ideograph? (Code-point ranges: this is asked for every character of a corpus.) */
export function isHan(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  return isHanCode(c) || (c >= 0xd840 && c <= 0xd87e && /\p{Script=Han}/u.test(ch));
}

/** isHan for one UTF-16 code unit (text.charCodeAt(i)): a lone surrogate is never Han, as isHan(text[i]) says. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** A set of characters as a flag per UTF-16 code unit: membership is one array read. */
export function charSet(chars: Iterable<string>): Uint8Array {
  const set = new Uint8Array(0x10000);
  for (const ch of chars) set[ch.charCodeAt(0)] = 1;
  return set;
}

/** Items of an enumeration joined by 、 (and a final 和/及/与 when told to). */
export function splitEnumeration(s: string, alsoConjunctions = false): string[] {
  const parts = s.split('、');
  if (alsoConjunctions && parts.length) {
    const last = parts.pop()!;
    parts.push(...last.split(/[和及与]/));
  }
  return parts.map((p) => p.trim()).filter(Boolean);
}
