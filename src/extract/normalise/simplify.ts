// Traditional → Simplified with OpenCC. The "hk" source preset (HK variants →
// standard Traditional → Simplified) converts 市長 報告 發展 衞生 and leaves
// Simplified text alone; the "tw" preset would also rewrite Simplified 显著/著力
// into 显着/着力, which is wrong for mainland texts.
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';

let converter: ((text: string) => string) | undefined;
let traditionalChars: Uint8Array | undefined;

function getConverter(): (text: string) => string {
  if (converter) return converter;
  const built: (text: string) => string = OpenCC.Converter({ from: 'hk', to: 'cn' });
  converter = built;
  return built;
}

// Most input is already Simplified, and running OpenCC costs more than all the
// other stages together; so a document goes through it only when it has a
// Traditional character: one OpenCC changes on its own and that is not in GB2312,
// the Simplified character set (乾 is converted alone but is Simplified in 乾坤).
// Found once by converting every BMP Han character, one per line (phrases never
// span lines, so each converts alone). Phrase-only changes in a text with no such
// character are lost; those phrases hardly exist in Simplified text.
function getTraditionalChars(): Uint8Array {
  if (traditionalChars) return traditionalChars;
  const table = new Uint8Array(0x10000);
  const hanRanges: Array<[number, number]> = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
  const chars: string[] = [];
  for (const [from, to] of hanRanges) for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  const converted = getConverter()(chars.join('\n')).split('\n');
  // Should OpenCC ever merge or split lines, fall back to converting every text.
  if (converted.length !== chars.length) table.fill(1, 0x3400);
  else chars.forEach((ch, i) => {
    if (converted[i] !== ch && !isGb2312Hanzi(ch)) table[ch.charCodeAt(0)] = 1;
  });
  traditionalChars = table;
  return table;
}

// GB2312's Han characters are the two-byte codes B0A1–F7FE; GBK keeps them there.
function isGb2312Hanzi(ch: string): boolean {
  const bytes = iconv.encode(ch, 'gbk');
  return bytes.length === 2 && bytes[0] >= 0xb0 && bytes[0] <= 0xf7 && bytes[1] >= 0xa1 && bytes[1] <= 0xfe;
}

function hasTraditional(text: string): boolean {
  const table = getTraditionalChars();
  for (let i = 0; i < text.length; i++) if (table[text.charCodeAt(i)] === 1) return true;
  return false;
}

// Variant forms OpenCC leaves as they are (陜西 in Hong Kong pages is 陕西): each mapped to the standard
// character it is a variant of (Unicode Unihan kZVariant / kSemanticVariant).
// Also one lookalike: 巿 (fú, U+5DFF, an ancient word for an apron) stands for 市 in pages typed with a
// Traditional input method (巿委, 莆田巿); no government text uses 巿 for itself.
const VARIANTS: Record<string, string> = { 陜: '陕', 堿: '碱', 鑛: '矿', 囘: '回', 廻: '回', 濶: '阔', 閙: '闹', 鬭: '斗', 姪: '侄', 蔴: '麻', 巿: '市' };
const VARIANT = new RegExp(`[${Object.keys(VARIANTS).join('')}]`, 'g');

/** Traditional (Taiwan, Hong Kong or standard) Chinese → Simplified; Simplified text comes back unchanged. */
export function toSimplified(text: string): string {
  const simplified = hasTraditional(text) ? getConverter()(text) : text;
  return simplified.replace(VARIANT, (c) => VARIANTS[c]);
}
