// Property tests for the extractor (issue #6): whatever text comes in, extractDocumentWithText
// must return (never throw, never hang) a record that passes the DocRecord schema and whose
// every evidence span lies inside the normalised text it returned.
//
// Four kinds of input: arbitrary Unicode (lone surrogates, controls and zero-width characters
// included), runs of Chinese punctuation mixed with Han text and the words extraction keys on,
// truncated and spliced versions of sentences we wrote, and random HTML (scripts, styles,
// comments, unclosed tags, entities). Fixed seeds: a failure reproduces, and fast-check prints
// the shrunk counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractDocumentWithText } from '../../src/extract/pipeline.js';
import { DocRecord } from '../../src/extract/records.js';

// FUZZ_RUNS / FUZZ_SEED override both for a longer exploratory run; the defaults are what `npm test` runs.
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
/** About hangs, not speed: a ≤ 5 KB document that takes longer than this is stuck in something super-linear. */
const MAX_MS_PER_DOC = 2000;
const MAX_INPUT_CHARS = 5000;

type Format = 'html' | 'text';

/** Runs the extractor and checks every invariant; throws (with the input attached by fast-check) on a violation. */
function checkDocument(raw: string, format: Format): void {
  const doc = 'fuzz.txt';
  const started = performance.now();
  const { record, text } = extractDocumentWithText({ doc, text: raw, format });
  const ms = performance.now() - started;
  if (ms > MAX_MS_PER_DOC) throw new Error(`extraction took ${ms.toFixed(0)} ms for ${raw.length} chars`);

  const parsed = DocRecord.safeParse(record);
  if (!parsed.success) throw new Error(`record fails DocRecord: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`);
  if (record.doc !== doc) throw new Error(`record.doc is ${record.doc}`);
  if (record.chars !== text.length) throw new Error(`chars ${record.chars} != text length ${text.length}`);

  const ids = new Set<string>();
  for (const m of record.mentions) {
    if (ids.has(m.id)) throw new Error(`duplicate mention id ${m.id}`);
    ids.add(m.id);
    for (const ev of m.evidence) {
      checkSpan(ev, text, `mention ${m.id}`);
      if (text.slice(ev.start, ev.end) === '') throw new Error(`mention ${m.id} has an empty span [${ev.start}, ${ev.end})`);
    }
  }
  for (const r of record.relations) {
    if (!ids.has(r.from) || !ids.has(r.to)) throw new Error(`relation ${r.type} ${r.from} → ${r.to} points at a missing mention`);
    for (const ev of r.evidence) checkSpan(ev, text, `relation ${r.type} ${r.from} → ${r.to}`);
  }
}

function checkSpan(ev: { doc: string; start: number; end: number; text?: string }, text: string, what: string): void {
  if (ev.doc !== 'fuzz.txt') throw new Error(`${what}: evidence names doc ${ev.doc}`);
  if (!(Number.isInteger(ev.start) && Number.isInteger(ev.end) && ev.start >= 0 && ev.start <= ev.end && ev.end <= text.length)) {
    throw new Error(`${what}: span [${ev.start}, ${ev.end}) outside the normalised text (length ${text.length})`);
  }
  // The evidence sentence is cut from the same text around the span.
  if (ev.text !== undefined && !ev.text.includes(text.slice(ev.start, ev.end))) {
    throw new Error(`${what}: evidence text does not contain its span`);
  }
}

const property = (arb: fc.Arbitrary<{ raw: string; format: Format }>) =>
  fc.property(arb, ({ raw, format }) => checkDocument(raw.slice(0, MAX_INPUT_CHARS), format));

const assertOptions = (seed: number) => ({ seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) + seed : seed, numRuns: RUNS, endOnFailure: false, verbose: 1 as const });

// ---------------------------------------------------------------------------------------------
// Arbitraries

const format = fc.constantFrom<Format>('text', 'html');

/** Characters that upset text handling: controls, zero-width and bidi marks, BOM, replacement, lone surrogates, astral Han. */
const NASTY = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\r', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085',
  '\u00a0', '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202e', '\u2060', '\u3000', '\ufeff',
  '\ufffd', '\ud800', '\udfff', '\ud83d', '𠀀', '𪚥', '😀', '\u0301', 'ǎ', '（', '）', '〔', '〕', '“', '”', '《', '》',
];

const unicodeText = fc.string({
  unit: fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 2, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)) },
  ),
  maxLength: 3000,
  size: 'xlarge',
});

/** The vocabulary the stages anchor on, plus invented names and places. */
const WORDS = [
  '市委', '市委副书记', '市长', '副市长', '常务副市长', '书记', '副书记', '县长', '区长', '主任', '秘书长', '省长', '主席', '副主席',
  '分管', '负责', '联系', '协助分管', '主持', '领导', '出席', '参加', '讲话', '作报告', '政府工作报告', '会议', '常务会议', '第一次会议',
  '人民代表大会', '政协', '全体会议', '开幕', '闭幕', '项目', '重点项目', '产业链', '“链主”', '链主', '为', '以', '实施', '等',
  '集团', '有限公司', '股份有限公司', '科技', '产业园', '电站', '新能源', '智能装备', '新材料', '集成电路', '产业', '集群',
  '工作', '方面', '人民政府', '发改委', '发展和改革委员会', '交通运输局', '教育局', '中共', '省', '市', '县', '区', '镇', '村',
  '青岚', '青岚市', '黄山', '黄山市', '屯溪区', '休宁县', '安徽', '云岭省', '北京市', '安徽省', '芜湖市', '鸠江区', '×市',
  '周明远', '沈若兰', '韩思齐', '顾长风', '岑晓岚', '欧阳启航', '王', '李', '张', '同志', '代表', '委员', '届', '次',
  '一', '二', '三', '十四', '2024年', '3月', '12日', '(gōng)', '（注）', '首页', '返回顶部', '版权所有', '责任编辑',
];
const PUNCT = ['。', '，', '、', '；', '：', '！', '？', '“', '”', '‘', '’', '（', '）', '《', '》', '〔', '〕', '…', '——', '·', '\n', '\n\n', ' ', '　', ':', ',', ';', '(', ')'];

const tokenSoup = fc.array(
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 3, arbitrary: fc.constantFrom(...PUNCT) },
    { weight: 1, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) },
    { weight: 1, arbitrary: fc.constantFrom(...NASTY) },
  ),
  { maxLength: 1500, size: 'xlarge' },
).map((parts) => parts.join(''));

/** Sentences we wrote in the shapes the extractor is built for (names and places invented). */
const SENTENCES = [
  '黄山市第八届人民代表大会第三次会议开幕',
  '3月12日上午，黄山市第八届人民代表大会第三次会议在市会议中心开幕。',
  '市委副书记、市长周明远代表市人民政府作政府工作报告。',
  '大会执行主席沈若兰主持会议。',
  '市领导韩思齐、顾长风、岑晓岚出席会议。',
  '周明远：主持市政府全面工作。',
  '韩思齐：负责市政府常务工作，分管发展改革、财政、交通运输方面工作，联系市总工会。',
  '顾长风：分管教育、卫生健康、文化旅游工作，协助分管应急管理。',
  '以青岚钢联集团为“链主”，做强特种合金产业链。',
  '实施钢联高纯铁、岚光智能装备产业园、澜川抽水蓄能电站等重点项目。',
  '屯溪区加快发展新能源、新材料、集成电路等战略性新兴产业集群。',
  '岚光科技、青岚钢联等重点企业完成投资超过百亿元。',
  '中共黄山市委常委会召开会议，市委书记沈若兰主持会议并讲话。',
];

/** Long repetitions: where a backtracking regex or a quadratic scan would show up as a hang. */
const repetitions = fc.tuple(
  fc.array(fc.constantFrom(...WORDS, ...PUNCT), { minLength: 1, maxLength: 4 }),
  fc.integer({ min: 1, max: 2500 }),
  fc.constantFrom('', '市委副书记、市长', '分管', '以', '实施', '<p>'),
  fc.constantFrom('', '。', '工作。', '为“链主”', '等重点项目', '出席会议。'),
).map(([unit, n, before, after]) => before + unit.join('').repeat(n) + after);

const truncated = fc.oneof(
  // one sentence cut anywhere (possibly in the middle of a surrogate pair or a name)
  fc.tuple(fc.constantFrom(...SENTENCES), fc.nat(), fc.nat()).map(([s, a, b]) => {
    const i = a % (s.length + 1), j = b % (s.length + 1);
    return s.slice(Math.min(i, j), Math.max(i, j));
  }),
  // several sentences, each truncated, glued with random separators
  fc.array(
    fc.tuple(fc.constantFrom(...SENTENCES), fc.nat(), fc.constantFrom('', '\n', '。', '、', ' ', '\u200b', '<br>')),
    { minLength: 1, maxLength: 60, size: 'large' },
  ).map((parts) => parts.map(([s, cut, sep]) => s.slice(0, cut % (s.length + 1)) + sep).join('')),
  // a whole document with characters deleted at random positions
  fc.tuple(fc.shuffledSubarray(SENTENCES, { minLength: 1 }), fc.array(fc.nat(), { maxLength: 30 })).map(([ss, holes]) => {
    let s = ss.join('\n');
    for (const h of holes) {
      const at = h % (s.length + 1);
      s = s.slice(0, at) + s.slice(at + 1);
    }
    return s;
  }),
);

const textContent = fc.oneof(fc.constantFrom(...SENTENCES), tokenSoup.map((s) => s.slice(0, 200)), fc.constantFrom(...WORDS));

const TAGS = ['div', 'p', 'span', 'td', 'tr', 'table', 'li', 'ul', 'h1', 'a', 'b', 'font', 'br', 'center', 'section', 'nav', 'footer', 'header'];
const htmlFragment: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: textContent },
    { weight: 1, arbitrary: fc.constantFrom('&nbsp;', '&amp;', '&lt;', '&#x4e2d;', '&#20013;', '&bogus;', '&#0;', '&#xd800;', '&#1114112;', '<', '>', '&') },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.constantFrom(...TAGS), fc.array(tie('node'), { maxLength: 4 }), fc.boolean(), fc.constantFrom('', ' class="x"', ' style="display:none"', ' id=a', ' href="javascript:void(0)"'))
        .map(([tag, kids, close, attrs]) => `<${tag}${attrs}>${kids.join('')}${close ? `</${tag}>` : ''}`),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom('script', 'style', 'noscript', 'template', 'textarea', 'title'), textContent, fc.boolean())
        .map(([tag, body, close]) => `<${tag}>${tag === 'script' ? `var s="${body}";document.write('</div>');` : tag === 'style' ? `p{content:"${body}"}` : body}${close ? `</${tag}>` : ''}`),
    },
    { weight: 1, arbitrary: textContent.map((t) => `<!-- ${t} -->`) },
    { weight: 1, arbitrary: fc.constantFrom('<!DOCTYPE html>', '<![CDATA[市长]]>', '<?xml version="1.0"?>', '</p>', '</html>', '<meta charset="gbk">', '<!--', '<p', '<a href="', '<br/>') },
  ),
})).node;

const randomHtml = fc.tuple(fc.array(htmlFragment, { maxLength: 30, size: 'large' }), fc.boolean()).map(([parts, wrap]) => {
  const body = parts.join('');
  return wrap ? `<!DOCTYPE html><html><head><title>黄山市人民政府</title><style>body{}</style><script>var a=1<2;</script></head><body>${body}</body></html>` : body;
});

// ---------------------------------------------------------------------------------------------

describe('extractor fuzzing: never throws, bounded time, offsets inside the normalised text, valid record', () => {
  it('arbitrary Unicode strings (as text and as HTML)', () => {
    fc.assert(property(fc.record({ raw: unicodeText, format })), assertOptions(0x6b670001));
  });

  it('runs of Chinese punctuation mixed with Han text and title / duty / economy words', () => {
    fc.assert(property(fc.record({ raw: tokenSoup, format })), assertOptions(0x6b670002));
  });

  it('truncated, spliced and holed versions of well-formed sentences', () => {
    fc.assert(property(fc.record({ raw: truncated, format })), assertOptions(0x6b670003));
  });

  it('long repetitions of one to four words or punctuation marks, between anchors', () => {
    fc.assert(property(fc.record({ raw: repetitions, format })), assertOptions(0x6b670005));
  });

  it('random HTML with scripts, styles, comments, unclosed tags and entities', () => {
    fc.assert(property(fc.record({ raw: randomHtml, format: fc.constant<Format>('html') })), assertOptions(0x6b670004));
  });

  it('the sentences themselves extract something (so the properties above are not vacuous)', () => {
    const { record } = extractDocumentWithText({ doc: 'fuzz.txt', text: SENTENCES.join('\n'), format: 'text' });
    const types = new Set(record.relations.map((r) => r.type));
    expect(types).toContain('HOLDS_POSITION');
    expect(types).toContain('OVERSEES');
    expect(record.mentions.some((m) => m.type === 'Person' && m.name === '周明远')).toBe(true);
    expect(() => checkDocument(SENTENCES.join('\n'), 'text')).not.toThrow();
  });

  it('the checker itself rejects a span outside the text', () => {
    expect(() => checkSpan({ doc: 'fuzz.txt', start: 2, end: 9 }, 'abc', 'x')).toThrow(/outside/);
    expect(() => checkSpan({ doc: 'fuzz.txt', start: 2, end: 1 }, 'abc', 'x')).toThrow(/outside/);
  });
});
