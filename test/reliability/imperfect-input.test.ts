// Imperfect input that is still text (issue #13, items 9 and 10): a UTF-8 file with a damaged byte, UTF-16
// without a BOM, and a long document that needs more time than --timeout because it is long, not because
// it hangs. Each is read, not skipped.
import iconv from 'iconv-lite';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/extract/decode.js';
import { runKg } from '../kg-process.js';
import { root } from './helpers.js';

const news = readFileSync(path.join(root, 'examples/wuhu-npc-opening.txt'), 'utf8');

/** About 14 KB of UTF-8 prose with one byte in the middle overwritten by 0xFF (never valid in UTF-8). */
function damagedUtf8(): { bytes: Buffer; clean: string } {
  const clean = news.repeat(Math.ceil(14_000 / Buffer.byteLength(news)));
  const bytes = Buffer.from(clean, 'utf8');
  let at = Math.floor(bytes.length / 2);
  while ((bytes[at] & 0xc0) !== 0xc0) at++; // the lead byte of a multi-byte character
  bytes[at] = 0xff;
  return { bytes, clean };
}

let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-imperfect-'));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('decoding text that is not quite right (item 9)', () => {
  it('reads UTF-8 with one invalid byte, replacing only the damaged character, and says how many', () => {
    const { bytes, clean } = damagedUtf8();
    const decoded = decodeBytes(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.replaced).toBeGreaterThanOrEqual(1);
    expect(decoded.replaced).toBeLessThanOrEqual(3);
    expect(decoded.text.length).toBeGreaterThanOrEqual(clean.length - 1);
    const kept = [...decoded.text].filter((ch) => ch !== '\ufffd').join('');
    expect(clean.length - kept.length).toBe(1); // one character lost, everything else intact
  });

  it('reads UTF-16 without a BOM, in both byte orders, with and without ASCII in it', () => {
    const hanOnly = news.replace(/[\x00-\x7f]/g, '');
    for (const text of [news, hanOnly]) {
      for (const encoding of ['utf-16le', 'utf-16be']) {
        expect(decodeBytes(iconv.encode(text, encoding)), encoding).toMatchObject({ text, encoding });
      }
    }
  });

  it('still tells GBK from damaged UTF-8 and leaves clean UTF-8 unmarked', () => {
    expect(decodeBytes(iconv.encode(news, 'gbk'))).toMatchObject({ text: news, encoding: 'gb18030' });
    expect(decodeBytes(Buffer.from(news, 'utf8'))).toEqual({ text: news, encoding: 'utf-8', format: 'text' });
  });

  it('kg build reads both files, notes the repair on stderr and in report.md', async () => {
    const input = path.join(work, 'in');
    mkdirSync(input);
    writeFileSync(path.join(input, 'damaged.txt'), damagedUtf8().bytes);
    writeFileSync(path.join(input, 'utf16.txt'), iconv.encode(news, 'utf-16le'));
    const r = await runKg(['build', 'in', '--out', 'out'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/^skip /m);
    const note = r.stderr.split('\n').find((l) => l.startsWith('note '));
    expect(note).toMatch(/^note in\/damaged\.txt: \d invalid byte sequences? replaced with U\+FFFD \(read as utf-8\)$/);
    expect(readFileSync(path.join(work, 'out/texts/utf16.txt'), 'utf8')).toContain('芜湖市');
    const report = readFileSync(path.join(work, 'out/report.md'), 'utf8');
    expect(report).toContain('## Read with repairs (1)');
    expect(report).toContain(`| in/damaged.txt | ${note!.slice('note in/damaged.txt: '.length)} |`);
  });
});

describe('the time limit and the size limit agree (item 10)', () => {
  it('a long document gets time in proportion to its size: --timeout is the least any document gets', async () => {
    const input = path.join(work, 'long');
    mkdirSync(input);
    // 3 MB on one line: far more than 0.1 s of work, well within 5 s per MB.
    const sentence = '市政府召开常务会议研究部署重点项目建设工作，要求各县市区加快推进交通基础设施和产业园区建设，';
    writeFileSync(path.join(input, 'long.txt'), sentence.repeat(Math.ceil((3 * 1024 * 1024) / Buffer.byteLength(sentence))));
    const r = await runKg(['build', 'long', '--out', 'out-long', '--timeout', '0.1', '--jobs', '1'], { cwd: work });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/timed out/);
    expect(r.stderr).toMatch(/^read 1 documents \(0 skipped\)/m);
  }, 60_000);
});
