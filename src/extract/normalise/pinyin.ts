// Converter sites ("繁简转换", "汉字注音") leave pinyin after characters:
// 報(bào)告, 市長(zhǎng). Real parentheses must survive: 低(零)碳, (LNG), (2023年), (一).

// A parenthesised run of lowercase Latin letters (with tone marks), tone digits and
// spaces; whether it follows a Han character and is pinyin is decided in the
// callback (a lookbehind here would be evaluated at every position and triple
// the cost). Bounded length keeps this linear even on a 20 MB line.
const CANDIDATE = /[(（]([a-zü\u00e0-\u00fc\u0101-\u01dc\u1e3f\u01f9 1-5]{1,40})[)）]/g;
const HAN = /^\p{Script=Han}$/u;

const TONE_MARKED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜḿńňǹ]/;
const TONE_BASE: Record<string, string> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a', ē: 'e', é: 'e', ě: 'e', è: 'e', ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o', ū: 'u', ú: 'u', ǔ: 'u', ù: 'u', ǖ: 'ü', ǘ: 'ü', ǚ: 'ü', ǜ: 'ü',
  ḿ: 'm', ń: 'n', ň: 'n', ǹ: 'n',
};

// Mandarin syllable = optional initial + final (ü also typed as v); plus the
// interjection syllables m, n, ng, hm, hng.
const SYLLABLE = new RegExp(
  '^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?' +
    '(?:iang|iong|uang|ueng|iao|ian|uai|uan|üan|van|ang|eng|ing|ong|ai|ei|ao|ou|an|en|in|un|ün|vn|ia|ie|iu|ua|uo|ui|üe|ve|ue|er|a|o|e|i|u|ü|v)' +
    '|m|n|ng|hm|hng)$',
);

// Converter-site texts repeat the same few hundred annotations thousands of times.
const verdicts = new Map<string, boolean>();
const MAX_CACHED_VERDICTS = 10000;

function isPinyin(run: string): boolean {
  let verdict = verdicts.get(run);
  if (verdict === undefined) {
    verdict = judgePinyin(run);
    if (verdicts.size < MAX_CACHED_VERDICTS) verdicts.set(run, verdict);
  }
  return verdict;
}

function judgePinyin(run: string): boolean {
  const syllables = run.trim().split(/ +/);
  let toned = false;
  for (const raw of syllables) {
    let s = raw;
    if (/[1-5]$/.test(s)) {
      toned = true;
      s = s.slice(0, -1);
    }
    if (TONE_MARKED.test(s)) {
      toned = true;
      s = s.replace(/./g, (c) => TONE_BASE[c] ?? c);
    }
    if (!SYLLABLE.test(s)) return false;
  }
  return toned;
}

/** Remove pinyin annotations such as `報(bào)告` → `報告`, `（zhǎng）`, `(bao4 gao4)`; other parentheses stay. */
export function removePinyinAnnotations(text: string): string {
  return text.replace(CANDIDATE, (whole: string, run: string, offset: number) =>
    followsHan(text, offset) && isPinyin(run) ? '' : whole,
  );
}

function followsHan(text: string, offset: number): boolean {
  if (offset === 0) return false;
  const low = text.charCodeAt(offset - 1);
  if (low >= 0x4e00 && low <= 0x9fff) return true; // the common CJK block, without a regex
  // Han characters beyond the BMP (extension B and later) are surrogate pairs.
  const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff && offset >= 2;
  const previous = isLowSurrogate ? text.slice(offset - 2, offset) : text[offset - 1];
  return HAN.test(previous);
}
