// Bytes → Unicode text. Scraped Chinese government pages arrive as UTF-8 (with or
// without BOM), GBK/GB18030, Big5, sometimes UTF-16 with a BOM, as plain text or
// HTML. Pure: the caller reads the file; this only looks at the bytes.
import iconv from 'iconv-lite';

export class DecodeError extends Error {
  constructor(public reason: string) {
    super(reason);
    this.name = 'DecodeError';
  }
}

export interface DecodedText {
  text: string;
  /** The decoder actually used: utf-8, utf-16le, utf-16be, gb18030 (also for GBK/GB2312 files), big5 or big5hkscs. */
  encoding: string;
  format: 'html' | 'text';
  /** Invalid byte sequences decoded as U+FFFD; present only when there were any (few enough to keep the document). */
  replaced?: number;
}

const HTML_EXTENSION = /\.(?:html?|shtml|xhtml)$/i;
// Sniffed on the start of the file only, after whitespace and comments are skipped.
const HTML_START = /^(?:\s|<!--[\s\S]*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>])/i;
// How much of the head to scan for <meta charset>; real pages put it well before this.
const META_PRESCAN_BYTES = 16384;
const SNIFF_BYTES = 2048;

// The most frequent Han characters of Chinese (government) prose, in Simplified
// and Traditional/HK forms. A right decoding of real text is dominated by them;
// the wrong one of GBK/Big5 (or random bytes) turns into rare characters.
const COMMON_HAN =
  '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往历市克何除消构府称太准精值号率族维划选标写存候亲快效院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞协副席召举审告推项企创服城乡村施升续坚落善障稳环境态绿源煤炭钢旅游医疗卫亿投费招园司限责股份厅负助届闭幕' +
  '這為個國時來們於對會發動過說説產種後學經進著電裡裏現實兩體機當點從業應開還義間樣與關線內數麼質氣變條沒結問無軍並題黨員總設長頭資邊級圖統較將組見計別論運農幾區強決幹戰則據處隊給門規熱領東導壓爭濟階術極聯認權證採轉單風帶場車務萬達積議聲報鬥類離華確張馬節話況溫傳許羣廣記觀織裝眾書復兒須際驗連斷難礦備辦習響約勞團歷構稱準號維劃選標寫親養層卻專狀廠識適屬圓調滿縣參紅細聽該鐵價嚴龍飛協舉審項創鄉續堅穩環態綠鋼遊醫療衛衞億費園責廳負屆閉';

// Thresholds for "this is not text": chosen so that a page of real prose (where
// common characters are well over half the Han text) passes and byte soup, whose
// Han characters are nearly all rare ones, does not.
const MAX_CONTROL_BYTE_RATIO = 0.01;
const MAX_REPLACEMENT_RATIO = 0.01;
const MIN_COMMON_HAN_RATIO = 0.2;
const MIN_HAN_FOR_RATIO = 20;

/**
 * Decode a file's bytes. Order of evidence: BOM, then UTF-16 without a BOM (only when the bytes hold NULs
 * or are not UTF-8), then strict UTF-8 (a GBK/Big5 text is practically never valid UTF-8, while scrapers
 * often re-save pages as UTF-8 but leave `<meta charset=gbk>` behind), then UTF-8 with a few damaged
 * sequences replaced, then the HTML charset declaration, then whichever of GB18030 and Big5 reads as more
 * plausible Chinese.
 */
export function decodeBytes(bytes: Uint8Array, hint?: { fileName?: string }): DecodedText {
  if (bytes.length === 0) throw new DecodeError('empty file');

  const bom = decodeWithBom(bytes);
  if (bom) return finish(bom.text, bom.encoding, hint);

  // NULs are valid UTF-8, but text has none, while UTF-16 has one in every ASCII character.
  const utf8 = bytes.includes(0) ? undefined : tryStrictUtf8(bytes);
  if (utf8 === undefined) {
    const utf16 = unmarkedUtf16(bytes);
    if (utf16) return finish(utf16.text, utf16.encoding, hint);
  }

  rejectBinary(bytes);
  if (utf8 !== undefined) return finish(utf8, 'utf-8', hint);

  const damaged = damagedUtf8(bytes);
  if (damaged) return finish(damaged.text, 'utf-8', hint, damaged.replaced);

  const declared = declaredCharset(bytes);
  if (declared) {
    const text = decodeWith(bytes, declared);
    if (text !== undefined && looksLikeText(text)) return finish(text, declared, hint, textStats(text).replacements);
  }

  const best = bestChineseDecoding(bytes);
  if (!looksLikeText(best.text)) throw new DecodeError('undecodable: not valid UTF-8, GB18030 or Big5');
  return finish(best.text, best.encoding, hint, textStats(best.text).replacements);
}

function finish(text: string, encoding: string, hint?: { fileName?: string }, replaced = 0): DecodedText {
  if (text.trim() === '') throw new DecodeError('empty file (whitespace only)');
  const decoded: DecodedText = { text, encoding, format: detectFormat(text, hint?.fileName) };
  if (replaced > 0) decoded.replaced = replaced;
  return decoded;
}

// A damaged UTF-8 file (a byte lost or flipped in transfer) still has its valid multi-byte characters;
// a GBK or Big5 file read as UTF-8 has hardly any. Up to one replacement per this many of them is damage.
const MAX_DAMAGED_UTF8_RATIO = 0.01;

/** UTF-8 with its invalid sequences replaced, when they are rare among the non-ASCII characters. */
function damagedUtf8(bytes: Uint8Array): { text: string; replaced: number } | undefined {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  let replaced = 0, nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replaced++;
    else if (c >= 0x80 && !(c >= 0xdc00 && c <= 0xdfff)) nonAscii++;
  }
  if (replaced > MAX_DAMAGED_UTF8_RATIO * (nonAscii + replaced) || !looksLikeText(text)) return undefined;
  return { text, replaced };
}

// UTF-16 read with the wrong byte order, GBK, UTF-8 or binary read as UTF-16 all give characters from all
// over the code space (Hangul, private use, lone surrogates, rare Han); real text is nearly all ASCII,
// common punctuation and Han.
const MIN_UTF16_TEXT_RATIO = 0.95;

/** UTF-16 (either byte order) without a BOM, when one of the two readings is plausible text. */
function unmarkedUtf16(bytes: Uint8Array): { text: string; encoding: string } | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let best: { text: string; encoding: string; score: number } | undefined;
  for (const encoding of ['utf-16le', 'utf-16be']) {
    const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
    const score = utf16TextScore(text);
    if (score >= MIN_UTF16_TEXT_RATIO && looksLikeText(text) && (!best || score > best.score)) best = { text, encoding, score };
  }
  return best && { text: best.text, encoding: best.encoding };
}

/** The share of code units that text is made of: printable ASCII, whitespace, Latin-1, punctuation, CJK symbols, Han, full-width forms. */
function utf16TextScore(text: string): number {
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0xa0 && c <= 0xff)
      || (c >= 0x2000 && c <= 0x206f) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || HAN_CLASS[c] > 0) good++;
  }
  return text.length === 0 ? 0 : good / text.length;
}

/** 'html' when the file name says so or the content opens like an HTML document. */
export function detectFormat(text: string, fileName?: string): 'html' | 'text' {
  if (fileName && HTML_EXTENSION.test(fileName)) return 'html';
  return HTML_START.test(text.slice(0, SNIFF_BYTES)) ? 'html' : 'text';
}

function decodeWithBom(bytes: Uint8Array): { text: string; encoding: string } | undefined {
  const [b0, b1, b2] = bytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    const text = tryStrictUtf8(bytes.subarray(3));
    if (text === undefined) throw new DecodeError('undecodable: UTF-8 BOM but invalid UTF-8');
    return { text, encoding: 'utf-8' };
  }
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  return undefined;
}

function rejectBinary(bytes: Uint8Array): void {
  let controls = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b >= 0x20) continue;
    if (b === 0) throw new DecodeError('binary file (NUL bytes)');
    // Tab, LF, VT, FF, CR and ESC turn up in real text files; other C0 bytes do not.
    if (b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) controls++;
  }
  if (controls > 0 && controls / bytes.length > MAX_CONTROL_BYTE_RATIO) throw new DecodeError('binary file (control bytes)');
}

function tryStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

// GBK and GB2312 pages regularly use characters outside their declared set;
// GB18030 is a superset of both, so decode with it.
const CHARSET_ALIASES: Record<string, string> = {
  gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', cp936: 'gb18030', gb18030: 'gb18030',
  'big5-hkscs': 'big5hkscs', big5: 'big5', 'x-x-big5': 'big5', cp950: 'big5',
  'utf-8': 'utf-8', utf8: 'utf-8',
};

/** The charset an HTML head declares (`<meta charset>` or `http-equiv` content), if decodable here. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  // Latin-1 keeps every byte as one char, enough to read the ASCII markup.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1');
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  if (!match) return undefined;
  // Only Chinese and Unicode declarations are trusted: a Latin code page declared
  // on a Chinese page is a template leftover, and single-byte decodings of any
  // bytes always "succeed", so they could not be checked.
  return CHARSET_ALIASES[match[1].toLowerCase()];
}

function decodeWith(bytes: Uint8Array, encoding: string): string | undefined {
  if (encoding === 'utf-8') return tryStrictUtf8(bytes);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

interface TextStats { han: number; commonHan: number; replacements: number; chars: number }

// Lookup table over the BMP: 1 = Han, 2 = common Han. A table rather than a
// regex because this runs over every character of every legacy-encoded file.
const HAN_CLASS = buildHanClassTable();

function buildHanClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]]) table.fill(1, from, to + 1);
  for (const ch of COMMON_HAN) table[ch.charCodeAt(0)] = 2;
  return table;
}

function textStats(text: string): TextStats {
  let han = 0;
  let commonHan = 0;
  let replacements = 0;
  let chars = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is one character; its high half marks Han extensions B and later (U+20000–U+3FFFF).
    if (code >= 0xdc00 && code <= 0xdfff) continue;
    chars++;
    if (code === 0xfffd) replacements++;
    else if (code >= 0xd840 && code <= 0xd8bf) han++;
    else {
      const cls = HAN_CLASS[code];
      if (cls > 0) han++;
      if (cls === 2) commonHan++;
    }
  }
  return { han, commonHan, replacements, chars };
}

/** Real text: few replacement characters, and its Han characters are mostly common ones. */
function looksLikeText(text: string): boolean {
  const s = textStats(text);
  if (s.chars === 0) return false;
  if (s.replacements / s.chars > MAX_REPLACEMENT_RATIO) return false;
  if (s.han >= MIN_HAN_FOR_RATIO && s.commonHan / s.han < MIN_COMMON_HAN_RATIO) return false;
  return true;
}

// chardet guesses badly on short Chinese texts (it often says Big5 for GBK or
// names a Latin code page), so both candidate decodings are scored instead: common
// characters count for, replacement characters heavily against. A prefix of the
// file is plenty to choose; only the winner decodes the whole file.
const CHOICE_SAMPLE_BYTES = 256 * 1024;

function bestChineseDecoding(bytes: Uint8Array): { text: string; encoding: string } {
  const sample = bytes.subarray(0, CHOICE_SAMPLE_BYTES);
  let best: { encoding: string; score: number } | undefined;
  for (const encoding of ['gb18030', 'big5']) {
    const s = textStats(decodeWith(sample, encoding) ?? '');
    const score = s.commonHan - 5 * s.replacements;
    if (!best || score > best.score) best = { encoding, score };
  }
  return { text: decodeWith(bytes, best!.encoding) ?? '', encoding: best!.encoding };
}
