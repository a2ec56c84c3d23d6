// Sentence segmentation and small text utilities over normalised (NFKC, Simplified) text.

export interface Sentence { start: number; end: number; text: string }

// Sentence ends: Chinese full stops and question/exclamation marks, semicolons (government texts chain
// independent statements with them), and line breaks (headlines, list lines of 分工 notices).
const SENTENCE_END = /[。!?;\n]/;

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
    if (SENTENCE_END.test(text[i])) {
      // A closing quote or bracket right after the stop belongs to the sentence.
      let end = i + 1;
      while (end < text.length && /[”’」』)》]/.test(text[end])) end++;
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
export const isHan = (ch: string | undefined): boolean => !!ch && /\p{Script=Han}/u.test(ch);

/** Items of an enumeration joined by 、 (and a final 和/及/与 when told to). */
export function splitEnumeration(s: string, alsoConjunctions = false): string[] {
  const parts = s.split('、');
  if (alsoConjunctions && parts.length) {
    const last = parts.pop()!;
    parts.push(...last.split(/[和及与]/));
  }
  return parts.map((p) => p.trim()).filter(Boolean);
}
