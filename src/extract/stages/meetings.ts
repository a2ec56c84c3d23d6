// Named meetings (人大/政协 sessions and plenaries, Party congresses and plenums, work conferences)
// and who presided over, attended and addressed the meeting the document reports on.
import type { DocBuilder, PlaceRef } from '../doc.js';
import { gazetteer } from '../gazetteer.js';
import { chineseNumeral, numeralValue } from '../text.js';
import { ownPlaceOfLevel, placeRefAt } from './organizations.js';
import type { PersonSpan } from './persons.js';
import type { PlaceIndex } from './places.js';

const N = '[一二三四五六七八九十百零〇两\\d]+';
const cn = (s: string) => { const v = numeralValue(s); return Number.isNaN(v) ? s : chineseNumeral(v); };

export interface MeetingMatch {
  start: number; end: number; id: string;
  /** A plenary named on its own later in the report: a part of the session, never the meeting reported on. */
  detached?: boolean;
  /** A plenary named only in its chairs' title (第一次全体会议执行主席A、B): they attend it and the session. */
  byChairTitle?: boolean;
}
type Built = { name: string; aliases: string[] };

interface Pattern {
  re: RegExp;
  /** Canonical name and aliases, given the match and the place it belongs to (if it needs one). */
  build: (m: RegExpExecArray, place?: PlaceRef) => Built | Built[] | undefined;
  needsPlace: boolean;
  /** Every match contains one of these: a text with none is not searched (most texts name no meeting). */
  anyOf: string[];
  /** With no place before it, the name is of the document's own (most local) place (十七届人大三次会议 in a district's report). */
  ownWhenBare?: boolean;
}

const PATTERNS: Pattern[] = [
  { // 绵阳市第八届人民代表大会第三次会议 / 市八届人大三次会议
    // (A work report's title block may break the line inside the name: 在长宁区第十七届\n人民代表大会第五次会议上.)
    re: new RegExp(`(?:第?(${N})届\\s{0,6}人民代表大会\\s{0,6}第(${N})次会议|第?(${N})届人大(${N})次会议)`, 'gu'), needsPlace: true, anyOf: ['届人', '届\n', '届 '], ownWhenBare: true,
    build: (m, p) => {
      const term = cn(m[1] ?? m[3]), session = cn(m[2] ?? m[4]);
      return { name: `${p!.name}第${term}届人民代表大会第${session}次会议`, aliases: [`${p!.name}${term}届人大${session}次会议`] };
    },
  },
  { // 市政协五届一次会议(第二次全体会议)
    re: new RegExp(`政协(${N})届(${N})次会议(?:第(${N})次全体会议)?`, 'gu'), needsPlace: true, anyOf: ['政协'], ownWhenBare: true,
    build: (m, p) => cppcc(p!.name, cn(m[1]), cn(m[2]), m[3] ? cn(m[3]) : undefined),
  },
  { // 省第十二次党代会 / 市第五次党代会
    re: new RegExp(`第(${N})次党(?:代会|代表大会)`, 'gu'), needsPlace: true, anyOf: ['次党'],
    build: (m, p) => {
      const n = cn(m[1]);
      return { name: `${p!.name}第${n}次党代会`, aliases: [`中国共产党${p!.name}第${n}次代表大会`, `中共${p!.name}第${n}次代表大会`] };
    },
  },
  { // 市委五届八次全会; two plenums held together (市委十届十次、十一次全会) are one each
    re: new RegExp(`委(${N})届((?:${N}次、)*${N})次全(?:会|体会议)`, 'gu'), needsPlace: true, anyOf: ['次全'],
    build: (m, p) => m[2].split(/次、/).map((ordinal) => {
      const a = cn(m[1]), b = cn(ordinal);
      return { name: `中共${p!.name}委${a}届${b}次全会`, aliases: [`${p!.name}委${a}届${b}次全会`, `中国共产党${p!.name}第${a}届委员会第${b}次全体会议`] };
    }),
  },
  { // 省委经济工作会议
    re: /委([\p{Script=Han}]{2,4})工作会议/gu, needsPlace: true, anyOf: ['工作会议'],
    build: (m, p) => ({ name: `中共${p!.name}委${m[1]}工作会议`, aliases: [`${p!.name}委${m[1]}工作会议`] }),
  },
  { // 十四届全国人大二次会议 / 第十四届全国人民代表大会第二次会议
    re: new RegExp(`(?:第?(${N})届全国人大(${N})次会议|第(${N})届全国人民代表大会第(${N})次会议)`, 'gu'), needsPlace: false, anyOf: ['届全国人'],
    build: (m) => {
      const term = cn(m[1] ?? m[3]), session = cn(m[2] ?? m[4]);
      return { name: `第${term}届全国人民代表大会第${session}次会议`, aliases: [`${term}届全国人大${session}次会议`] };
    },
  },
  { // 全国政协十四届二次会议
    re: new RegExp(`全国政协(${N})届(${N})次会议`, 'gu'), needsPlace: false, anyOf: ['全国政协'],
    build: (m) => {
      const term = cn(m[1]), session = cn(m[2]);
      return { name: `中国人民政治协商会议第${term}届全国委员会第${session}次会议`, aliases: [`全国政协${term}届${session}次会议`] };
    },
  },
  { // 中国人民政治协商会议第十一届全国委员会第二次会议 / 政协第十三届全国委员会第一次会议
    re: new RegExp(`(?:中国人民政治协商会议|政协)第(${N})届全国委员会第(${N})次会议`, 'gu'), needsPlace: false, anyOf: ['届全国委员会第'],
    build: (m) => {
      const term = cn(m[1]), session = cn(m[2]);
      return { name: `中国人民政治协商会议第${term}届全国委员会第${session}次会议`, aliases: [`全国政协${term}届${session}次会议`, `政协第${term}届全国委员会第${session}次会议`] };
    },
  },
  { // 市政府第12次常务会议
    re: new RegExp(`(?:人民)?政府第(${N})次常务会议`, 'gu'), needsPlace: true, anyOf: ['次常务会议'],
    build: (m, p) => ({ name: `${p!.name}人民政府第${cn(m[1])}次常务会议`, aliases: [`${p!.name}政府第${cn(m[1])}次常务会议`] }),
  },
  { // 市委全面深化改革委员会第5次会议 / 县委财经委员会第三次会议 / 区委全面依法治区委员会第二次会议: a Party
    // committee's commissions (决策议事协调机构) meet by number, named with the committee.
    re: new RegExp(`委((?:全面深化改革|财经|外事工作|审计|机构编制|网络安全和信息化|全面依法治[省市县区州旗]|国家安全)(?:委员会)?|农村工作领导小组)第(${N})次(全体)?会议`, 'gu'), needsPlace: true, anyOf: ['委员会第', '领导小组第'],
    build: (m, p) => {
      const body = /(领导小组|委员会)$/.test(m[1]) ? m[1] : `${m[1]}委员会`;
      const tail = `第${cn(m[2])}次${m[3] ?? ''}会议`;
      return { name: `中共${p!.name}委${body}${tail}`, aliases: [`${p!.name}委${body}${tail}`, `${p!.name}委${m[1]}第${m[2]}次${m[3] ?? ''}会议`] };
    },
  },
  { // 市委常委会第8次会议
    re: new RegExp(`委常委会第(${N})次会议`, 'gu'), needsPlace: true, anyOf: ['委常委会第'],
    build: (m, p) => ({ name: `中共${p!.name}委常委会第${cn(m[1])}次会议`, aliases: [`${p!.name}委常委会第${cn(m[1])}次会议`] }),
  },
  { // 省十届人大常委会第三十一次会议 / 市第十六届人民代表大会常务委员会第十五次会议
    // The session may follow a verb (县十五届人大常委会召开第36次会议) and drop its 第 (十二届人大常委会十一次会议).
    re: new RegExp(`(?:第?(${N})届人大常委会|第(${N})届人民代表大会常务委员会)(?:召开|举行)?第?(${N})次会议`, 'gu'), needsPlace: true, anyOf: ['届人大常委会', '常务委员会'],
    build: (m, p) => {
      const term = cn(m[1] ?? m[2]), n = cn(m[3]);
      return { name: `${p!.name}第${term}届人民代表大会常务委员会第${n}次会议`, aliases: [`${p!.name}${term}届人大常委会第${n}次会议`, `${p!.name}第${term}届人大常委会第${n}次会议`] };
    },
  },
  { // 旗政府2026年第1次常务会议: sessions counted within a year
    re: new RegExp(`(?:人民)?政府(\\d{4})年第(${N})次常务会议`, 'gu'), needsPlace: true, anyOf: ['次常务会议'],
    build: (m, p) => ({ name: `${p!.name}人民政府${m[1]}年第${cn(m[2])}次常务会议`, aliases: [`${p!.name}政府${m[1]}年第${cn(m[2])}次常务会议`] }),
  },
  { // 区第十八届人民政府第八十四次常务会议
    re: new RegExp(`第?(${N})届[省市县区州旗盟]?(?:人民)?政府第(${N})次常务会议`, 'gu'), needsPlace: true, anyOf: ['次常务会议'], ownWhenBare: true,
    build: (m, p) => ({ name: `${p!.name}第${cn(m[1])}届人民政府第${cn(m[2])}次常务会议`, aliases: [`${p!.name}政府第${cn(m[2])}次常务会议`] }),
  },
  { // 市政府十六届四十六次常务会议
    re: new RegExp(`(?:人民)?政府(${N})届第?(${N})次常务会议`, 'gu'), needsPlace: true, anyOf: ['次常务会议'],
    build: (m, p) => ({ name: `${p!.name}人民政府${cn(m[1])}届${cn(m[2])}次常务会议`, aliases: [`${p!.name}政府${cn(m[1])}届${cn(m[2])}次常务会议`] }),
  },
  { // 省政府第二次全体会议
    re: new RegExp(`(?:人民)?政府(?:召开|举行)?第(${N})次全体(?:\\(扩大\\))?会议`, 'gu'), needsPlace: true, anyOf: ['次全体'],
    build: (m, p) => ({ name: `${p!.name}人民政府第${cn(m[1])}次全体会议`, aliases: [`${p!.name}政府第${cn(m[1])}次全体会议`] }),
  },
  { // 党的十八大 / 中共十七大 / 中国共产党第十八次全国代表大会
    re: new RegExp(`(?:党的|中共)(${N})大|中国共产党第(${N})次全国代表大会`, 'gu'), needsPlace: false, anyOf: ['党的', '中共', '中国共产党第'],
    build: (m) => {
      const n = cn(m[1] ?? m[2]);
      return { name: `中国共产党第${n}次全国代表大会`, aliases: [`党的${n}大`, `中共${n}大`] };
    },
  },
  { // 中央农村工作会议
    re: /中央([\p{Script=Han}]{2,4}?)工作会议/gu, needsPlace: false, anyOf: ['工作会议'],
    build: (m) => ({ name: `中央${m[1]}工作会议`, aliases: [] }),
  },
];

/** A district's or county's meeting is also named with its city in front (上海市长宁区第十七届人民代表大会…). */
function withParentForms(built: Built | Built[] | undefined, place: PlaceRef): Built | Built[] | undefined {
  if (!built || place.level !== 'county') return built;
  const parent = gazetteer().parentOf(place.code);
  if (!parent || !(parent.level === 'city' || parent.level === 'province' && parent.name.endsWith('市'))) return built;
  const qualify = (b: Built): Built => {
    const forms = [b.name, ...b.aliases].filter((f) => f.includes(place.name) && !f.includes(parent.name)).map((f) => f.replace(place.name, parent.name + place.name));
    return { name: b.name, aliases: [...b.aliases, ...forms] };
  };
  return Array.isArray(built) ? built.map(qualify) : qualify(built);
}

function cppcc(place: string, term: string, session: string, plenary?: string) {
  const name = `${place}政协${term}届${session}次会议`;
  const forms = [`政协${place}第${term}届委员会第${session}次会议`, `中国人民政治协商会议${place}第${term}届委员会第${session}次会议`, `政协第${term}届${place}委员会第${session}次会议`,
    `中国人民政治协商会议第${term}届${place}委员会第${session}次会议`];
  return plenary ? { name: `${name}第${plenary}次全体会议`, aliases: forms.map((f) => `${f}第${plenary}次全体会议`) } : { name, aliases: forms };
}

// Work conferences named by what they are about (全省以县城为重要载体的就地城镇化工作座谈会, 西城区…工作总结会):
// the name runs from the clause's start, or from the verb that convenes or attends it, to the conference word.
const CONFERENCE = /(工作会议|工作座谈会|座谈会|推进会议?|部署会|动员会|总结会|现场会|调度会|联席会议|电视电话会议|专题会议|表彰大会|动员大会|推进大会|推介会|恳谈会|洽谈会|博览会|交易会|招商会|对接会)/gu;
// Investment events (招商推介会, 合作恳谈会, 投资贸易洽谈会) a place holds are named with that place in front.
const INVESTMENT_EVENT = /(推介会|恳谈会|洽谈会|博览会|交易会|招商会|对接会)$/;
const NOT_A_CONFERENCE_NAME = /^(这|此|本|该|各|一|两|有关|相关|此次|这次|本次|上述|会议|系列|多场|各类|各种|专门|专题)/;

/** Names are written without their quotation marks. */
const unquoted = (x: string) => x.replace(/[“”"]/g, '');

function namedConferences(doc: DocBuilder, places: PlaceIndex, add: (s: number, e: number, b: { name: string; aliases: string[] }) => void,
  named: MeetingMatch[]) {
  const text = doc.text;
  if (!/会议|座谈会|推进会|部署会|动员会|总结会|现场会|调度会|大会|推介会|恳谈会|洽谈会|博览会|交易会|招商会|对接会/.test(text)) return;
  for (const m of text.matchAll(CONFERENCE)) {
    const end = m.index! + m[0].length;
    let start = m.index!;
    for (;;) {
      while (start > 0 && m.index! - start < 40 && !/[,。;:\n“”"()!?、]/.test(text[start - 1])) start--;
      // (部分省区市“十五五”时期经济社会发展座谈会: a quoted slogan inside the name is part of it.)
      const open = text[start - 1] === '”' ? text.lastIndexOf('“', start - 2) : -1;
      if (open < 0 || start - open > 16 || m.index! - open >= 40 || /[,。;:\n]/.test(text.slice(open, start))) break;
      start = open;
    }
    let raw = text.slice(start, end);
    if (raw.startsWith('在')) { start += 1; raw = raw.slice(1); }
    // A meeting a pattern already names ends here (省委经济工作会议): nothing more to read.
    if (named.some((n) => n.end === end || (m.index! < n.end && end > n.start))) continue;
    const opener = /^.*(召开|举行|举办|出席|参加|主持召开|主持|贯彻落实|落实|贯彻|传达|学习|按照|根据|精神及|精神和|暨|及)(?=.)/.exec(raw);
    if (opener) { start += opener[0].length; raw = text.slice(start, end); }
    // 随后召开的某某座谈会: the name starts after the 的 that ties it to its verb.
    if (raw.startsWith('的')) { start += 1; raw = raw.slice(1); }
    if (raw.length - m[0].length < 4 || NOT_A_CONFERENCE_NAME.test(raw) || /[了的]$/.test(raw.slice(0, -m[0].length))) continue;
    if (/[\d]{1,2}月|[\d]{1,2}日|上午|下午|今天|昨天|近日|日前/.test(raw)) continue;
    // 全省/全市 and a bare 省/市 name the document's own place.
    let name = raw;
    const own = /^全(省|市|县|区|州|盟|旗)/.exec(raw);
    if (own) {
      const place = ownPlaceOfLevel(doc, own[1]);
      if (place) name = place.name + raw.slice(2);
    } else if (!places.has(start)) {
      for (let k = 0; k < Math.min(6, raw.length - 2); k++) {
        if (places.has(start + k)) break;
        const ref = /[省市县区州盟旗]/.test(raw[k]) ? placeRefAt(doc, start + k, places) : undefined;
        if (ref && !ref.explicit) { name = raw.slice(0, k) + ref.place.name + raw.slice(k + 1); break; }
      }
    }
    if (name === raw && INVESTMENT_EVENT.test(raw) && !/中国|全国|国际|世界|[省市县区州盟旗]/.test(raw)) {
      const own = doc.places.placeholder ? undefined : doc.places.county ?? doc.places.city ?? doc.places.province;
      if (!own) continue;
      name = own.name + raw;
    }
    add(start, end, { name: unquoted(name), aliases: name === raw ? [] : [unquoted(raw)] });
  }
}

/** The place a meeting name is prefixed by: an explicit place, or a bare 市/省/县 for the document's own. */
function prefixPlace(doc: DocBuilder, places: PlaceIndex, at: number): { start: number; place: PlaceRef } | undefined {
  for (let back = 1; back <= 12 && at - back >= 0; back++) {
    const p = places.get(at - back);
    if (p && p.end === at) return { start: at - back, place: p.place };
  }
  const bare = placeRefAt(doc, at - 1, places);
  return bare && bare.end === at ? { start: at - 1, place: bare.place } : undefined;
}

export function extractMeetings(doc: DocBuilder, places: PlaceIndex): MeetingMatch[] {
  const text = doc.text;
  const found: MeetingMatch[] = [];
  // Aliases are the forms each pattern generates; a surface can be elliptical (二十届二中、三中全会) and
  // would join two meetings into one if it were kept.
  const add = (start: number, end: number, built: Built | Built[] | undefined) => {
    for (const one of built === undefined ? [] : Array.isArray(built) ? built : [built]) {
      found.push({ start, end, id: doc.mention('Meeting', one.name, start, end, { aliases: one.aliases, surfaceIsAlias: false }) });
    }
  };
  for (const pattern of PATTERNS) {
    if (!pattern.anyOf.some((w) => text.includes(w))) continue;
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      if (!pattern.needsPlace) { add(m.index, m.index + m[0].length, pattern.build(m)); continue; }
      // The place prefix sits right before the match (政协 patterns start after it; 委 patterns too).
      let p = prefixPlace(doc, places, m.index);
      if (!p && pattern.ownWhenBare && !/[省市县区州旗盟国]/.test(text[m.index - 1] ?? '')) {
        const own = doc.places.placeholder ? undefined : doc.places.county ?? doc.places.city ?? doc.places.province;
        if (own) p = { start: m.index, place: own };
      }
      if (!p) continue;
      const built = withParentForms(pattern.build(m, p.place), p.place);
      // The name as written, after its place (建德市十七届政府第30次常务会议), is an alias too.
      const written = `${p.place.name}${m[0].replace(/^(?:召开|举行)/, '').replace(/\s/g, '')}`;
      add(p.start, m.index + m[0].length, built && !Array.isArray(built) && !m[0].includes('、') && written !== built.name && !built.aliases.includes(written) ? { ...built, aliases: [...built.aliases, written] } : built);
    }
  }
  // 政协绵阳市第八届委员会第三次会议 / 政协第十二届拉萨市委员会… / 中国人民政治协商会议上海市第十四届委员会…:
  // the place is inside the name.
  if (text.includes('届委员会第') || text.includes('市委员会第') || text.includes('县委员会第') || text.includes('区委员会第')) {
    for (const m of text.matchAll(new RegExp(`(?:中国人民政治协商会议|政协)(?:([\\p{Script=Han}]{2,8}?)第(${N})届|第(${N})届([\\p{Script=Han}]{2,8}?))委员会第(${N})次会议(?:第(${N})次全体会议|(预备会议?))?`, 'gu'))) {
      const prefix = m[0].startsWith('中国人民政治协商会议') ? 10 : 2;
      const placeAt = m[1] ? m.index! + prefix : m.index! + prefix + 1 + m[3].length + 1;
      const p = places.get(placeAt);
      if (!p) continue;
      const built = cppcc(p.place.name, cn(m[2] ?? m[3]), cn(m[5]), m[6] ? cn(m[6]) : undefined);
      add(m.index!, m.index! + m[0].length, m[7] ? { name: `${built.name}预备会议`, aliases: built.aliases.map((a) => `${a}预备会议`).concat(`${built.name}预备会`) } : built);
    }
  }
  // 政协掇刀区五届一次会议: the place between 政协 and the term.
  if (text.includes('政协')) for (const m of text.matchAll(new RegExp(`政协([\\p{Script=Han}]{2,8}?)(${N})届(${N})次会议(?:第(${N})次全体会议)?`, 'gu'))) {
    const p = places.get(m.index! + 2);
    if (!p || p.end !== m.index! + 2 + m[1].length) continue;
    add(m.index!, m.index! + m[0].length, withParentForms(cppcc(p.place.name, cn(m[2]), cn(m[3]), m[4] ? cn(m[4]) : undefined), p.place));
  }
  namedConferences(doc, places, add, found);
  // 二十届二中、三中全会: one plenum per ordinal.
  if (text.includes('中全会') || text.includes('中、')) for (const m of text.matchAll(new RegExp(`(?:党的|中共)?(${N})届((?:${N}中、?)+)全会`, 'gu'))) {
    const term = cn(m[1]);
    for (const ord of m[2].split('、').map((s) => s.replace(/中$/, '')).filter(Boolean)) {
      const n = cn(ord);
      add(m.index!, m.index! + m[0].length, {
        name: `中国共产党第${term}届中央委员会第${n}次全体会议`,
        aliases: [`党的${term}届${n}中全会`, `${term}届${n}中全会`, `中共${term}届${n}中全会`],
      });
    }
  }
  // 中央及省委经济工作会议: the central conference is named by ellipsis.
  if (text.includes('省委')) for (const m of text.matchAll(/中央[及和与]省委([\p{Script=Han}]{2,4})工作会议/gu)) {
    add(m.index!, m.index! + m[0].length, { name: `中央${m[1]}工作会议`, aliases: [] });
  }
  // X举行第二次全体会议: the plenary of the session just named.
  // 某届人大某次会议第一次全体会议 / …会议(日期)举行第二次全体会议: the plenary of the session just named,
  // for a legislature's session as for a CPPCC's.
  for (const m of found.slice()) {
    const after = /^(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午)?(?:在[^,。]{1,12})?(?:举行|召开)?第([一二三四五六七八九十\d]+)次全体会议/.exec(text.slice(m.end, m.end + 30));
    const meeting = doc.get(m.id);
    if (after && meeting && /(政协.+|人民代表大会第.+)次会议$/.test(meeting.name)) {
      add(m.start, m.end + after[0].length, { name: `${meeting.name}第${cn(after[1])}次全体会议`, aliases: meeting.aliases.map((a) => `${a}第${cn(after[1])}次全体会议`) });
    }
    // …第二次会议预备会议 / …第二次会议主席团(昨日下午)举行第一次会议: the session's preparatory meeting and
    // its presidium's meetings, named with the session.
    const part = /^(?:(大会)?预备会议|主席团(?:\d{1,2}日|昨日|今日|今天|当天)?(?:上午|下午|晚上?)?(?:举行|召开)?第([一二三四五六七八九十\d]+)次会议)/.exec(text.slice(m.end, m.end + 24));
    if (part && meeting && /(政协.+|人民代表大会第.+)次会议$/.test(meeting.name)) {
      const suffix = part[2] ? `主席团第${cn(part[2])}次会议` : '预备会议';
      add(m.start, m.end + part[0].length, { name: `${meeting.name}${suffix}`, aliases: meeting.aliases.map((a) => `${a}${suffix}`) });
    }
  }
  // 会议首先举行第一次全体会议 / 第二次全体会议表决通过…: a plenary named on its own, later in the report, is one of
  // the session named last before it (a congress's, a CPPCC's or a standing committee's).
  // (…常务主席、第一次全体会议执行主席A、B就座: a plenary named by the title of those who chair it.)
  if (text.includes('次全体会议')) for (const m of text.matchAll(new RegExp(`(?:(?:^|[。\n;])(?:会议|大会)?(?:首先|随后|接着|还)?(?:举行|召开)?(?:了)?第(${N})次全体会议|第(${N})次全体会议(?=执行主席))`, 'gmu'))) {
    const at = m.index! + m[0].length;
    if (found.some((f) => f.end === at)) continue;
    const session = found.filter((f) => f.end <= m.index! + 1).map((f) => ({ f, meeting: doc.get(f.id) }))
      .filter((x) => x.meeting && /(政协.+|人民代表大会第.+|人民代表大会常务委员会第.+)次会议$/.test(x.meeting.name)).pop();
    if (!session) continue;
    const n = cn(m[1] ?? m[2]);
    const start = at - m[0].length + m[0].search(/第/);
    const before = found.length;
    add(start, at, { name: `${session.meeting!.name}第${n}次全体会议`, aliases: session.meeting!.aliases.map((a) => `${a}第${n}次全体会议`) });
    for (let k = before; k < found.length; k++) Object.assign(found[k], { detached: true, byChairTitle: m[2] !== undefined });
  }
  meetingVenues(doc, places, found);
  return found.sort((a, b) => a.start - b.start);
}

// …会议(1月26日上午)在兰州开幕 / 在房县召开: the place a meeting is held in, when the text names a city or county
// (a hall or a centre is a venue, not a place).
const HELD_IN = /^(?:\d{1,2}月)?(?:\d{1,2}日)?(?:上午|下午|晚)?在/;
function meetingVenues(doc: DocBuilder, places: PlaceIndex, meetings: MeetingMatch[]): void {
  const text = doc.text;
  for (const m of meetings) {
    const held = HELD_IN.exec(text.slice(m.end, m.end + 12));
    if (!held) continue;
    const at = m.end + held[0].length;
    const p = places.get(at);
    if (!p || !['city', 'county', 'province'].includes(p.place.level)) continue;
    if (!/^[\p{Script=Han}]{0,8}?(开幕|召开|举行|闭幕|开班)/u.test(text.slice(p.end, p.end + 12))) continue;
    const placeId = doc.mention('Place', p.place.name, at, p.end, { level: p.place.level, code: p.place.code, surfaceIsAlias: false });
    doc.relate('LOCATED_IN', m.id, placeId, m.start, p.end);
  }
}

/** The meeting the document reports on: named early, as the subject of 举行/开幕/召开, or as 在…上;
 * in a work report (我代表…向大会报告工作), the people's congress session it names. */
export function mainMeeting(doc: DocBuilder, meetings: MeetingMatch[]): MeetingMatch | undefined {
  return reportedMeeting(doc, meetings) ?? (WORK_REPORT.test(doc.text) ? meetings.find((m) => /人民代表大会第.+次会议$/.test(doc.get(m.id)!.name)) : undefined);
}
const WORK_REPORT = /我代表[^,。]{2,20}[,]?(?:向大会|向会议)/;

function reportedMeeting(doc: DocBuilder, meetings: MeetingMatch[]): MeetingMatch | undefined {
  const text = doc.text;
  const early = meetings.filter((m) => !m.detached && m.start < Math.max(800, text.length / 10));
  const scored = early.map((m) => {
    // A date or time may stand between the name and its verb (…会议1月14日上午在某地隆重开幕).
    // (…圆满完成各项议程后,在某地闭幕: a clause of what was done first may stand there too.)
    const after = text.slice(m.end, m.end + 40).replace(/^于?(\d{4}年)?(\d{1,2}月|本月|今年\d{1,2}月)?(\d{1,2}日|[一二三四五六七八九十]{1,3}日)?(上午|下午|晚|晚上)?/, '')
      .replace(/^[\p{Script=Han}]{2,14}(?:后|之后),/u, '');
    const before = text.slice(Math.max(0, m.start - 2), m.start);
    const name = doc.get(m.id)!.name;
    let score = 0;
    if (/^(在[\p{Script=Han}]{0,14})?(隆重|顺利|胜利)?(举行|开幕|召开|闭幕|结束|在.{0,10}(开幕|召开|举行|闭幕))/u.test(after)) score += 2;
    if (/全体会议$/.test(name) && early.some((o) => o.start === m.start && o.end < m.end)) score += 2;
    if (/在$/.test(before) && /^上/.test(after)) score += 2;
    // 某某主持召开X / 今天召开X: the meeting the news reports on, named after its verb.
    // (主持召开县政府党组会议暨X: a joint meeting named first stands between the verb and X.)
    const lead = text.slice(Math.max(0, m.start - 24), m.start).replace(/(召开|举行|主持|出席|参加)了?[\p{Script=Han}]{2,16}会议暨[省市县区州旗盟]?$/u, '$1');
    if (/(召开|举行)了?$/.test(lead) && /^[。,\n]/.test(after)) score += 2;
    // 某某出席X并讲话 / 主持X: a meeting someone attends or presides over in the news is the one it reports.
    if (/(出席|参加|主持)了?$/.test(lead)) score += 2;
    // A session's plenary (…第三次会议第一次全体会议) is the narrower, reported part of it.
    if (/次会议第.+次全体会议$/.test(name)) score += 1;
    // 县十五届人大常委会召开第36次会议: the verb inside the name's span.
    if (/召开|举行/.test(text.slice(m.start, m.end))) score += 2;
    // 迎接党的十八大胜利召开 / 贯彻…精神: another meeting, looked forward to or quoted.
    if (/(迎接|庆祝|学习|贯彻|落实|按照|根据)/.test(text.slice(Math.max(0, m.start - 8), m.start)) || /(是|为)$/.test(before)) score -= 3;
    // The session's plenary held in it (X举行第二次全体会议) is the meeting reported on.
    const plenary = early.find((o) => o !== m && o.start === m.start && doc.get(o.id)!.name.startsWith(name) && /全体会议$/.test(doc.get(o.id)!.name));
    if (plenary) score -= 1;
    return { m, score };
  }).filter((x) => x.score >= 2);
  scored.sort((a, b) => b.score - a.score || a.m.start - b.m.start);
  return scored[0]?.m;
}

// (…会议\n在区会议中心\n开 幕: a title block breaks the verb off and spaces it.)
const HELD_AFTER = /^(?:在[\p{Script=Han}]{0,14}|[^,。]{0,6}?)(举行|召开|开幕|闭幕|隆重|顺利|胜利)/u;
const ATTEND = /出席|就座|就坐|列席|参加审议|参加会议|参加(?=[。;,]|$)|到会|到场祝贺|到场指导/;
const SPOKE_AFTER = /(讲话|致辞|发言|作[^,。]{0,30}报告|报告[^,。]{0,8}工作|向大会[^,。]{0,30}报告)/;
const QUOTED_SPEECH = /讲话精神|重要讲话|重要指示|批示|系列讲话/;
const EACH_SPOKE = /(分别|先后|依次)(作了?|进行了?)?(交流)?发言/;

/** The person a report opens with (its signature: 某某省长 赵某), if the text opens with one. */
function firstOfficial(persons: PersonSpan[]): PersonSpan | undefined {
  const first = persons[0];
  return first && first.start < 200 ? first : undefined;
}
const SPEAK = /^(在[^,。]{0,12})?(表示|指出|强调|讲话|说)/;

/** PRESIDES, ATTENDS, ADDRESSES towards the document's main meeting. */
export function extractMeetingRoles(doc: DocBuilder, main: MeetingMatch, persons: PersonSpan[], meetings: MeetingMatch[] = [main]): void {
  const text = doc.text;
  const personId = (p: PersonSpan) => `Person:${p.name}`;
  const mainName = doc.get(main.id)!.name;
  // The session and its plenaries are one family: a sentence that names one of them speaks of that one.
  // (The family of the session: its plenaries, its preparatory meeting and its presidium's meetings.)
  const root = meetings.map((m) => doc.get(m.id)!.name).filter((n) => mainName.startsWith(n)).sort((a, b) => a.length - b.length)[0] ?? mainName;
  const family = meetings.filter((m) => doc.get(m.id)!.name.startsWith(root));
  // A sentence that names no meeting speaks of the one the text last opened: the session until a plenary is
  // held (大会举行第二次全体会议。…在主席台就座), the session again at its closing (大会举行闭幕会。).
  const session = family.filter((m) => !/全体会议$/.test(doc.get(m.id)!.name)).sort((a, b) => doc.get(a.id)!.name.length - doc.get(b.id)!.name.length)[0];
  let current = main;
  for (const s of doc.sentences) {
    const sentence = text.slice(s.start, s.end);
    // (A plenary and its session start at the same place: the plenary, the more specific, is meant.)
    const named = family.filter((m) => m.start >= s.start && m.start < s.end).sort((a, b) => a.start - b.start || b.end - a.end);
    // (A sentence that names a plenary is about it: 某会议举行第二次全体会议.)
    const held = named.find((m) => m.id !== session?.id && !m.byChairTitle) ?? named.find((m) => HELD_AFTER.test(text.slice(m.end, m.end + 30).replace(/\s+/g, '')));
    if (held) current = held;
    else if (session && !named.length && /(闭幕会|闭幕式|开幕会|开幕式)/.test(sentence)) current = session;
    const meeting = named[0] ?? current;
    // 我代表某某人民政府向大会报告工作: the report's author, who signs it above this sentence (the person
    // named last before it who holds a post).
    const own = /^(?:现在,)?我代表[^,。]{2,20}[,]?(向大会|向会议)[^,。]{0,10}(报告|作)[^,。]{0,12}工作/.exec(sentence);
    const author = own ? persons.filter((p) => p.end <= s.start && doc.relationTargets(`Person:${p.name}`, 'HOLDS_POSITION').length).pop() ?? firstOfficial(persons) : undefined;
    if (own && author) doc.relate('ADDRESSES', personId(author), meeting.id, s.start, s.start + own[0].length, { title: '政府工作报告' });
    const inside = persons.filter((p) => p.start >= s.start && p.end <= s.end);
    if (!inside.length) continue;
    if (ATTEND.test(sentence)) {
      for (const p of inside) doc.relate('ATTENDS', personId(p), meeting.id, p.start, p.end);
      if (meeting.byChairTitle && current.id !== meeting.id) for (const p of inside) doc.relate('ATTENDS', personId(p), current.id, p.start, p.end);
    }
    for (const m of sentence.matchAll(/主持(会议|大会)?/g)) {
      const at = s.start + m.index!;
      if (/^主持[^,。\s]{0,10}工作(?!报告)/.test(text.slice(at, at + 14))) continue;
      // 某某主持 / 某某同志主持 / A、B分别主持 / A和B共同主持: everyone named just before the verb.
      const between = (p: PersonSpan) => text.slice(p.end, at);
      // (由关却主席主持: a title may stand between the name and the verb.)
      const subject = [...inside].reverse().find((p) => p.end <= at && /^(同志|[\p{Script=Han}]{0,3}(?:主席|书记|主任|省长|市长|县长|区长|州长|旗长|盟长|秘书长|部长|局长))?(分别|共同)?$/u.test(between(p)));
      if (subject) doc.relate('PRESIDES', personId(subject), meeting.id, subject.start, at + m[0].length);
      if (subject && /(分别|共同)$/.test(text.slice(subject.end, at))) {
        for (const p of inside) if (p !== subject && p.end < subject.start && subject.start - p.end <= 8 && /^[、和及与]$/.test(text.slice(p.end, p.end + 1))) doc.relate('PRESIDES', personId(p), meeting.id, p.start, at + m[0].length);
      }
    }
    for (const m of sentence.matchAll(/作(?:了)?(?:的)?(?:题为)?(《[^》]+》)?的?(关于[^,。;《》]{2,40}?的)?([\p{Script=Han}]{0,8}报告|发言|讲话)/gu)) {
      const at = s.start + m.index!;
      const subject = [...inside].reverse().find((p) => p.end <= at && at - p.end <= 24);
      if (!subject) continue;
      // The title: the speech's own in 《》, or the report as it is named (政府工作报告, 关于…的报告).
      const named = (m[2] ?? '') + m[3];
      const title = m[1] ? m[1].slice(1, -1) : /报告$/.test(m[3]) && named.length > 2 ? named : undefined;
      doc.relate('ADDRESSES', personId(subject), meeting.id, subject.start, at + m[0].length, title ? { title } : {});
    }
    for (const p of inside) {
      if (SPEAK.test(text.slice(p.end, p.end + 16)) && (p.start === s.start || /[,:\s]/.test(text[p.start - 1] ?? ''))) {
        doc.relate('ADDRESSES', personId(p), meeting.id, p.start, p.end + 2);
      }
    }
    // 某某应邀出席并讲话 / 某某向大会报告工作: the speech follows the person within the clause.
    for (let k = 0; k < inside.length; k++) {
      const p = inside[k];
      const until = Math.min(k + 1 < inside.length ? inside[k + 1].start : s.end, p.end + 40);
      // 某某代表…常务委员会,向大会报告工作: the clause of whom he speaks for leads to the one of what he does.
      const clauses = text.slice(p.end, until).split(/[,。;]/);
      const clause = /^代表/.test(clauses[0]) && clauses.length > 1 ? `${clauses[0]},${clauses[1]}` : clauses[0];
      // 某某总书记重要讲话精神 quotes a speech given elsewhere.
      const spoke = QUOTED_SPEECH.test(clause) ? null : SPOKE_AFTER.exec(clause);
      if (spoke) doc.relate('ADDRESSES', personId(p), meeting.id, p.start, p.end + clause.length, /报告/.test(spoke[0]) && /政府工作|报告政府/.test(spoke[0]) ? { title: '政府工作报告' } : {});
    }
    // A, B, C等17位委员分别作了发言: everyone listed before the shared verb.
    const each = EACH_SPOKE.exec(sentence);
    if (each) for (const p of inside) if (p.end <= s.start + each.index) doc.relate('ADDRESSES', personId(p), meeting.id, p.start, s.start + each.index + each[0].length);
  }
}
