// What a document says about itself: its title and its date. Pure, like every stage; the place
// comes from the document-place stage. Both are read from the normalised text, so HTML pages give
// their <h1>/<title> first (normalise/html.ts puts it on the first line).
const MAX_TITLE_CHARS = 60;
// A first line that ends like a sentence or an address line (各区人民政府：) is body text, not a title.
const NOT_A_TITLE_END = /[。！？；：:，,、]$/;

/** The first non-empty line, when it reads as a heading. */
export function documentTitle(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.length > MAX_TITLE_CHARS || NOT_A_TITLE_END.test(line) || !/\p{Script=Han}/u.test(line)) return undefined;
    return line;
  }
  return undefined;
}

const HAN_DIGITS: Readonly<Record<string, number>> = {
  // 二O二三: a Latin O for 〇 is common in typed notices.
  '〇': 0, '零': 0, 'O': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
};

/** 2023 / 二〇二三 → 2023; 5 / 五 / 十五 / 二十一 / 三十 → the number. */
function numberOf(written: string): number {
  if (/^\d+$/.test(written)) return Number(written);
  if (written.includes('十')) {
    const [tens, units] = written.split('十');
    return (tens ? HAN_DIGITS[tens] : 1) * 10 + (units ? HAN_DIGITS[units] : 0);
  }
  return Number([...written].map((c) => HAN_DIGITS[c]).join(''));
}

// 2023年1月5日, 2023年01月05日, 二〇二三年一月五日 (the date line of a notice); a year-month only when no day follows.
const HAN_DIGIT = '〇零O一二三四五六七八九';
const DATE = new RegExp(
  `(\\d{4}|[${HAN_DIGIT}]{4})\\s*年\\s*(\\d{1,2}|[十${HAN_DIGIT}]{1,3})\\s*月(?:\\s*(\\d{1,2}|[十${HAN_DIGIT}]{1,3})\\s*[日号])?`, 'gu');

const pad = (n: number) => String(n).padStart(2, '0');

/** The first full date the text states, as YYYY-MM-DD (else the first year and month, as YYYY-MM). */
export function documentDate(text: string): string | undefined {
  let yearMonth: string | undefined;
  for (const m of text.matchAll(DATE)) {
    const year = numberOf(m[1]), month = numberOf(m[2]);
    if (!(year >= 1900 && year <= 2100 && month >= 1 && month <= 12)) continue;
    if (m[3] === undefined) { yearMonth ??= `${year}-${pad(month)}`; continue; }
    const day = numberOf(m[3]);
    if (day >= 1 && day <= 31) return `${year}-${pad(month)}-${pad(day)}`;
  }
  return yearMonth;
}
