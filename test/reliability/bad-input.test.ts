// Bad input must not change what good input gives (issue #6). A temp folder mixes four good
// documents (written here: meeting news, a 分工 notice in GBK without a declaration, an HTML page
// full of scripts and styles, a text strewn with zero-width and control characters, one of them
// with spaces and Chinese in its name) with bad ones (empty, whitespace only, binary, byte soup,
// symlink loops) and a 20 MB file with no line break. `kg build` on the mix must:
//   - finish, exit 0, and name every bad file once on stderr and in report.md, with its reason;
//   - give exactly the graph (nodes, edges, attributes, communities) that the good documents give alone.
// test/cli-build.test.ts checks the build's outputs and exit codes in general; this file checks
// isolation: the graph of the good documents does not depend on what else is in the folder.
import { runKg, type Run } from '../kg-process.js';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/extract/decode.js';
import { extractDocumentWithText } from '../../src/extract/pipeline.js';
import { ExportedGraph } from '../../src/graph/contract.js';



// ---------------------------------------------------------------------------------------------
// The good documents. People, enterprises and projects are invented.

const MEETING_NAME = '黄山 人大 开幕 新闻.txt'; // spaces and Chinese in the file name
const MEETING = [
  '黄山市第八届人民代表大会第三次会议开幕',
  '',
  '本报讯 3月12日上午，黄山市第八届人民代表大会第三次会议在市会议中心开幕。',
  '大会执行主席沈若兰主持会议。',
  '市委副书记、市长周明远代表市人民政府作政府工作报告。',
  '市领导韩思齐、顾长风、岑晓岚出席会议。',
  '',
].join('\n');

const NOTICE_NAME = 'fengong-gbk.txt'; // GBK bytes, no declaration anywhere
const NOTICE = [
  '黄山市人民政府关于市政府领导同志工作分工的通知',
  '各区、县人民政府，市政府各部门：',
  '根据工作需要，现将市政府领导同志工作分工通知如下：',
  '市长周明远：主持市政府全面工作。',
  '常务副市长韩思齐：负责市政府常务工作，分管发展改革、财政、审计方面工作，联系市总工会。',
  '副市长顾长风：分管教育、卫生健康、文化旅游工作，协助分管应急管理。',
  '黄山市人民政府',
  '2024年3月20日',
  '',
].join('\n');

// A page whose scripts and styles mention a person and a post: none of it may reach the graph.
const SCRIPT_PERSON = '欧阳启航';
const PAGE_NAME = 'report.html';
const PAGE = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>屯溪区政府工作报告（摘要）</title>
<style>body{font:14px/1.5 "宋体"} .nav li::after{content:"市委书记${SCRIPT_PERSON}主持会议"} @media print{.nav{display:none}}</style>
<script>var cfg={title:"市委书记${SCRIPT_PERSON}主持会议",a:1<2&&3>2};function f(){document.write('<p>市长${SCRIPT_PERSON}出席<\\/p>');}</script>
<script type="text/template"><div>区长${SCRIPT_PERSON}：分管财政工作。</div></script>
</head><body>
<div class="nav"><ul><li>首页</li><li>政务公开</li></ul></div>
<div class="content">
<h1>屯溪区政府工作报告（摘要）</h1>
<p>屯溪区加快发展新能源、新材料等战略性新兴产业。</p>
<p>以徽岚新材料集团为“链主”，做强先进材料产业链。</p>
<p>实施徽岚高纯硅、新安江智能装备产业园等重点项目。</p>
</div>
<noscript>市委副书记${SCRIPT_PERSON}</noscript>
<script>window.onload=function(){console.log("区委书记${SCRIPT_PERSON}")}</script>
<style>.footer{color:#999}</style>
<div class="footer">版权所有 黄山市屯溪区人民政府</div>
</body></html>
`;

// Zero-width characters inside names and titles, a BOM mid-text, bells, vertical tabs, DEL.
const CLEAN_NEWS = [
  '中共黄山市委常委会召开会议',
  '7月5日，中共黄山市委常委会召开会议，市委书记沈若兰主持会议并讲话。',
  '市委副书记、市长周明远，市委常委韩思齐出席会议。',
  '',
].join('\n');
const DIRTY_NAME = 'zero-width.txt';
const DIRTY_NEWS = CLEAN_NEWS
  .replace('沈若兰', '沈\u200b若\u200d兰')
  .replace('市委副书记', '市\u2060委副\ufeff书记')
  .replace('周明远', '周\u200c明远\u0007')
  .replace('韩思齐', '韩思\u00ad齐')
  .replace('7月5日', '\u000b7月5日\u007f');

const GOOD = [MEETING_NAME, NOTICE_NAME, PAGE_NAME, DIRTY_NAME];

function writeGood(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, MEETING_NAME), MEETING, 'utf8');
  writeFileSync(path.join(dir, NOTICE_NAME), iconv.encode(NOTICE, 'gbk'));
  writeFileSync(path.join(dir, PAGE_NAME), PAGE, 'utf8');
  writeFileSync(path.join(dir, DIRTY_NAME), DIRTY_NEWS, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// The bad ones

/** Deterministic high bytes: not UTF-8 and not plausible GB18030/Big5 text. */
function byteSoup(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = 0x80 + ((x >> 16) % 0x7f);
  }
  return out;
}

/** A file name → the start of the reason `kg build` must give for it. */
const BAD: Record<string, RegExp> = {
  'empty.txt': /^empty file$/,
  'blank.htm': /^empty file \(whitespace only\)$/,
  'image.txt': /binary/,
  'soup.html': /^undecodable/,
  'loop.txt': /^symlink loop$/,
  'ping.txt': /^symlink loop$/,
  'pong.txt': /^symlink loop$/,
};
/** 20 MB on one line: a base64 blob saved as .txt. It is read (within the time limit) and contributes nothing. */
const HUGE = 'huge-one-line.txt';

function writeBad(dir: string): void {
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'blank.htm'), ' \n\t\r\n　\n');
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]), byteSoup(3000, 7)]);
  for (let i = 16; i < png.length; i += 5) png[i] = 0; // NULs throughout, as in real images
  writeFileSync(path.join(dir, 'image.txt'), png);
  writeFileSync(path.join(dir, 'soup.html'), byteSoup(8000, 12345));
  symlinkSync('loop.txt', path.join(dir, 'loop.txt'));
  symlinkSync('pong.txt', path.join(dir, 'ping.txt'));
  symlinkSync('ping.txt', path.join(dir, 'pong.txt'));
  mkdirSync(path.join(dir, 'sub'));
  symlinkSync('..', path.join(dir, 'sub', 'up')); // a folder cycle (sub/up/sub/up/…): walked once, not reported
  const line = Buffer.alloc(20 * 1024 * 1024, 'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkrLw==');
  writeFileSync(path.join(dir, HUGE), Buffer.concat([Buffer.from('var blob="data:image/png;base64,'), line, Buffer.from('";')]));
}

// ---------------------------------------------------------------------------------------------

/** A graph in a form that compares by content: nodes by key, edges by endpoints and attributes, evidence sorted. */
function canonical(file: string) {
  const graph = ExportedGraph.parse(JSON.parse(readFileSync(file, 'utf8')));
  // Document nodes have no evidence of their own.
  const sortEvidence = <T extends { evidence?: Array<{ doc: string; start: number; end: number }> }>(a: T): T => (a.evidence === undefined ? a : {
    ...a,
    evidence: [...a.evidence].sort((x, y) => x.doc.localeCompare(y.doc) || x.start - y.start || x.end - y.end),
  });
  const nodes = graph.nodes.map((n) => ({ key: n.key, attributes: sortEvidence(n.attributes) })).sort((a, b) => (a.key < b.key ? -1 : 1));
  const edges = graph.edges
    .map((e) => ({ source: e.source, target: e.target, attributes: sortEvidence(e.attributes) }))
    .map((e) => ({ id: `${e.attributes.type}|${e.source}|${e.target}|${e.attributes.title ?? ''}`, ...e }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  return { attributes: graph.attributes, nodes, edges };
}

const skipLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('skip '));

let work: string;
let mixed: Run;
let alone: Run;

beforeAll(async () => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-bad-input-'));
  writeGood(path.join(work, 'good'));
  writeGood(path.join(work, 'mixed'));
  writeBad(path.join(work, 'mixed'));
  // One after the other: two cores, and the mixed build has 20 MB to read.
  mixed = await runKg(['build', 'mixed', '--out', 'out-mixed', '--jobs', '2', '--no-progress'], { cwd: work });
  alone = await runKg(['build', 'good', '--out', 'out-good', '--jobs', '2', '--no-progress'], { cwd: work });
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('kg build on a folder mixing good documents with bad input', () => {
  it('completes with exit 0 and no stack trace', () => {
    expect(mixed.code, mixed.stderr).toBe(0);
    expect(alone.code, alone.stderr).toBe(0);
    expect(mixed.stderr).not.toMatch(/^\s+at /m);
    expect(mixed.stderr.trim().split('\n').at(-1)).toMatch(new RegExp(`^read ${GOOD.length + 1} documents \\(${Object.keys(BAD).length} skipped\\) in [\\d.]+ s → out-mixed: \\d+ entities, \\d+ relations \\(${GOOD.length + 1} extracted, 0 from the cache\\)$`));
  });

  it('names each bad file exactly once on stderr, with its reason', () => {
    const lines = skipLines(mixed.stderr);
    const byFile = new Map(lines.map((l) => {
      const m = /^skip (.*?): (.*)$/.exec(l)!;
      return [path.basename(m[1]), m[2]];
    }));
    expect([...byFile.keys()].sort()).toEqual(Object.keys(BAD).sort());
    expect(lines).toHaveLength(Object.keys(BAD).length);
    for (const [file, reason] of Object.entries(BAD)) expect(byFile.get(file), file).toMatch(reason);
    for (const good of [...GOOD, HUGE]) expect(mixed.stderr, good).not.toContain(good);
    expect(skipLines(alone.stderr)).toEqual([]);
  });

  it('lists the bad files with their reasons in report.md, and the good ones as read', () => {
    const report = readFileSync(path.join(work, 'out-mixed/report.md'), 'utf8');
    expect(report).toContain(`## Skipped (${Object.keys(BAD).length})`);
    for (const line of skipLines(mixed.stderr)) {
      const m = /^skip (.*?): (.*)$/.exec(line)!;
      expect(report).toContain(`| ${m[1]} | ${m[2].replace(/\|/g, '\\|')} |`);
    }
    expect(report).toContain(`## Documents read (${GOOD.length + 1})`);
    for (const good of [...GOOD, HUGE]) expect(report).toContain(`| ${good} |`);
  });

  it('gives the good documents exactly the graph they give alone', () => {
    const mixed = canonical(path.join(work, 'out-mixed/graph.json'));
    const b = canonical(path.join(work, 'out-good/graph.json'));
    // The huge line was read (it is no bad input) and gives nothing but its own Document node.
    expect(mixed.nodes.find((n) => n.key === `Document:${HUGE}`)?.attributes).toEqual({ type: 'Document', name: HUGE });
    const a = { ...mixed, nodes: mixed.nodes.filter((n) => n.key !== `Document:${HUGE}`) };
    expect(a.nodes.map((n) => n.key)).toEqual(b.nodes.map((n) => n.key));
    expect(a.edges.map((e) => e.id)).toEqual(b.edges.map((e) => e.id));
    expect(a).toEqual(b); // every attribute: names, aliases, evidence spans and sentences, communities
    // and the normalised texts the evidence points into
    const texts = (out: string) => readdirSync(path.join(work, out, 'texts')).filter((f) => f !== HUGE).sort();
    expect(texts('out-mixed')).toEqual([...GOOD].sort());
    for (const doc of GOOD) {
      expect(readFileSync(path.join(work, 'out-mixed/texts', doc), 'utf8'), doc).toBe(readFileSync(path.join(work, 'out-good/texts', doc), 'utf8'));
    }
  });

  it('every good document decodes and contributes: GBK without a declaration, HTML with scripts, zero-width characters', () => {
    const { nodes, edges } = canonical(path.join(work, 'out-mixed/graph.json'));
    const docsOf = (item: { attributes: { evidence?: Array<{ doc: string }> } }) => new Set((item.attributes.evidence ?? []).map((e) => e.doc));
    const edgesFrom = (doc: string) => edges.filter((e) => docsOf(e).has(doc)).map((e) => e.id);
    for (const doc of GOOD) expect(edgesFrom(doc).length, doc).toBeGreaterThan(0);
    expect(edgesFrom(HUGE)).toEqual([]);
    expect(nodes.filter((n) => docsOf(n).has(HUGE))).toEqual([]);

    // the meeting news: a title chain and who presided
    expect(edgesFrom(MEETING_NAME)).toEqual(expect.arrayContaining([
      'HOLDS_POSITION|Person:周明远|Organization:黄山市人民政府|市长',
      'PRESIDES|Person:沈若兰|Meeting:黄山市第八届人民代表大会第三次会议|',
    ]));
    // the GBK notice, decoded: one OVERSEES per duty
    expect(edgesFrom(NOTICE_NAME)).toEqual(expect.arrayContaining([
      'OVERSEES|Person:韩思齐|Area:审计|',
      'OVERSEES|Person:顾长风|Area:应急管理|',
    ]));
    const gbkText = readFileSync(path.join(work, 'out-mixed/texts', NOTICE_NAME), 'utf8');
    expect(gbkText).toContain('协助分管应急管理');
    // the HTML page: its body counts, its scripts, styles and noscript do not
    expect(edgesFrom(PAGE_NAME).some((id) => id.startsWith('LEADS_CHAIN|Enterprise:徽岚新材料集团|'))).toBe(true);
    expect(nodes.map((n) => n.attributes.name).filter((n) => n.includes(SCRIPT_PERSON))).toEqual([]);
    const pageText = readFileSync(path.join(work, 'out-mixed/texts', PAGE_NAME), 'utf8');
    expect(pageText).not.toMatch(/document\.write|font:|var cfg|欧阳/);
    // the zero-width text: the names come out whole
    expect(edgesFrom(DIRTY_NAME)).toEqual(expect.arrayContaining([
      'HOLDS_POSITION|Person:沈若兰|Organization:中共黄山市委|书记',
      'HOLDS_POSITION|Person:周明远|Organization:中共黄山市委|副书记',
    ]));
    expect(nodes.filter((n) => docsOf(n).has(DIRTY_NAME) && n.attributes.type === 'Person').map((n) => n.attributes.name).sort())
      .toEqual(['周明远', '沈若兰', '韩思齐'].sort());
  });

  it('zero-width and control characters change nothing: the dirty text gives the clean text\'s record', () => {
    const extract = (text: string) => {
      const decoded = decodeBytes(Buffer.from(text, 'utf8'), { fileName: 'news.txt' });
      return extractDocumentWithText({ doc: 'news.txt', text: decoded.text, format: decoded.format });
    };
    const clean = extract(CLEAN_NEWS), dirty = extract(DIRTY_NEWS);
    expect(dirty.record.mentions.map((m) => m.name).sort()).toEqual(clean.record.mentions.map((m) => m.name).sort());
    const rel = (r: { type: string; from: string; to: string; title?: string }) => `${r.type}|${r.from}|${r.to}|${r.title ?? ''}`;
    expect(dirty.record.relations.map(rel).sort()).toEqual(clean.record.relations.map(rel).sort());
    expect(clean.record.relations.length).toBeGreaterThan(0);
  });
});
