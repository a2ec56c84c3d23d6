// Organisations: bodies named by a place reference plus a fixed core (市委, 临汾市政协, 县人民政府,
// 市发改委), democratic parties' local committees (民革临汾市委), national organs (国务院, 全国政协…)
// and institutions with a proper name (…大学, …医院, …晚报). Each resolves to a canonical,
// place-qualified name: an unqualified 市政府 in a 临汾 text is 临汾市人民政府.
import type { DocBuilder, PlaceRef } from '../doc.js';
import { lazy, lexiconLines, lexiconRows, longestFirst, splitList } from '../lexicon.js';
import { charSet, isHanCode } from '../text.js';

export interface OrgMatch {
  start: number;
  end: number;
  name: string;
  aliases: string[];
  /** The place the body belongs to (LOCATED_IN), when its name carries one. */
  place?: PlaceRef;
  /** A Party committee: its departments (统战部) may follow. */
  partyCommittee?: boolean;
}

interface Core { core: string; canonical: string; aliases: string[] }

const fill = (template: string, place: string) => template.replaceAll('{P}', place);

const cores = lazy(() => {
  const list: Core[] = lexiconRows('org-cores.tsv', 3).map(([core, canonical, aliases]) => ({ core, canonical, aliases: splitList(aliases) }));
  for (const [full, shorts] of lexiconRows('departments.txt', 2)) {
    const forms = [full, ...splitList(shorts)];
    for (const form of forms) {
      list.push({ core: form, canonical: `{P}${full}`, aliases: forms.filter((f) => f !== full).map((f) => `{P}${f}`) });
      // Provinces name their departments 厅 where cities say 局.
      if (form.endsWith('局')) list.push({ core: form.slice(0, -1) + '厅', canonical: `{P}${full.slice(0, -1)}厅`, aliases: [] });
    }
  }
  return list.sort((a, b) => b.core.length - a.core.length);
});

const departmentsByForm = lazy(() => {
  const map = new Map<string, Core>();
  for (const c of cores()) if (c.canonical.startsWith('{P}') && !map.has(c.core)) map.set(c.core, c);
  return map;
});
/** A department or organ written without its place (公安局 of 公安局长), as the body of `place`. */
export function bareDepartment(form: string, place: PlaceRef): { name: string; aliases: string[]; place: PlaceRef } | undefined {
  const core = departmentsByForm().get(form);
  if (!core) return undefined;
  return { name: fill(core.canonical, place.name), aliases: core.aliases.map((a) => fill(a, place.name)), place };
}

const coresByFirstChar = lazy(() => {
  const map = new Map<string, Core[]>();
  for (const c of cores()) map.set(c.core[0], [...(map.get(c.core[0]) ?? []), c]);
  return map;
});
const partySubunits = lazy(() => lexiconRows('party-subunits.txt', 2).map(([short, full]) => ({ short, full })));
const SUBUNIT_TITLE = /^(常务副部长|副部长|部长|副书记|书记|常务副主任|副主任|主任|常务副校长|副校长|校长)$/;
/** A post in a Party committee's department written without the committee (政法委书记, 统战部长, 宣传部副部长):
 * the department as the committee names it (short form, full form) and the title. */
export function partySubunitPost(item: string): { unit: string; full?: string; title: string } | undefined {
  for (const u of partySubunits()) {
    for (const form of [u.short, u.full].filter(Boolean)) {
      if (!item.startsWith(form)) continue;
      const rest = item.slice(form.length);
      if (SUBUNIT_TITLE.test(rest)) return { unit: u.short, full: u.full || undefined, title: rest };
    }
    // 统战部长, 宣传副部长: the department's 部 doubles as the title's.
    const stem = u.short.endsWith('部') ? u.short.slice(0, -1) : undefined;
    const rest = stem && item.startsWith(stem) ? item.slice(stem.length) : '';
    if (/^(常务)?(副)?部长$/.test(rest)) return { unit: u.short, full: u.full || undefined, title: rest.replace(/^(常务)?(副)?部长$/, '$1$2部长') };
  }
  return undefined;
}
const democraticParties = lazy(() => lexiconRows('democratic-parties.tsv', 2).map(([short, full]) => ({ short, full })));
const nationalOrgs = lazy(() => {
  const forms: { form: string; canonical: string; aliases: string[] }[] = [];
  for (const [canonical, others] of lexiconRows('national-organizations.tsv', 2)) {
    const aliases = splitList(others);
    for (const form of [canonical, ...aliases]) forms.push({ form, canonical, aliases });
  }
  return forms.sort((a, b) => b.form.length - a.form.length);
});
const institutionSuffixes = lazy(() => longestFirst(lexiconLines('institution-suffixes.txt').map((l) => l.trim())));

// A bare 市/省/县/区 stands for the document's own place only at the start of a word: these
// characters before it make it part of another word (全市, 超市, 上市, 县市 …).
const NOT_BEFORE_BARE_LEVEL = new Set([...'全各城都省县门超上股楼夜集街该本外跨分辖州地区乡镇']);

/** The place a reference at `pos` names, and where the reference ends. */
export function placeRefAt(doc: DocBuilder, pos: number, placeAt: Map<number, { end: number; place: PlaceRef }>):
  { end: number; place: PlaceRef; explicit: boolean } | undefined {
  const explicit = placeAt.get(pos);
  if (explicit) return { end: explicit.end, place: explicit.place, explicit: true };
  const ch = doc.text[pos];
  const before = doc.text[pos - 1];
  // (省市委: the city's committee after the province's, named by ellipsis.)
  if (before && NOT_BEFORE_BARE_LEVEL.has(before) && !(before === '省' && /^市(委|政府)/.test(doc.text.slice(pos, pos + 3)))) return undefined;
  const level = ch === '自' && doc.text.startsWith('自治区', pos) ? '自治区' : ch;
  const place = ownPlaceOfLevel(doc, level);
  return place ? { end: pos + level.length, place, explicit: false } : undefined;
}

/** The document's own place that a bare level word stands for (市 in 市委 or 全市, 省, 县, 区, 自治区, 州, 盟, 旗). */
export function ownPlaceOfLevel(doc: DocBuilder, level: string): PlaceRef | undefined {
  if (doc.places.placeholder) return undefined;
  const { province, city, county } = doc.places;
  // A county-level city's own text calls its own bodies 市委, 市政府.
  if (level === '市') return (county?.name.endsWith('市') ? county : undefined) ?? city ?? (province && province.name.endsWith('市') ? province : undefined);
  if (level === '省') return province?.name.endsWith('省') ? province : undefined;
  // Autonomous regions, prefectures, leagues and banners name their own bodies the same way
  // (自治区政府, 州委, 盟行署, 旗人民政府).
  if (level === '自治区') return province?.name.endsWith('自治区') ? province : undefined;
  if (level === '州') return city?.name.endsWith('州') && !city.name.endsWith('州市') ? city : undefined;
  if (level === '盟') return city?.name.endsWith('盟') ? city : undefined;
  if (level === '县' || level === '区' || level === '旗') return county?.name.endsWith(level) ? county : undefined;
  return undefined;
}

function startsWith(text: string, pos: number, word: string): boolean {
  return text.startsWith(word, pos);
}

/** An organisation starting exactly at `pos`, longest reading. */
export function orgAt(doc: DocBuilder, pos: number, placeAt: Map<number, { end: number; place: PlaceRef }>): OrgMatch | undefined {
  const text = doc.text;
  // 中共 / 中国共产党 before a place: the Party committee and its organs.
  for (const prefix of ['中国共产党', '中共']) {
    if (startsWith(text, pos, prefix)) {
      const inner = placeQualified(doc, pos + prefix.length, placeAt);
      if (inner?.partyCommittee) return { ...inner, start: pos };
    }
  }
  // 政协临汾市委员会 / 中国人民政治协商会议临汾市委员会: the CPPCC's long form.
  for (const prefix of ['中国人民政治协商会议', '政协']) {
    if (startsWith(text, pos, prefix)) {
      // 政协第十届某县委员会: the term may stand before the place.
      const termFirst = /^第[一二三四五六七八九十\d]+届/.exec(text.slice(pos + prefix.length, pos + prefix.length + 8));
      const ref = placeRefAt(doc, pos + prefix.length + (termFirst ? termFirst[0].length : 0), placeAt);
      // 政协某市第十四届委员会 names the same body; a 常务委员会 after it is its standing committee,
      // unless a session follows (…委员会第三次会议 is a meeting, which the meetings stage reads).
      const term = ref && !termFirst ? /^第[一二三四五六七八九十\d]+届/.exec(text.slice(ref.end, ref.end + 8)) : null;
      const at = ref ? ref.end + (term ? term[0].length : 0) : -1;
      if (ref && ref.explicit && startsWith(text, at, '委员会') && !/^第[一二三四五六七八九十\d]+次/.test(text.slice(at + 3, at + 8))) {
        const p = ref.place.name;
        if (startsWith(text, at + 3, '常务委员会') || startsWith(text, at + 3, '常委会')) {
          const len = startsWith(text, at + 3, '常务委员会') ? 5 : 3;
          return { start: pos, end: at + 3 + len, name: `${p}政协常委会`, aliases: [`${p}政协常务委员会`, `政协${p}委员会常务委员会`], place: ref.place };
        }
        return { start: pos, end: at + 3, name: `${p}政协`, aliases: [`政协${p}委员会`, `中国人民政治协商会议${p}委员会`], place: ref.place };
      }
    }
  }
  for (const party of democraticParties()) {
    if (text[pos] !== party.short[0] && text[pos] !== party.full[0]) continue;
    if (startsWith(text, pos, party.short) || startsWith(text, pos, party.full)) {
      const after = pos + (startsWith(text, pos, party.full) && party.full !== party.short ? party.full.length : party.short.length);
      const ref = placeRefAt(doc, after, placeAt);
      if (!ref) continue;
      const tail = startsWith(text, ref.end, '委员会') ? 3 : startsWith(text, ref.end, '委') ? 1 : 0;
      if (!tail) continue;
      const p = ref.place.name;
      return { start: pos, end: ref.end + tail, name: `${party.short}${p}委`, aliases: [`${party.short}${p}委员会`, `${party.full}${p}委员会`], place: ref.place };
    }
  }
  // 武警某省总队 / 武警某市支队: the armed police corps of a place.
  if (startsWith(text, pos, '武警')) {
    const ref = placeRefAt(doc, pos + 2, placeAt);
    const unit = ref && /^(总队|支队|大队)/.exec(text.slice(ref.end, ref.end + 2));
    if (ref && ref.explicit && unit) return { start: pos, end: ref.end + 2, name: text.slice(pos, ref.end + 2), aliases: [`中国人民武装警察部队${text.slice(pos + 2, ref.end + 2)}`], place: ref.place };
  }
  if (startsWith(text, pos, '共青团')) {
    const ref = placeRefAt(doc, pos + 3, placeAt);
    if (ref && (startsWith(text, ref.end, '委员会') || startsWith(text, ref.end, '委'))) {
      const p = ref.place.name;
      return { start: pos, end: ref.end + (startsWith(text, ref.end, '委员会') ? 3 : 1), name: `共青团${p}委`, aliases: [`共青团${p}委员会`, `${p}团委`], place: ref.place };
    }
  }
  if (startsWith(text, pos, '团') && /^(市|县|省|区|州|旗)委/.test(text.slice(pos + 1, pos + 3))) {
    const ref = placeRefAt(doc, pos + 1, placeAt);
    if (ref) {
      const p = ref.place.name;
      return { start: pos, end: pos + 3, name: `共青团${p}委`, aliases: [`共青团${p}委员会`], place: ref.place };
    }
  }
  const national = nationalOrgAt(text, pos);
  if (national) return withSubcommittee(text, national);
  const qualified = placeQualified(doc, pos, placeAt);
  return qualified ? withSubcommittee(text, qualified) : undefined;
}

const nationalByFirstChar = lazy(() => {
  const map = new Map<string, ReturnType<typeof nationalOrgs>>();
  for (const n of nationalOrgs()) map.set(n.form[0], [...(map.get(n.form[0]) ?? []), n]);
  return map;
});

function nationalOrgAt(text: string, pos: number): OrgMatch | undefined {
  for (const n of nationalByFirstChar().get(text[pos]) ?? []) {
    if (!startsWith(text, pos, n.form)) continue;
    // 中央 alone is too loose a word: only as 党中央/中共中央 (listed) or when a known organ follows.
    if (n.form === '中央') continue;
    return { start: pos, end: pos + n.form.length, name: n.canonical, aliases: n.aliases };
  }
  return undefined;
}

// A standing committee of a legislature or CPPCC (全国政协文化文史和学习委员会): the body's name
// followed by a name ending in 委员会.
function withSubcommittee(text: string, org: OrgMatch): OrgMatch {
  if (!/(政协|人大|人大常委会|人民代表大会)$/.test(org.name)) return org;
  const m = /^[\p{Script=Han}]{2,14}?委员会/u.exec(text.slice(org.end, org.end + 17));
  // 县政协第十届委员会 is the body itself in its term, not a committee of it.
  if (!m || m[0].startsWith('委员') && m[0].length <= 3 || /^第?[一二三四五六七八九十\d]+届委员会$/u.test(m[0])) return org;
  const sub = m[0];
  return { ...org, end: org.end + sub.length, name: org.name + sub, aliases: org.aliases.map((a) => a + sub), partyCommittee: false };
}

/** 新区党工委副书记、管委会主任: a bare 管委会 at `pos` after a zone's 党工委 is that zone's 管委会. */
export function zoneSibling<T extends { name: string; aliases: string[] }>(prev: T | undefined, text: string, pos: number): (T & { start: number; end: number }) | undefined {
  if (!prev || !/党工委$/.test(prev.name) || !text.startsWith('管委会', pos)) return undefined;
  return { ...prev, name: prev.name.replace(/党工委$/, '管委会'), aliases: [], start: pos, end: pos + 3 };
}

/** The organ of `m` named right after it (省委第一巡视组, 市政府信访办公室), if any. */
export function withSubOrgan(text: string, m: OrgMatch): OrgMatch | undefined {
  const sub = SUB_ORGAN.exec(text.slice(m.end, m.end + 12)) ?? (m.name.endsWith('人民政府') ? GOVERNMENT_OFFICE.exec(text.slice(m.end, m.end + 9)) : null);
  if (!sub) return undefined;
  return { ...m, end: m.end + sub[0].length, name: m.name + sub[0], aliases: m.aliases.map((a) => a + sub[0]), partyCommittee: false };
}
// 市政府信访办公室, 省政府金融工作办公室: an office a government names after itself.
const GOVERNMENT_OFFICE = /^(?![^办]*[的和与及在是为对各全等了将把被从以其这该要个年月日届第])[\p{Script=Han}]{2,6}?办公室/u;
const SUB_ORGAN = /^(?:第[一二三四五六七八九十]+巡[视察]组|巡[视察]组|巡[视察]工作领导小组|驻外办事处|办公厅|研究室)/;

// The governing bodies of a zone or a street (某某新区党工委, 某某经济开发区管理委员会, 中共某某街道工委):
// the zone's name runs back to the place it opens with.
const ZONE_BODY = /(新区|开发区|高新区|经开区|园区|试验区|示范区|街道)(党工委|管委会|管理委员会|工委)/g;
const LEVEL_DEPTH: Record<string, number> = { country: 0, province: 1, city: 2, county: 3, town: 4, village: 5 };
function zoneBodies(text: string, placeAt: Map<number, { end: number; place: PlaceRef }>): OrgMatch[] {
  const found: OrgMatch[] = [];
  if (!text.includes('委')) return found;
  for (const m of text.matchAll(ZONE_BODY)) {
    let start = -1;
    for (let b = Math.max(0, m.index! - 12); b <= m.index! && start < 0; b++) {
      if (placeAt.has(b) && !/[,。;:、\n ]/.test(text.slice(b, m.index!))) start = b;
    }
    if (start < 0) continue;
    if (text.startsWith('中共', start - 2)) start -= 2;
    const end = m.index! + m[0].length;
    const name = text.slice(start, end);
    const zone = name.replace(/^中共/, '').slice(0, -m[2].length);
    const aliases = m[2] === '管委会' ? [`${zone}管理委员会`] : m[2] === '管理委员会' ? [`${zone}管委会`] : name.startsWith('中共') ? [name.slice(2)] : [`中共${name}`];
    // The lowest place the zone's name holds (福建省福州新区 → 福州市).
    let place: PlaceRef | undefined;
    for (let i = start; i < m.index!; i++) {
      const p = placeAt.get(i);
      if (p && p.end <= end) { if (!place || LEVEL_DEPTH[p.place.level] > LEVEL_DEPTH[place.level]) place = p.place; i = p.end - 1; }
    }
    found.push({ start, end, name, aliases, place });
  }
  return found;
}

// 人大附中 is a school (中国人民大学附属中学), not the legislature.
// (福建人大网, 某市政府网: an outlet named after the body is the outlet, read as one.)
const VENUE_AFTER_BODY = /^(会堂|大厦|宾馆|饭店|酒店|礼堂|广场|附中|附小|附属|网(?![格络点])|新闻网)/;

function placeQualified(doc: DocBuilder, pos: number, placeAt: Map<number, { end: number; place: PlaceRef }>): OrgMatch | undefined {
  const ref = placeRefAt(doc, pos, placeAt);
  if (!ref) return undefined;
  const text = doc.text;
  const p = ref.place.name;
  // 省市委 / 省、市委 / 省市政府: the province's body named by ellipsis before the city's.
  const elided = !ref.explicit && text[pos] === '省' ? /^、?市(委|政府)/.exec(text.slice(ref.end, ref.end + 4)) : null;
  if (elided) {
    return elided[1] === '委'
      ? { start: pos, end: ref.end, name: `中共${p}委`, aliases: [`${p}委`, `中共${p}委员会`, `中国共产党${p}委员会`], place: ref.place, partyCommittee: true }
      : { start: pos, end: ref.end, name: `${p}人民政府`, aliases: [`${p}政府`], place: ref.place };
  }
  // 省十四届人大 / 市五届政协: a term number between the place and the legislature or CPPCC.
  const term = /^第?[一二三四五六七八九十\d]+届(?=人大|人民代表大会|政协)/.exec(text.slice(ref.end, ref.end + 8));
  const coreStart = ref.end + (term ? term[0].length : 0);
  for (const c of coresByFirstChar().get(text[coreStart]) ?? []) {
    if (!startsWith(text, coreStart, c.core)) continue;
    let end = coreStart + c.core.length;
    // 省人大会堂, 市政府广场: a building named after the body is a venue, not the body.
    if (VENUE_AFTER_BODY.test(text.slice(end, end + 2))) continue;
    // 市十六届人大四次会议 names a session (the meetings stage reads it), not the legislature as a body.
    // (A shorter core is no fallback: 省十届人大|常委会第三十一次会议 names no legislature either.)
    if (term && /^第?[一二三四五六七八九十\d]+次/.test(text.slice(end, end + 5))) return undefined;
    let name = fill(c.canonical, p);
    let aliases = c.aliases.map((a) => fill(a, p));
    const isCommittee = name === `中共${p}委`;
    if (isCommittee) {
      // 委员 after 市委 is a title (市政协委员 is handled by its own core), not 委员会.
      if (c.core === '委员会' && !ref.explicit) continue;
      for (const unit of partySubunits()) {
        if (startsWith(text, end, unit.short) || (unit.full && startsWith(text, end, unit.full))) {
          const used = startsWith(text, end, unit.short) ? unit.short : unit.full;
          end += used.length;
          aliases = [`${p}委${unit.short}`, ...(unit.full ? [`中共${p}委${unit.full}`, `${p}委${unit.full}`] : [])];
          name = `中共${p}委${unit.short}`;
          return { start: pos, end, name, aliases, place: ref.place };
        }
      }
    }
    return { start: pos, end, name, aliases, place: ref.place, partyCommittee: isCommittee };
  }
  // A body named by its place and what it does, in no list (某市投资促进局, 某县乡村振兴局): the place, a short
  // stem of plain words, an organ's ending.
  // A bare 市/州 must open a word (not the 州 of 副州长兼州公安局…).
  const before = text[pos - 1] ?? '';
  const opensWord = ref.explicit || !isHanCode(before.charCodeAt(0)) || '、和与及由向在对为经了'.includes(before);
  const organ = opensWord ? GENERIC_ORGAN.exec(text.slice(coreStart, coreStart + 14)) : null;
  if (organ && !NOT_IN_ORGAN_STEM.test(organ[1])) {
    return { start: pos, end: coreStart + organ[0].length, name: p + organ[0], aliases: [], place: ref.place };
  }
  return undefined;
}
const GENERIC_ORGAN = /^([\p{Script=Han}]{2,8}?)((?:工作)?领导小组(?:办公室)?|指挥部|巡视组|局|厅|委员会|办公室|服务中心|研究院|研究所|管理处|总队|支队|分局|档案馆|图书馆|博物馆)/u;
const NOT_IN_ORGAN_STEM = /[的和与及在是为对各全等了将把被从以其这该要个年月日届第]|工作|发展|建设|推进|加强|领导|书记|主任/;

// Words that end the left context of an institution's proper name (与清华大学 → 清华大学).
const INSTITUTION_LEFT_STOPS = longestFirst([
  '与', '和', '及', '同', '在', '对', '由', '把', '向', '为', '的', '了', '是', '到', '从', '等', '各', '全', '将', '让', '给',
  '引进', '托管', '支持', '推动', '加快', '建设', '发挥', '依托', '联合', '携手', '对接', '深化', '合作', '争取', '创建', '成立',
  '获批', '建成', '启用', '打造', '实施', '推进', '新建', '扩建', '改造', '提升', '完成', '开工', '筹建', '组建', '设立', '申建',
  '加强', '启动', '挖掘', '激活', '建强', '新增', '改建', '建',
]);
/** Left stops by their last UTF-16 code unit, longest first. */
const stopsByLastCode = lazy(() => {
  const table: (string[] | undefined)[] = new Array(0x10000).fill(undefined);
  for (const w of INSTITUTION_LEFT_STOPS) (table[w.charCodeAt(w.length - 1)] ??= []).push(w);
  return table;
});
/** Institution suffixes by their first UTF-16 code unit, longest first. */
const suffixesByFirstCode = lazy(() => {
  const table: (string[] | undefined)[] = new Array(0x10000).fill(undefined);
  for (const s of institutionSuffixes()) (table[s.charCodeAt(0)] ??= []).push(s);
  return table;
});
/** First characters that make a run no institution's name (/^[市省县区第]/). */
const NOT_INSTITUTION_FIRST = charSet('市省县区第');
// Proper-name parts that are generic words: 公办幼儿园, 普惠性幼儿园, 乡镇卫生院 name a kind, not a body.
const GENERIC_INSTITUTION = /^(公办|民办|民间|普惠性|乡镇|乡村|示范|社区|村级|城区|职业|各级|重点|省级|市级|县级|一批|现有|综合|专科|基层|定点|第[一二三四五六七八九十\d]+|中医|实验|书画|老年|高等|中等|中小|寄宿制|特殊教育|教育|医疗|新建)$/;

/** Institutions named by a proper name and a generic ending: 清华大学, 太原理工大学, 运城晚报. */
export function institutionsIn(doc: DocBuilder): { start: number; end: number; name: string }[] {
  const text = doc.text;
  const found: { start: number; end: number; name: string }[] = [];
  const bySuffixFirst = suffixesByFirstCode();
  const stopsByLast = stopsByLastCode();
  // Asked at every character that starts a suffix (大, 中, 学, 日 …): plain loops over code units, no substrings until a name is kept.
  for (let i = 1; i < text.length; i++) {
    const suffixes = bySuffixFirst[text.charCodeAt(i)];
    if (suffixes === undefined) continue;
    let suffix: string | undefined;
    for (let k = 0; k < suffixes.length; k++) {
      if (text.startsWith(suffixes[k], i)) { suffix = suffixes[k]; break; }
    }
    if (!suffix) continue;
    let start = i;
    // Walk left over the proper name: Han characters, and a parenthesised place (中国地质大学(武汉) is after).
    while (start > 0 && i - start < 14 && isHanCode(text.charCodeAt(start - 1))) start--;
    // Cut after the last function word or verb in the run (与清华大学 → 清华大学).
    for (let k = i - start; k > 0; k--) {
      const stops = stopsByLast[text.charCodeAt(start + k - 1)];
      if (stops === undefined) continue;
      let stop = false;
      for (let s = 0; s < stops.length && !stop; s++) stop = stops[s].length <= k && text.startsWith(stops[s], start + k - stops[s].length);
      if (stop) { start += k; break; }
    }
    if (i - start < 2 || NOT_INSTITUTION_FIRST[text.charCodeAt(start)] || GENERIC_INSTITUTION.test(text.slice(start, i))) continue;
    // 分会场, 协商会议, 集中学习: the ending runs on into another word.
    if (/[议场习]/.test(text[i + suffix.length] ?? '')) continue;
    let end = i + suffix.length;
    if (text.charCodeAt(end) === 0x28 /* ( */) {
      const paren = /^\([\p{Script=Han}]{2,4}\)/u.exec(text.slice(end, end + 6));
      if (paren) end += paren[0].length;
    }
    found.push({ start, end, name: text.slice(start, end) });
    i = end - 1;
  }
  return found;
}

// Every prefix an organisation can open with when it does not open with a place reference, by first
// character: most characters of a text start none, and orgAt is only asked where one could.
const orgPrefixes = lazy(() => {
  const map = new Map<string, string[]>();
  const add = (w: string) => map.set(w[0], [...new Set([...(map.get(w[0]) ?? []), w])]);
  for (const w of ['中国共产党', '中共', '中国人民政治协商会议', '政协', '共青团', '团市委', '团县委', '武警']) add(w);
  for (const n of nationalOrgs()) add(n.form);
  for (const p of democraticParties()) { add(p.short); add(p.full); }
  return map;
});

const orgCandidateChars = lazy(() => charSet([...'市省县区自州盟旗', ...orgPrefixes().keys()]));
/** orgPrefixes by UTF-16 code unit. */
const orgPrefixesByCode = lazy(() => {
  const table: (string[] | undefined)[] = new Array(0x10000).fill(undefined);
  for (const [ch, words] of orgPrefixes()) table[ch.charCodeAt(0)] = words;
  return table;
});
const BARE_LEVEL = charSet('市省县区自州盟旗');

/** The Party group (党组) or Party committee (党委) of a body: a body of its own (某厅党组 → 中共某厅党组). */
export function partyUnitOf(body: string, unit: '党组' | '党委'): { name: string; aliases: string[] } {
  const base = body.replace(/^中共/, '');
  return unit === '党组'
    ? { name: `中共${base}党组`, aliases: [`${base}党组`] }
    : { name: `中共${base}委员会`, aliases: [`${base}党委`, `中共${base}党委`] };
}

// The inverse, for the bodies whose Party unit a text names (中共某市人民政府党组, 中共某市公安局委员会).
const PARTY_UNIT_OF_BODY = /^中共(.+)党组$|^中共(.+(?:局|厅|院|办公室|公司|集团|中心|大学|学校|医院|总队|支队))委员会$/;

/** The body a Party group or a body's Party committee belongs to, or undefined for any other name. */
export function bodyOfPartyUnit(name: string): string | undefined {
  const m = PARTY_UNIT_OF_BODY.exec(name);
  return m ? m[1] ?? m[2] : undefined;
}

/** Every organisation mention in the document, longest first, without overlaps. */
export function findOrganizations(doc: DocBuilder, placeAt: Map<number, { end: number; place: PlaceRef }>): OrgMatch[] {
  const text = doc.text;
  const prefixes = orgPrefixesByCode();
  const candidates = orgCandidateChars();
  const placeStart = new Uint8Array(text.length + 1);
  for (const k of placeAt.keys()) placeStart[k] = 1;
  const found: OrgMatch[] = [];
  for (let i = 0; i < text.length; i++) {
    if (!placeStart[i]) {
      const c = text.charCodeAt(i);
      if (!candidates[c]) continue;
      if (!BARE_LEVEL[c]) {
        const words = prefixes[c];
        let opens = false;
        for (let k = 0; words !== undefined && k < words.length && !opens; k++) opens = text.startsWith(words[k], i);
        if (!opens) continue;
      }
    }
    const m = orgAt(doc, i, placeAt);
    if (m) { found.push(m); i = m.end - 1; }
  }
  // A Party group or committee of a body (某某厅党组, 某某局党委) is a body of its own.
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    const unit = text.startsWith('党组', m.end) ? '党组' : text.startsWith('党委', m.end) ? '党委' : undefined;
    if (!unit || m.name.endsWith('党组') || m.partyCommittee) continue;
    found[k] = { ...m, end: m.end + 2, ...partyUnitOf(m.name, unit), partyCommittee: false };
  }
  // 某市公安局西城分局: a bureau's branch in one of its districts.
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    if (!m.name.endsWith('局')) continue;
    const district = placeAt.get(m.end);
    if (!district || !text.startsWith('分局', district.end)) continue;
    const end = district.end + 2;
    // A reading that starts at the district (西城分局…) gives way to the branch.
    while (found[k + 1] && found[k + 1].start < end) found.splice(k + 1, 1);
    const written = text.slice(m.end, district.end);
    found[k] = { ...m, end, name: `${m.name}${written}分局`, aliases: [], place: district.place, partyCommittee: false };
  }
  // 省委第一巡视组, 省人大常委会办公厅, 省政府驻外办事处: an organ of the body named just before it.
  for (let k = 0; k < found.length; k++) {
    const sub = withSubOrgan(text, found[k]);
    if (sub && !(found[k + 1]?.start < sub.end)) found[k] = sub;
  }
  // 市人大及其常委会: the standing committee named by ellipsis.
  for (const m of found.slice()) {
    if (m.name.endsWith('人民代表大会') && text.startsWith('及其常委会', m.end) && m.place) {
      const p = m.place.name;
      found.push({ start: m.end + 2, end: m.end + 5, name: `${p}人大常委会`, aliases: [`${p}人民代表大会常务委员会`], place: m.place });
    }
  }
  // An outlet named once in a dateline or source line is the same outlet wherever else the page names it (某某网记者).
  const outlets = mediaOutlets(text);
  const seen = new Set(outlets.map((o) => o.start));
  for (const name of new Set(outlets.map((o) => o.name))) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (!seen.has(at) && !found.some((f) => at < f.end && at + name.length > f.start)) outlets.push({ start: at, end: at + name.length, name, aliases: [] });
    }
  }
  found.push(...outlets);
  const mask = new Uint8Array(text.length + 1);
  for (const m of found) mask.fill(1, m.start, m.end);
  const covered = (s: number, e: number) => { for (let i = s; i < e; i++) if (mask[i]) return true; return false; };
  for (const inst of institutionsIn(doc)) {
    if (covered(inst.start, inst.end)) continue;
    found.push({ start: inst.start, end: inst.end, name: inst.name, aliases: [] });
  }
  for (const zone of zoneBodies(text, placeAt)) {
    if (covered(zone.start, zone.end)) continue;
    mask.fill(1, zone.start, zone.end);
    found.push(zone);
  }
  return found.sort((a, b) => a.start - b.start);
}

// News outlets where a news page names them: its source line (来源:某某日报, 来源:某某网-某某报) and
// its dateline (某某网12月25日讯, 中新网某地2月15日电, 晨报讯). An outlet's name ends in one of these words.
const OUTLET_END = '(?:网|报|社|台|客户端|新闻联播|电视台|广播电视台|日报|晚报|晨报|时报|周刊|头条|融媒体中心|融媒|知事)';
const SOURCE_LINE = new RegExp(`来源[:\\s]\\s*([\\p{Script=Han}A-Za-z·\\-]{2,24})`, 'gu');
// The place may come before the date (新华社北京3月5日电) or after it (某某新闻联播4月18日黑龙江齐齐哈尔电), and the
// date may be written in numerals or in characters (中新社昆明十一月二十日电).
const DAY = '(?:\\d{1,2}|[一二三四五六七八九十]{1,3})';
const DATE_PART = `(?:${DAY}月${DAY}日|${DAY}月|${DAY}日)`;
const DATELINE = new RegExp(`(?:^|[\\n\\s(□【\\[])([\\p{Script=Han}A-Za-z]{1,10}?${OUTLET_END})(?:[\\p{Script=Han}]{2,4}?)?(?:${DATE_PART}(?:[\\p{Script=Han}]{2,8}?)?)?(?:讯|电)`, 'gu');
const OUTLET = new RegExp(`^[\\p{Script=Han}A-Za-z]{1,12}?${OUTLET_END}$`, 'u');

const BYLINE_OUTLET = new RegExp(`(?:^|[\\n\\s(【\\[])([\\p{Script=Han}]{1,10}?${OUTLET_END})((?:特约|首席|实习)?记者)`, 'gu');
const CREDITED_SOURCE = /^\s+(?:文章)?(?:作者|责任编辑|编辑|记者)[:]/;
const NOT_AN_OUTLET = /^(?:本站|本网|原创|综合|网络|转载|未知|其他|互联网|网友|投稿|整理)$|^(?:本|各)/;
const ATTRIBUTED = new RegExp(`据([\\p{Script=Han}]{1,10}?${OUTLET_END})(?:报道|消息|记者)`, 'gu');

export function mediaOutlets(text: string): OrgMatch[] {
  const found: OrgMatch[] = [];
  if (text.includes('来源')) for (const m of text.matchAll(SOURCE_LINE)) {
    let offset = m.index! + m[0].length - m[1].length;
    // A source line that goes on to credit an editor or author names the outlet whatever its name ends in (来源:天津西青 编辑:某某).
    const lineEnd = text.indexOf('\n', offset);
    const credited = CREDITED_SOURCE.test(text.slice(offset + m[1].length, lineEnd < 0 ? undefined : lineEnd));
    for (const part of m[1].split(/[·\-]/)) {
      if (OUTLET.test(part) || credited && /^\p{Script=Han}{2,8}$/u.test(part) && !NOT_AN_OUTLET.test(part)) found.push({ start: offset, end: offset + part.length, name: part, aliases: [] });
      offset += part.length + 1;
    }
  }
  // (庆阳融媒记者 某某) / 某某日报记者 某某: the outlet that opens a byline.
  if (text.includes('记者')) for (const m of text.matchAll(BYLINE_OUTLET)) {
    const start = m.index! + m[0].length - m[1].length - m[2].length;
    if (OUTLET.test(m[1]) && !/^(本报|本网|本台|我台|我报)$/.test(m[1])) found.push({ start, end: start + m[1].length, name: m[1], aliases: [] });
  }
  // 据某某日报报道 / 据新华社消息: the outlet a report is attributed to.
  if (text.includes('据')) for (const m of text.matchAll(ATTRIBUTED)) {
    const start = m.index! + 1;
    if (OUTLET.test(m[1])) found.push({ start, end: start + m[1].length, name: m[1], aliases: [] });
  }
  // Datelines end in 讯 or 电: the pattern is tried only on the few characters before each of them.
  for (const mark of ['讯', '电']) {
    for (let at = text.indexOf(mark); at >= 0; at = text.indexOf(mark, at + 1)) {
      const from = Math.max(0, at - 24);
      DATELINE.lastIndex = 0;
      const window = text.slice(from, at + 1);
      const m = DATELINE.exec(window);
      if (!m || m.index + m[0].length !== window.length) continue;
      // A dateline is followed by a break or its byline, never by more of a word (国网某某供电公司).
      if (/\p{Script=Han}/u.test(text[at + 1] ?? '') && !/^(?:记者|通讯员|本报|据)/.test(text.slice(at + 1, at + 4))) continue;
      const start = from + m.index + m[0].length - m[0].replace(/^[\n\s(□【[]/, '').length;
      if (!/^(本报|本网|本台|我台|我报)$/.test(m[1])) found.push({ start, end: start + m[1].length, name: m[1], aliases: [] });
    }
  }
  return found;
}
