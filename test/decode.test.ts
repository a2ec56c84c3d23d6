import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DecodeError, decodeBytes, detectFormat } from '../src/extract/decode.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/normalise/${name}`, import.meta.url)));
const sources: Record<string, { encoding: string; text: string }> = JSON.parse(
  readFileSync(new URL('./fixtures/normalise/sources.json', import.meta.url), 'utf8'),
);
const utf8 = (s: string) => new TextEncoder().encode(s);

function decodeError(bytes: Uint8Array, fileName?: string): DecodeError {
  try {
    decodeBytes(bytes, { fileName });
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('expected a DecodeError');
}

/** Deterministic pseudo-random bytes (mulberry32), so the byte-soup test cannot flake. */
function seededBytes(length: number, seed: number, low = 0, high = 255): Uint8Array {
  const out = new Uint8Array(length);
  let a = seed;
  for (let i = 0; i < length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const r = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    out[i] = low + Math.floor(r * (high - low + 1));
  }
  return out;
}

describe('decodeBytes: Unicode', () => {
  const sentence = '市人民政府召开常务会议，研究部署春季农业生产工作。\n';

  it('reads plain UTF-8', () => {
    expect(decodeBytes(utf8(sentence))).toEqual({ text: sentence, encoding: 'utf-8', format: 'text' });
  });

  it('strips a UTF-8 BOM', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(sentence)]);
    const decoded = decodeBytes(bytes);
    expect(decoded.text).toBe(sentence);
    expect(decoded.encoding).toBe('utf-8');
  });

  it('reads UTF-16LE and UTF-16BE with a BOM', () => {
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(sentence, 'utf-16le')]);
    expect(decodeBytes(le)).toMatchObject({ text: sentence, encoding: 'utf-16le' });
    const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(sentence, 'utf-16be')]);
    expect(decodeBytes(be)).toMatchObject({ text: sentence, encoding: 'utf-16be' });
  });

  it('decodes a 2 MB single-line file', () => {
    const line = '全市上下坚持稳中求进工作总基调，推动经济持续回升向好，'.repeat(26000);
    const bytes = utf8(line);
    expect(bytes.length).toBeGreaterThan(2_000_000);
    const decoded = decodeBytes(bytes);
    expect(decoded.text.length).toBe(line.length);
    expect(decoded.encoding).toBe('utf-8');
  });
});

describe('decodeBytes: legacy Chinese encodings', () => {
  it('reads a GBK file (CRLF lines kept for normalisation to handle)', () => {
    const decoded = decodeBytes(fixture('gbk.txt'), { fileName: 'gbk.txt' });
    expect(decoded.text).toBe(sources['gbk.txt'].text);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.format).toBe('text');
  });

  it('reads a GB18030 file with four-byte characters outside GBK', () => {
    const decoded = decodeBytes(fixture('gb18030.txt'));
    expect(decoded.text).toBe(sources['gb18030.txt'].text);
    expect(decoded.text).toContain('𠮷祥路');
    expect(decoded.encoding).toBe('gb18030');
  });

  it('reads a Big5 file', () => {
    const decoded = decodeBytes(fixture('big5.txt'));
    expect(decoded.text).toBe(sources['big5.txt'].text);
    expect(decoded.encoding).toBe('big5');
  });

  // GBK bytes also decode as Big5 without a single error (and vice versa), so the
  // choice rests on which reading is made of common characters.
  it.each([
    ['gbk', '市长作政府工作报告', 'gb18030'],
    ['big5', '市長作政府工作報告', 'big5'],
    ['gbk', '副市长出席会议并讲话。', 'gb18030'],
    ['big5', '副市長出席會議並講話。', 'big5'],
  ])('tells %s from the other on a short text: %s', (encoding, text, expected) => {
    const decoded = decodeBytes(new Uint8Array(iconv.encode(text, encoding)));
    expect(decoded.text).toBe(text);
    expect(decoded.encoding).toBe(expected);
  });

  it('honours <meta http-equiv content="charset=gb2312"> in an HTML page', () => {
    const decoded = decodeBytes(fixture('page-gbk.html'), { fileName: 'page-gbk.html' });
    expect(decoded.text).toBe(sources['page-gbk.html'].text);
    expect(decoded.encoding).toBe('gb18030');
    expect(decoded.format).toBe('html');
  });

  it('honours <meta charset="gbk"> without a file name', () => {
    const html = '<html><head><meta charset="gbk"><title>通知</title></head><body><p>关于做好防汛工作的通知</p></body></html>';
    const decoded = decodeBytes(new Uint8Array(iconv.encode(html, 'gbk')));
    expect(decoded).toEqual({ text: html, encoding: 'gb18030', format: 'html' });
  });

  it('prefers valid UTF-8 over a stale <meta charset="gbk"> left by a scraper', () => {
    const html = '<html><head><meta charset="gbk"></head><body>政府工作报告全文</body></html>';
    expect(decodeBytes(utf8(html))).toMatchObject({ text: html, encoding: 'utf-8' });
  });

  it('falls back to detection when the declared charset reads as nonsense', () => {
    const html = '<html><head><meta charset="gbk"></head><body><p>市人民政府召開全體會議，市長主持會議並講話，要求各部門堅持穩中求進，加快推進重點項目建設，切實保障和改善民生。</p></body></html>';
    const decoded = decodeBytes(new Uint8Array(iconv.encode(html, 'big5')));
    expect(decoded.encoding).toBe('big5');
    expect(decoded.text).toBe(html);
  });
});

describe('decodeBytes: rejects what is not text', () => {
  it('rejects an empty file', () => {
    expect(decodeError(new Uint8Array(0)).reason).toBe('empty file');
  });

  it('rejects a whitespace-only file', () => {
    expect(decodeError(utf8(' \n\t\r\n　\n')).reason).toMatch(/^empty file/);
  });

  it('rejects a binary file (PNG header and NUL bytes)', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
    expect(decodeError(png, 'image.txt').reason).toBe('binary file (NUL bytes)');
  });

  it('rejects a file full of control bytes', () => {
    const bytes = new Uint8Array([...utf8('会议纪要'), 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0e, 0x0f]);
    expect(decodeError(bytes).reason).toBe('binary file (control bytes)');
  });

  it('rejects seeded random high bytes as undecodable byte soup', () => {
    const soup = seededBytes(8192, 20240301, 0x80, 0xff);
    expect(decodeError(soup).reason).toBe('undecodable: not valid UTF-8, GB18030 or Big5');
  });

  it('rejects seeded random bytes of the full range (they contain NULs)', () => {
    expect(decodeError(seededBytes(4096, 7)).reason).toMatch(/^binary file/);
  });

  it('DecodeError is an Error whose message is the reason', () => {
    const error = decodeError(new Uint8Array(0));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe(error.reason);
  });
});

describe('detectFormat', () => {
  it.each([
    ['<!DOCTYPE html><html><body>x</body></html>', undefined, 'html'],
    ['  \n<!doctype HTML>\n<html>', 'a.txt', 'html'],
    ['<html lang="zh-CN"><head></head></html>', undefined, 'html'],
    ['<!-- saved from url --><html><body></body></html>', undefined, 'html'],
    ['纯文本，没有标记。', 'page.html', 'html'],
    ['纯文本，没有标记。', 'page.HTM', 'html'],
    ['纯文本，其中提到<html>标签。', 'notes.txt', 'text'],
    ['政府工作报告', undefined, 'text'],
  ] as const)('%j (%s) → %s', (text, fileName, expected) => {
    expect(detectFormat(text, fileName)).toBe(expected);
  });
});
