// Persons and the posts they hold. Names are found where Chinese official prose anchors them:
// after a title chain (市委副书记、市长赵明远), in a list after one title (副主席A、B、C), in bylines
// (记者 许嘉禾 马晓东), before a post-name title (某某总书记), and in name lists that a cue marks
// (在主席台就座的还有:A、B). Each title in the chain gives a HOLDS_POSITION to the body it names.
import type { DocBuilder, PlaceRef } from '../doc.js';
import { lazy, lexiconLines, lexiconRows, longestFirst } from '../lexicon.js';
import { gazetteer } from '../gazetteer.js';
import { charSet, isHan } from '../text.js';
import { bareDepartment, bodyOfPartyUnit, partySubunitPost, partyUnitOf, placeRefAt, zoneSibling, type OrgMatch } from './organizations.js';

export interface PersonSpan { start: number; end: number; name: string }

const surnames = lazy(() => {
  const single = new Set<string>(), compound = new Set<string>();
  for (const line of lexiconLines('surnames.txt')) for (const s of line.split(/\s+/)) {
    if (s.length === 1) single.add(s); else if (s.length === 2) compound.add(s);
  }
  return { single, compound };
});

export interface Title { title: string; implied: string }
const titles = lazy(() => lexiconRows('titles.tsv', 2)
  .map(([title, implied]) => ({ title, implied }))
  .sort((a, b) => b.title.length - a.title.length));
/** Titles by their first UTF-16 code unit, longest first (the scan below asks at every character). */
const titlesByFirstCode = lazy(() => {
  const table: (Title[] | undefined)[] = new Array(0x10000).fill(undefined);
  for (const t of titles()) (table[t.title.charCodeAt(0)] ??= []).push(t);
  return table;
});

// What follows a name in running text (赵明远表示, 钱立新主持会议, 林青来到): a two-character
// reading of a name is preferred when its third character starts one of these.
const AFTER_NAME_WORDS = longestFirst([
  '主持', '出席', '表示', '指出', '强调', '代表', '参加', '宣布', '同志', '讲话', '要求', '认真', '来到', '一行', '会见',
  '分别', '带领', '深入', '调研', '视察', '察看', '陪同', '致辞', '通报', '提出', '当选', '不再', '主讲', '介绍', '回答',
  '充分', '围绕', '结合', '希望', '首先', '听取', '审议', '一起', '所在', '先后', '主动', '专门', '亲自', '进一步', '着重',
  '通过', '详细', '汇报', '发言', '作了', '作出', '出任', '担任', '率领', '率队', '列席', '就座', '就坐', '在主席台', '代市长',
  '任命', '因被', '向大会', '主任', '书记', '市长', '县长', '主席', '委员', '同时', '已经', '以及', '等人', '对此', '关于',
  '两位', '三位', '四位', '五位', '几位', '两名', '三名', '四名', '五名',
  '负责', '分管', '联系', '协助', '主要负责', '转任', '兼任', '领导', '现任', '任', '应邀', '为省', '为市', '为县',
  // A verb of taking office, a count or a title right after a name (某某则调任…; A、B两位副省长; 某某副市长:).
  '通讯员', '记者', '实习生', '摄影', '编辑',
  '则任', '则调任', '调任', '改任', '升任', '作为', '宣读', '传达', '带队', '满怀', '作政府', '作报告', '作工作', '坦言', '认为', '告诉', '透露', '感慨', '接手', '辞去',
  '两位', '两名', '三位', '三名', '四位', '四名', '五位', '五名', '六位', '六名', '七位', '七名', '八位', '八名',
  '副省长', '副市长', '副县长', '副区长', '副州长', '副旗长', '副盟长', '副主席', '副主任', '副书记', '常务副',
  '省长', '区长', '州长', '旗长', '盟长', '部长', '厅长', '局长', '秘书长',
  // Verbs of an official's visit or duty (某某随同调研, 某某看望慰问, 某某莅临指导).
  '随同', '随行', '看望', '慰问', '走访', '检查', '督导', '考察', '观摩', '莅临', '实地', '指导', '见证', '接见', '座谈', '发表', '签署',
]);
const AFTER_NAME_CHARS = new Set([...'在等向为是的就也了到将并赴被因兼于与及说把从以和作、,:;。!?()“”《》 /\n']);

// Words that follow a surname-like character in ordinary prose (有关负责同志, 高度重视).
const NOT_GIVEN_NAMES = ['负责', '部门', '领导', '同志', '人员', '干部', '度重', '政协', '记者', '级', '同', '务', '府', '委', '员', '邀', '联', '括', '副'];

/** AFTER_NAME_WORDS by their first character (asked for every candidate name). */
const afterNameWordsByFirst = lazy(() => {
  const map = new Map<string, string[]>();
  for (const w of AFTER_NAME_WORDS) map.set(w[0], [...(map.get(w[0]) ?? []), w]);
  return map;
});
function followsName(text: string, pos: number): boolean {
  const ch = text[pos];
  if (ch === undefined || !isHan(ch) || AFTER_NAME_CHARS.has(ch)) return true;
  const words = afterNameWordsByFirst().get(ch);
  return !!words && words.some((w) => text.startsWith(w, pos));
}

/** A personal name starting at `pos`: surname + one or two given characters, or a transliterated name
 * in two parts (阿依肯·阿斯拉汗) whose first part reads as one. */
export function nameAt(text: string, pos: number): string | undefined {
  const first = chineseNameAt(text, pos);
  if (!first || !DOTS.has(text[pos + first.length] ?? '')) return first;
  let end = pos + first.length + 1;
  while (end - pos - first.length - 1 < 8 && isHan(text[end]) && !followsName(text, end)) end++;
  return end - pos - first.length - 1 >= 2 && followsName(text, end) ? text.slice(pos, end) : first;
}
const DOTS = new Set([...'·•・']);

// Words that open with a surname-like character but name no one (来源:, 领导班子, 关注).
const NOT_NAMES = new Set(['来源', '班子', '关注', '关于', '高度', '常委', '方面', '于是', '万元', '江山', '文化', '华夏', '干部']);
// Words that open with the surname 代 (代表团, 代理市长, 代县).
const NOT_NAME_STARTS = /^代[表理县为市省]/;

function chineseNameAt(text: string, pos: number): string | undefined {
  const name = surnameAndGiven(text, pos);
  return name && (NOT_NAMES.has(name) || NOT_NAME_STARTS.test(name)) ? undefined : name;
}

function surnameAndGiven(text: string, pos: number): string | undefined {
  const { single, compound } = surnames();
  const sl = compound.has(text.slice(pos, pos + 2)) ? 2 : single.has(text[pos]) ? 1 : 0;
  if (!sl) return undefined;
  const g1 = pos + sl;
  if (NOT_GIVEN_NAMES.some((w) => text.startsWith(w, g1))) return undefined;
  // 关于成兵: the 于 of a function word opens no name; 钟三位同志: a count is no given name.
  if (text[pos] === '于' && /[关对由至属位基鉴处终善]/.test(text[pos - 1] ?? '')) return undefined;
  if (COUNT_FIRST.test(text.slice(g1, g1 + 2))) return undefined;
  if (!isHan(text[g1])) return undefined;
  if (AFTER_NAME_CHARS.has(text[g1])) {
    // 杜和平任…: 和 may open a given name when a whole three-character name follows (not 王和李明).
    const whole = text[g1] === '和' && isHan(text[g1 + 1]) && !followsName(text, g1 + 1) && followsName(text, g1 + 2) && /^[,、:(]|^任|^同志/.test(text.slice(g1 + 2, g1 + 4));
    return whole ? text.slice(pos, g1 + 2) : undefined;
  }
  // 姜青和应邀出席: a 和 that nothing follows to join (a verb, 等, a separator) ends a given name.
  if (text[g1 + 1] === '和' && /^(应邀|出席|参加|陪同|主持|等|同志|[、,。;])/.test(text.slice(g1 + 2, g1 + 4))) return text.slice(pos, g1 + 2);
  // Prefer the longer reading when what follows it is a plausible end of name.
  if (isHan(text[g1 + 1]) && !followsName(text, g1 + 1) && followsName(text, g1 + 2)) return text.slice(pos, g1 + 2);
  if (followsName(text, g1 + 1)) return text.slice(pos, g1 + 1);
  return undefined;
}

// A name in a list that a title opens (副主席A、B、C及秘书长D): any short run of Han characters
// up to the next separator, so that names without a common surname (minority names of four
// characters, rare surnames) are read too. Clause material never makes a name.
const LISTED_NAME = /^([\p{Script=Han}]{2,5}[·•・][\p{Script=Han}]{2,8}?|[\p{Script=Han}]{2,4}?)(?=[、,。;:]|及|等|和|也|应邀|出席|主持|讲话|致辞|在|分别|同志|$)/u;
const MEETING_VERB_FIRST = new Set([...'主出讲致']);
// Clause material never makes a name: function characters, level and body characters, and words of prose.
// (Words, not their characters: 索南项秀 and 更青才让 are names.)
// A count of people (三位, 两名) after a name: never part of one.
const COUNT_OF_PEOPLE = '[一二三四五六七八九十两几][位名个]';
const COUNT_FIRST = new RegExp(`^${COUNT_OF_PEOPLE}`), COUNT_LAST = new RegExp(`${COUNT_OF_PEOPLE}$`);
const NOT_IN_NAME = new RegExp(`[的了是为对将与及等各亲挂联要全市省县区州委会局部长团院所处厅办和在]|政协|人大|主席|书记|代表|同志|领导|干部|群众|企业|项目|工作|发展|建设|[人员者子们]$|${COUNT_OF_PEOPLE}`);
function listedName(text: string, pos: number, first: boolean): string | undefined {
  // Cheap test first (this is asked after every title): a list's first name is followed, within five
  // characters, by 、 or a meeting verb.
  if (first) {
    let ok = false;
    for (let k = pos + 2; k <= pos + 4 && !ok; k++) ok = text[k] === '、' || MEETING_VERB_FIRST.has(text[k]);
    if (!ok) return undefined;
  }
  const m = LISTED_NAME.exec(text.slice(pos, pos + 12));
  if (!m || NOT_IN_NAME.test(m[1])) return undefined;
  // A list's first name counts only when the list goes on (、) or a meeting verb follows it.
  if (first && !/^(、|主持|出席|讲话|致辞)/.test(text.slice(pos + m[1].length, pos + m[1].length + 2))) return undefined;
  return m[1];
}

// 县委副书记、县人民政府县长萨尔娜,县人大常委会主任杜森: a name without a common surname, between a title and the
// next post of a roster, is read as a name too.
function rosterName(text: string, pos: number): string | undefined {
  const m = /^[\p{Script=Han}]{2,4}?(?=[,、])/u.exec(text.slice(pos, pos + 6));
  if (!m || NOT_IN_NAME.test(m[0])) return undefined;
  const next = pos + m[0].length + 1;
  return titleAt(text, next) || /^(?:县|市|省|区|州|旗|盟|自治|中共|政协|人大)/.test(text.slice(next, next + 2)) ? m[0] : undefined;
}

// Right after a title, a surname and two characters that end the clause are a name even when the given
// name opens with a character prose puts after names (副县长陈向荣, 副市长王为民).
const FUNCTION_GIVEN = new Set([...'向为以于和从作将并与']);
function titledName(text: string, pos: number): string | undefined {
  const { single } = surnames();
  if (!single.has(text[pos]) || !FUNCTION_GIVEN.has(text[pos + 1]) || !isHan(text[pos + 2]) || AFTER_NAME_CHARS.has(text[pos + 2])) return undefined;
  return /^[,、;。:(\s]/.test(text[pos + 3] ?? '') ? text.slice(pos, pos + 3) : undefined;
}

/** The longest title starting exactly at `pos`. */
export function titleAt(text: string, pos: number): Title | undefined {
  const candidates = titlesByFirstCode()[text.charCodeAt(pos)];
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++) if (text.startsWith(candidates[k].title, pos)) return candidates[k];
  return undefined;
}

/** A title ending exactly at `end` (longest). */
export function titleEndingAt(text: string, end: number): Title | undefined {
  const candidates = end > 0 ? titlesByLastCode()[text.charCodeAt(end - 1)] : undefined;
  if (candidates === undefined) return undefined;
  for (let k = 0; k < candidates.length; k++) {
    const t = candidates[k].title;
    if (end - t.length >= 0 && text.startsWith(t, end - t.length)) return candidates[k];
  }
  return undefined;
}
/** Titles by their last UTF-16 code unit, longest first (asked at every position a chain may end). */
const titlesByLastCode = lazy(() => {
  const table: (Title[] | undefined)[] = new Array(0x10000).fill(undefined);
  for (const t of titles()) (table[t.title.charCodeAt(t.title.length - 1)] ??= []).push(t);
  return table;
});
function titlesEndingAt(text: string, end: number): Title[] {
  const candidates = end > 0 ? titlesByLastCode()[text.charCodeAt(end - 1)] : undefined;
  if (candidates === undefined) return [];
  return candidates.filter((t) => end - t.title.length >= 0 && text.startsWith(t.title, end - t.title.length));
}

export interface Post { org?: OrgMatch | { name: string; aliases: string[]; place?: PlaceRef; start: number; end: number; implied?: boolean }; title: string; former: boolean; start: number; end: number }

// Notes on a post written between the title and the name (挂职, 兼, 正厅级, 主持工作).
const POST_NOTE = /^\((?:挂职|兼|兼职|代|代理|主持工作|援[疆藏青]|[正副]?[厅局处县科]级|[正副]?部级|试用期(?:一年)?)\)/;
/** Where a note on a post that ends at `end` starts (副县长(挂职)|), if one does. */
export function postNoteEndingAt(text: string, end: number): number | undefined {
  if (text[end - 1] !== ')') return undefined;
  const open = text.lastIndexOf('(', end - 1);
  if (open < 0 || end - open > 12) return undefined;
  const note = POST_NOTE.exec(text.slice(open, end));
  return note && note[0].length === end - open ? open : undefined;
}
const BYLINE_TITLES = /^(记者|通讯员|实习生|摄影|责任编辑|编辑|校对|审核|监制|终审|初审|复审|一审|二审|三审)$/;
const OUTLET_NAME = /(网|报|社|台|客户端|新闻联播|日报|晚报|晨报|融媒体中心|融媒|新闻中心)$/;
const CHAIN_BREAK = /[,:;()“”《》\s。!?]/;
// Units inside a body whose title keeps the unit (市委党校公共管理教研室主任 → title 公共管理教研室主任).
/** A post in a body's Party group or committee written without the body (党组副书记, 党委委员). */
const PARTY_GROUP_POST = /^(党组|党委)(书记|副书记|成员|委员)$/;
const TERM_COMMITTEE = /^第?[一二三四五六七八九十\d]+届(?:委员会)?$|^委员会$/u;
const CPPCC_LONG = /^(?:中国人民政治协商会议|政协)第[一二三四五六七八九十\d]+届([\p{Script=Han}]{2,12}?)委员会$/u;
const INTERNAL_UNIT = /^[\p{Script=Han}]{1,10}(室|处|科|所|组|中心|办|部|股|站|队)$/u;

/**
 * Parse the title chain that ends at `end` (just before a name): items joined by 、, each
 * [body] title. Items after a party committee may name its departments (统战部长).
 */
export function parseChain(doc: DocBuilder, end: number, orgByEnd: Map<number, OrgMatch>, lowerLimit: number): Post[] {
  const text = doc.text;
  const posts: Post[] = [];
  let itemEnd = end;
  for (;;) {
    const title = titleEndingAt(text, itemEnd);
    if (!title) break;
    const titleStart = itemEnd - title.title.length;
    let itemStart = titleStart;
    while (itemStart > lowerLimit && !CHAIN_BREAK.test(text[itemStart - 1]) && text[itemStart - 1] !== '、') itemStart--;
    // 市政协党组副书记: the body may swallow the start of the longest title (党组), so shorter readings are tried.
    const post = titlesEndingAt(text, itemEnd).map((t) => readPost(doc, itemStart, itemEnd - t.title.length, itemEnd, t, orgByEnd))
      .find((p) => p.org) ?? readPost(doc, itemStart, titleStart, itemEnd, title, orgByEnd);
    posts.unshift(post);
    if (text[itemStart - 1] !== '、') break;
    itemEnd = itemStart - 1;
  }
  // A department named without its committee (统战部长) belongs to the committee named before it;
  // a bare title after a body's title shares that body (市人大常委会党组书记、主任 → 主任 of 市人大常委会).
  for (let i = 1; i < posts.length; i++) {
    const p = posts[i];
    if (p.org) continue;
    const bare = text.slice(p.start, p.end) === p.title;
    const prevOrg = posts[i - 1].org;
    if (bare && prevOrg && !BYLINE_TITLES.test(p.title) && !/^(领导|代表|执行主席|常务主席)$/.test(p.title)) {
      // 常务副市长、党组副书记: the Party group of the body before it.
      const group = PARTY_GROUP_POST.exec(p.title);
      if (group && !/党组$|党委$|委员会$/.test(prevOrg.name) && !prevOrg.name.startsWith('中共')) {
        p.org = { ...prevOrg, ...partyUnitOf(prevOrg.name, group[1] as '党组' | '党委'), implied: true };
        p.title = group[2];
        continue;
      }
      const body = bodyOfPartyUnit(prevOrg.name);
      p.org = body ? { ...prevOrg, name: body, aliases: [], implied: true } : { ...prevOrg, implied: true };
      continue;
    }
    const item = text.slice(p.start, p.end);
    // 新区党工委副书记、管委会主任: the zone's other governing body.
    const sibling = zoneSibling(posts[i - 1].org, text, p.start);
    if (sibling) { p.org = sibling; continue; }
    // 副县长、公安局长: the organ's last character doubles as the title's first (公安局 + 局长); the organ
    // is the one of the place the post before it serves.
    const organ = /^[\p{Script=Han}]{1,6}[局厅委办]$/u.test(item.slice(0, -p.title.length + 1)) && item.endsWith(p.title) && /^[局厅委办]/.test(p.title)
      ? item.slice(0, -p.title.length + 1) : undefined;
    const prevPlace = posts[i - 1].org?.place;
    const dept = organ && prevPlace ? bareDepartment(organ, prevPlace) : undefined;
    if (dept) { p.org = { ...dept, start: p.start, end: p.start + organ!.length }; continue; }
    const prev = posts.slice(0, i).reverse().find((q) => q.org?.name.startsWith('中共') && q.org.name.endsWith('委'));
    const sub = prev?.org ? partySubunitPost(item) : undefined;
    if (prev?.org && sub) {
      const aliases = sub.full ? [`${prev.org.name}${sub.full}`] : [];
      p.org = { name: `${prev.org.name}${sub.unit}`, aliases, place: prev.org.place, start: p.start, end: p.start + (sub.full && item.startsWith(sub.full) ? sub.full.length : sub.unit.length) };
      p.title = sub.title;
    }
  }
  // 市人大主任某某: a congress is chaired between sessions by its standing committee, whose 主任 the title names.
  for (const p of posts) {
    const congress = p.org && /^(副?主任|秘书长)$/.test(p.title) ? /^(.+)(?:人民代表大会|人大)$/.exec(p.org.name) : null;
    if (congress) p.org = { ...p.org!, name: `${congress[1]}人大常委会`, aliases: [`${congress[1]}人民代表大会常务委员会`] };
  }
  return posts;
}

function readPost(doc: DocBuilder, itemStart: number, titleStart: number, itemEnd: number, title: Title, orgByEnd: Map<number, OrgMatch>): Post {
  const text = doc.text;
  const former = /^(原|前)/.test(text.slice(itemStart, titleStart)) || text[itemStart - 1] === '原';
  // 统战部长: the department's 部 doubles as the title's.
  const contracted = /^(统战|宣传|组织)部长$/.test(text.slice(itemStart, itemEnd));
  if (contracted) return { title: '部长', former, start: itemStart, end: itemEnd };
  for (let s = titleStart; s >= itemStart; s--) {
    const org = orgByEnd.get(s);
    if (!org || org.start < itemStart) continue;
    const unit = text.slice(s, titleStart);
    if (s === titleStart) return { org, title: title.title, former, start: itemStart, end: itemEnd };
    if (INTERNAL_UNIT.test(unit)) return { org, title: unit + title.title, former, start: itemStart, end: itemEnd };
    // 县政协第十届委员会主席, 县第十届政协委员会副主席: the body's term and 委员会 name the body itself.
    if (TERM_COMMITTEE.test(unit)) return { org, title: title.title, former, start: itemStart, end: itemEnd };
  }
  // 政协第十届玉屏侗族自治县委员会主席: the CPPCC's long name, its place inside.
  const cppcc = CPPCC_LONG.exec(text.slice(itemStart, titleStart));
  const cppccPlace = cppcc ? gazetteer().lookup(cppcc[1]).find((e) => e.name === cppcc[1]) : undefined;
  if (cppccPlace) {
    const place = { name: cppccPlace.name, code: cppccPlace.code, level: cppccPlace.level };
    return { org: { name: `${place.name}政协`, aliases: [], place, start: itemStart, end: itemEnd, implied: true }, title: title.title, former, start: itemStart, end: itemEnd };
  }
  // 磐安县县长 何浩挺: a place named in full before a title that implies its body gives that place's body.
  const placed = placedBody(text.slice(itemStart, titleStart), title);
  if (placed) return { org: { ...placed, start: itemStart, end: itemEnd, implied: true }, title: title.title, former, start: itemStart, end: itemEnd };
  const prefix = text.slice(itemStart, titleStart);
  if (titleStart === itemStart || /^(原|前|新任)$/.test(prefix) || /^(?:人民)?政府$/.test(prefix)) {
    const implied = impliedBody(doc, title);
    // 政府旗长: the written 政府 only confirms a government's post.
    if (implied && (!prefix.endsWith('政府') || implied.name.endsWith('人民政府'))) return { org: { ...implied, start: titleStart, end: itemEnd, implied: true }, title: title.title, former, start: itemStart, end: itemEnd };
  }
  return { title: title.title, former, start: itemStart, end: itemEnd };
}

const LEVEL_ORDER = ['province', 'city', 'county'];
function placedBody(prefix: string, title: Title): { name: string; aliases: string[]; place: PlaceRef } | undefined {
  const m = prefix.length >= 2 && title.implied ? /^\{(province|city|county)\}(.*)$/.exec(title.implied) : null;
  if (!m) return undefined;
  // A county-level city's mayor is 市长 too (建德市市长).
  const fits = (level: string, name: string) => level === m[1] || (m[1] === 'city' && level === 'county' && name.endsWith('市'))
    || (m[1] === 'city' && level === 'province' && name.endsWith('市'));
  const entry = gazetteer().lookup(prefix).find((e) => e.name === prefix && LEVEL_ORDER.includes(e.level) && fits(e.level, e.name));
  if (!entry) return undefined;
  return { name: entry.name + m[2], aliases: [entry.name + m[2].replace('人民政府', '政府')], place: { name: entry.name, code: entry.code, level: entry.level } };
}

export function impliedBody(doc: DocBuilder, title: Title): { name: string; aliases: string[]; place?: PlaceRef } | undefined {
  if (!title.implied) return undefined;
  const levels: Record<string, PlaceRef | undefined> = { province: doc.places.province, city: doc.places.city, county: doc.places.county };
  const m = /^\{(province|city|county)\}(.*)$/.exec(title.implied);
  if (!m) return { name: title.implied, aliases: [] };
  if (doc.places.placeholder) return undefined;
  // In a county-level city's own text, 市长 is that city's mayor.
  const place = m[1] === 'city' && doc.places.county?.name.endsWith('市') ? doc.places.county : levels[m[1]];
  // A municipality's mayor heads the municipal government (上海市人民政府), which is province-level here.
  const owner = place ?? (m[1] === 'city' && doc.places.province?.name.endsWith('市') ? doc.places.province : undefined);
  if (!owner) return undefined;
  return { name: owner.name + m[2], aliases: [owner.name + m[2].replace('人民政府', '政府')], place: owner };
}

export interface PersonsResult { persons: PersonSpan[] }

/** Find persons and their posts; adds Person, Organization mentions and HOLDS_POSITION, LOCATED_IN. */
export function extractPersons(doc: DocBuilder, orgs: OrgMatch[], addOrg: (org: NonNullable<Post['org']>) => string): PersonsResult {
  const text = doc.text;
  const orgByEnd = new Map<number, OrgMatch>();
  for (const o of orgs) orgByEnd.set(o.end, o);
  const names = new Map<string, PersonSpan[]>();
  const addPerson = (start: number, name: string): string => {
    const list = names.get(name) ?? [];
    if (!list.some((p) => p.start === start)) list.push({ start, end: start + name.length, name });
    names.set(name, list);
    return doc.mention('Person', name, start, start + name.length);
  };
  const holds = (personId: string, posts: Post[], evStart: number, evEnd: number) => {
    for (const post of posts) {
      // 市政府领导某某 names a leader, not a post (the guidelines give no relation for 领导).
      if (!post.org || post.former || post.title === '领导') continue;
      const orgId = addOrg(post.org);
      doc.relate('HOLDS_POSITION', personId, orgId, evStart, evEnd, { title: post.title });
    }
  };

  const byFirst = titlesByFirstCode();
  // The outlet a page is from (its dateline or source line): editors' and reporters' bylines name it.
  const outlets = orgs.filter((o) => OUTLET_NAME.test(o.name));
  let lastPost: { org: NonNullable<Post['org']>; end: number; sentence: number } | undefined;
  for (const sentence of doc.sentences) {
    const { start: s0, end: s1 } = sentence;
    for (let i = s0; i < s1; i++) {
      const candidates = byFirst[text.charCodeAt(i)];
      if (candidates === undefined) continue;
      let title: Title | undefined;
      for (let k = 0; k < candidates.length; k++) {
        if (text.startsWith(candidates[k].title, i)) { title = candidates[k]; break; }
      }
      if (!title) continue;
      let after = i + title.title.length;
      const byline = BYLINE_TITLES.test(title.title);
      if (byline && /[ /:]/.test(text[after])) { after++; while (text[after] === ' ') after++; }
      // 省长 赵某某 (a signature or a heading): one space between title and name, the name ending the line or clause.
      else if (text[after] === ' ' && !byline) {
        const spaced = nameAt(text, after + 1);
        if (spaced && /^($|[\n ,。;:、])/.test(text.slice(after + 1 + spaced.length, after + 2 + spaced.length))) after++;
      }
      // 副县长(挂职)陈志宏: a note on the post between the title and the name.
      else if (text[after] === '(') {
        const note = POST_NOTE.exec(text.slice(after, after + 12));
        if (note) after += note[0].length;
      }
      // A byline's title says a name follows: one whose given name opens with a function character (王为民) too.
      const first = nameAt(text, after) ?? listedName(text, after, true) ?? (byline ? creditName(text, after) : titledName(text, after) ?? rosterName(text, after));
      if (!first || after + first.length > s1) continue;
      const posts = parseChain(doc, i + title.title.length, orgByEnd, s0);
      if (byline && !posts.some((p) => p.org)) {
        const lineStart = text.lastIndexOf('\n', i) + 1;
        // 贵州日报天眼新闻记者 某某: the outlet a few characters before the title, on its line.
        const near = outlets.find((o) => o.end <= i && i - o.end <= 6 && o.start >= lineStart && !/[,。;:\s]/.test(text.slice(o.end, i)));
        const media = mediaBefore(text, i, orgs) ?? near ?? (text[i + title.title.length] === ':' ? outlets[0] : undefined)
          // 某某日报6月27日讯(记者 某某): the outlet of the dateline the byline closes.
          ?? (text[i - 1] === '(' ? outlets.find((o) => o.start >= lineStart && o.end < i) : undefined);
        if (media && posts.length) posts[posts.length - 1].org = media;
      }
      // 市政协主席某某,副主席A、B及秘书长C: a bare title after a post in the same sentence shares its body.
      const bareTitle = /^[,、及和]$/.test(text[i - 1] ?? '') || posts.length === 1 && posts[0].start === i;
      if (!byline && posts.length && !posts.some((p) => p.org) && bareTitle
        && lastPost && lastPost.sentence === s0 && i - lastPost.end <= 24 && /^[,、及和]$/.test(text[i - 1] ?? '')
        && !/^(领导|代表|委员|执行主席|常务主席)$/.test(title.title)) {
        for (const p of posts) p.org = { ...lastPost.org, implied: true };
      }
      const carried = posts.filter((p) => p.org && !p.former).pop();
      const chainStart = posts.length ? posts[0].start : i;
      let pos = after;
      let name: string | undefined = first;
      while (name) {
        const id = addPerson(pos, name);
        holds(id, posts, chainStart, pos + name.length);
        pos += name.length;
        const sep = text[pos];
        if (!(sep === '、' || (byline && sep === ' '))) break;
        name = nameAt(text, pos + 1) ?? (sep === '、' ? listedName(text, pos + 1, false) : undefined);
        if (name && byline && sep === ' ' && titles().some((t) => text.startsWith(t.title, pos + 1))) break;
        if (name) pos += 1;
      }
      if (carried?.org) lastPost = { org: carried.org, end: pos, sentence: s0 };
      i = pos - 1;
    }
  }
  postNameTitles(doc, addPerson, holds);
  cuedNameLists(doc, addPerson, holds);
  closingBylines(doc, addPerson);
  teamsAndGroups(doc, addPerson);
  subjectsOfMeetingVerbs(doc, addPerson);
  namesBeforeTitles(doc, addPerson);
  spacedTitleLines(doc, addPerson, holds);
  nameThenTitleLines(doc, addPerson, holds);
  rosterLines(doc, orgs, addPerson, holds);
  // 市委某某书记来调研: a body, a name, then the title.
  for (const o of orgs) {
    const name = nameAt(text, o.end);
    const title = name ? titleAt(text, o.end + name.length) : undefined;
    if (!name || !title || BYLINE_TITLES.test(title.title) || !AFTER_TITLE.test(text.slice(o.end + name.length + title.title.length, o.end + name.length + title.title.length + 2))) continue;
    const id = addPerson(o.end, name);
    holds(id, [{ org: o, title: title.title, former: false, start: o.start, end: o.end + name.length + title.title.length }], o.start, o.end + name.length + title.title.length);
  }
  credits(doc, addPerson, holds, outlets);
  unlabelledCredits(doc, addPerson);
  quotedRoles(doc, addPerson);
  removals(doc, addPerson);
  courtAndProcuratorateHeads(doc, addPerson, holds);
  appointments(doc, names, orgByEnd, holds);

  // Every other occurrence of a known name is a mention too (PRESIDES/ATTENDS read them).
  const persons: PersonSpan[] = [];
  for (const [name, spans] of names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(name, from);
      if (at < 0) break;
      from = at + name.length;
      if (!spans.some((p) => p.start === at)) { spans.push({ start: at, end: at + name.length, name }); doc.mention('Person', name, at, at + name.length); }
    }
    persons.push(...spans);
  }
  titlesAfterNames(doc, persons, orgByEnd, holds);
  return { persons: persons.sort((a, b) => a.start - b.start) };
}

// The title after a name (某某市长在会上强调, 省委某某书记来房调研): the body is the one the title implies, or
// the one named just before the name.
const AFTER_TITLE = /^($|[,。;:、\s(]|在|主持|出席|讲话|强调|指出|表示|来|到|一行|率|带|调研|视察|考察|参加|会见|要求|代表|负责|分管)/;
function titlesAfterNames(doc: DocBuilder, persons: PersonSpan[], orgByEnd: Map<number, OrgMatch>,
  holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  for (const p of persons) {
    // 某某作为常务副市长,负责…: the title may follow 作为.
    const titleStart = text.startsWith('作为', p.end) ? p.end + 2 : p.end;
    const title = titleAt(text, titleStart);
    if (!title || BYLINE_TITLES.test(title.title) || /^(领导|代表|委员|同志|成员)$/.test(title.title)) continue;
    const end = titleStart + title.title.length;
    if (!AFTER_TITLE.test(text.slice(end, end + 2))) continue;
    const before = orgByEnd.get(p.start);
    const implied = impliedBody(doc, title);
    const org = before ?? (implied ? { ...implied, start: p.end, end, implied: true } : undefined);
    if (!org) continue;
    holds(`Person:${p.name}`, [{ org, title: title.title, former: false, start: before?.start ?? p.start, end }], before?.start ?? p.start, end);
  }
}

// 运城晚报讯(记者 …): the outlet named just before the byline's parenthesis.
function mediaBefore(text: string, titleStart: number, orgs: OrgMatch[]): OrgMatch | undefined {
  const open = text.lastIndexOf('(', titleStart);
  if (open < 0 || titleStart - open > 2) return undefined;
  return orgs.find((o) => o.end >= open - 2 && o.end <= open && /(报|台|网|社)$/.test(o.name));
}

const POST_NAME_TITLES = ['总书记', '总理', '副总理', '同志'];
function postNameTitles(doc: DocBuilder, addPerson: (s: number, n: string) => string, holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  for (const t of POST_NAME_TITLES) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(t, from);
      if (at < 0) break;
      from = at + t.length;
      for (const len of [3, 2]) {
        const s = at - len;
        if (s < 0) continue;
        const candidate = text.slice(s, at);
        const { single, compound } = surnames();
        if (![...candidate].every((c) => isHan(c)) || !(single.has(candidate[0]) || compound.has(candidate.slice(0, 2)))) continue;
        if (len === 3 && !single.has(candidate[0]) && !compound.has(candidate.slice(0, 2))) continue;
        if (NOT_GIVEN_NAMES.some((w) => candidate.slice(1).startsWith(w))) continue;
        // 某某等同志: 等 and other function characters end a name, never stand in one.
        if ([...candidate.slice(1)].some((c) => AFTER_NAME_CHARS.has(c)) || COUNT_LAST.test(candidate)) continue;
        const id = addPerson(s, candidate);
        const title = titles().find((x) => x.title === t);
        const body = title ? impliedBody(doc, title) : undefined;
        if (body) holds(id, [{ org: { ...body, start: at, end: from, implied: true }, title: t, former: false, start: s, end: from }], s, from);
        break;
      }
    }
  }
}

// Lists of names that no title anchors, marked by a cue before (还有:) or after (等12位代表, 出席, 就座).
const LIST_CUE_BEFORE = /(还有|有|领导|嘉宾|出席的|分别是|分别为|他们是|名单如下)[:]?$/;
const CLAUSE_BREAK = charSet(',:;。!?\n()');
/** What ends the last item of a name list (A、B、C6名优秀提案人; A、B等). */
const LIST_TAIL = /(?:等|\d+[位名人]|[两二三四五六七八九十]+[位名]).*$/u;
const LIST_JOIN = /等[^、,。;:]{0,8}?(?:以及|及|和)(?=[^、,。;:]{2,8}、)/gu;
const TRUSTED_LEAD_IN = /(?:选举|任命|推选|增补|提名|决定任命|通过)$/;
const ATTENDING_LEAD = /(?:出席|参加|陪同|列席|参与|到会)[^,。;]{0,8}的(?:领导|嘉宾|人员)?(?:还有|有)[:]?$/;
const LIST_CUE_AFTER = /^(等[^,。;、]{0,6}?(?:领导|同志|嘉宾|负责人)|及[^,。;、]{0,14}?(?:列席|出席|参加)|等\d*[位名人]|等同志|等?出席|等?就[座坐]|等?参加|等?列席|等?分别|等?在主席台|同志|\d+[位名]|[两二三四五六七八九十]+[位名]|也应邀|应邀|为[^,。;]{0,12}(长|主任|主席|书记|委员))/;
function cuedNameLists(doc: DocBuilder, addPerson: (s: number, n: string) => string, holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  const { single } = surnames();
  // Inside a list, a surname and one or two characters between separators is a name even when the
  // given name is a character that ordinary prose puts after names (张为、李政).
  const looseName = (item: string) => item.length >= 2 && item.length <= 3 && single.has(item[0]) && [...item].every((c) => isHan(c)) && !/[的了是对将与及等各们]/.test(item);
  // A list that goes on after a comma (…李政、华源,郑钢淼、宗明…) keeps the cue of its first clause.
  let listEndedAt = -1;
  // Clauses are the runs of characters outside CLAUSE_BREAK (what /[^,:;。!?\n()]+/g matches); only those with a 、 are read.
  for (let from = 0, nextComma = text.indexOf('、'); nextComma >= 0;) {
    let clauseStart = nextComma;
    while (clauseStart > from && !CLAUSE_BREAK[text.charCodeAt(clauseStart - 1)]) clauseStart--;
    let clauseEnd = nextComma + 1;
    while (clauseEnd < text.length && !CLAUSE_BREAK[text.charCodeAt(clauseEnd)]) clauseEnd++;
    from = clauseEnd;
    nextComma = text.indexOf('、', clauseEnd);
    // Two lists in one clause (A、B等省上领导及C、D等市上领导出席): each is read on its own.
    const bounds = [clauseStart];
    for (const j of text.slice(clauseStart, clauseEnd).matchAll(LIST_JOIN)) bounds.push(clauseStart + j.index! + j[0].length);
    bounds.push(clauseEnd);
    for (let b = 0; b + 1 < bounds.length; b++) readList(bounds[b], bounds[b + 1]);
  }
  function readList(clauseStart: number, clauseEnd: number) {
    const body = text.slice(clauseStart, clauseEnd);
    const items = body.split('、');
    if (items.length < 2) return;
    let offset = clauseStart;
    const spans: { start: number; name: string }[] = [];
    let ok = true;
    // The first item may carry the clause's lead-in (随着A、B…6名新任副省长): its name is the item's end.
    let leadIn = false;
    let loose = 0;
    for (let k = 0; k < items.length; k++) {
      const item = items[k];
      const last = k === items.length - 1;
      let name = nameAt(text, offset);
      if (!name && k > 0 && !last && looseName(item)) name = item;
      // A name without a common surname (扎西本, 更藏卓玛) among names: taken when the list is cued (checked below).
      const bare = last ? item.replace(LIST_TAIL, '') : item;
      if ((!name || last && name !== item) && k > 0 && /^\p{Script=Han}{2,4}$/u.test(bare) && !NOT_IN_NAME.test(bare) && !titleAt(bare, 0)) {
        name = last ? item.replace(LIST_TAIL, '') : item; loose++;
      }
      let start = offset;
      if (k === 0 && !last && name !== item) {
        for (const len of [3, 2]) {
          const s = offset + item.length - len;
          if (item.length > len && nameAt(text, s) === item.slice(-len) && !CLAUSE_BREAK[text.charCodeAt(s - 1)]) { name = item.slice(-len); start = s; leadIn = true; break; }
        }
      }
      if (!name || (!last && name !== text.slice(start, offset + item.length))) { ok = false; break; }
      spans.push({ start, name });
      offset += item.length + 1;
    }
    if (!ok || loose * 2 > spans.length) return;
    const lastSpan = spans[spans.length - 1];
    const after = text.slice(lastSpan.start + lastSpan.name.length, lastSpan.start + lastSpan.name.length + 20);
    const before = text.slice(Math.max(0, clauseStart - 4), clauseStart);
    // A lead-in before the first name is only trusted when what follows the list says these are persons.
    const continued = !leadIn && listEndedAt >= 0 && clauseStart === listEndedAt + 1 && text[listEndedAt] === ',';
    // A lead-in that elects, appoints or joins names (选举A、B等47人为…; 以及A、B、C、D) is trusted as a cue before the list.
    const leadWords = leadIn ? text.slice(clauseStart, spans[0].start) : '';
    // (出席会议的还有A、B / 陪同调研的领导有A、B: those who attend, however few.)
    const cuedLead = leadIn && (TRUSTED_LEAD_IN.test(leadWords) || ATTENDING_LEAD.test(leadWords) || /(?:以及|加上|还有)$/.test(leadWords) && spans.length >= 4 && spans.filter((x) => x.name.length === 3).length * 2 >= spans.length);
    if (leadIn && !cuedLead ? !(spans.length >= 3 && LIST_CUE_AFTER.test(after)) : !(cuedLead || continued || LIST_CUE_AFTER.test(after) || LIST_CUE_BEFORE.test(before) || spans.length >= 4 && /^(等|$)/.test(after))) return;
    listEndedAt = lastSpan.start + lastSpan.name.length;
    // The post the list shares, counted after it (A、B等6名新任副省长, A、B两位副省长) or before it (六位副市长,分别是:A、B).
    const listEnd = lastSpan.start + lastSpan.name.length;
    const count = /^(?:等)?(?:\d+|[一二三四五六七八九十两]+)[位名](?:新任|优秀|新当选|新增补)?(?:政协(?=委员))?/.exec(text.slice(listEnd, listEnd + 10));
    const titleAfter = count ? titleAt(text, listEnd + count[0].length) : undefined;
    const lead = /(?:\d+|[一二三四五六七八九十两]+)[位名](?:新任)?([\p{Script=Han}]{2,6}?)[,]?(?:分别是|分别为|是|为|有)[:]?$/u.exec(text.slice(Math.max(0, clauseStart - 16), clauseStart));
    const title = titleAfter ?? (lead ? titles().find((t) => t.title === lead[1]) : undefined);
    // A、B等17位委员 in a CPPCC text: members of the CPPCC it names.
    const cppcc = title?.title === '委员' ? doc.all('Organization').find((o) => /政协$/.test(o.name) && !/全国政协/.test(o.name)) : undefined;
    const shared = title ? impliedBody(doc, title) ?? (cppcc ? { name: cppcc.name, aliases: [] } : undefined) : undefined;
    for (const s of spans) {
      const id = addPerson(s.start, s.name);
      if (title && shared) holds(id, [{ org: { ...shared, start: s.start, end: s.start + s.name.length, implied: true }, title: title.title, former: false, start: s.start, end: s.start + s.name.length }], s.start, s.start + s.name.length);
    }
  }
}

// 分工 lines written name first: "周明远 常务副市长:…" / "周明远同志(副市长):…".
function nameThenTitleLines(doc: DocBuilder, addPerson: (s: number, n: string) => string, holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  for (let lineStart = 0; lineStart < text.length; lineStart = text.indexOf('\n', lineStart) + 1 || text.length) {
    const name = nameAt(text, lineStart);
    if (!name) continue;
    const rest = text.slice(lineStart + name.length, lineStart + name.length + 16);
    const m = /^(同志)?[ (]?([\p{Script=Han}]{2,6}?)\)?[:]/u.exec(rest);
    const title = m && titles().find((t) => t.title === m[2]);
    if (!m || !title) continue;
    const id = addPerson(lineStart, name);
    const body = impliedBody(doc, title);
    const titleStart = lineStart + name.length + rest.indexOf(m[2]);
    if (body) holds(id, [{ org: { ...body, start: titleStart, end: titleStart + m[2].length, implied: true }, title: title.title, former: false, start: lineStart, end: titleStart + m[2].length }], lineStart, titleStart + m[2].length);
  }
}

// A name before a title that implies its body, opening a duty or a clause (…,均由某某副市长负责; 某某作为常务副市长,负责…).
const namesBeforeTitlesPattern = lazy(() => {
  const implied = titles().filter((t) => t.implied && /^\{(province|city|county)\}/.test(t.implied)).map((t) => t.title);
  return new RegExp(`(?:^|[\\n ,:;。、]|由)([\\p{Script=Han}]{2,3}?)(?=(?:作为)?(?:${implied.join('|')})(?:负责|分管|主持|,))`, 'gmu');
});
function namesBeforeTitles(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  // (Most texts have none of these: the pattern is not tried on them.)
  if (!/负责|分管|主持|作为/.test(text)) return;
  for (const m of text.matchAll(namesBeforeTitlesPattern())) {
    const start = m.index! + m[0].length - m[1].length;
    if (nameAt(text, start) === m[1]) addPerson(start, m[1]);
  }
}

// A signature whose title is spaced out for the page (县 长 周永根, 市  长 某某): the title implies the body.
function spacedTitleLines(doc: DocBuilder, addPerson: (s: number, n: string) => string, holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  for (const m of text.matchAll(/^((?:[\p{Script=Han}] +){1,3}[\p{Script=Han}]) +([\p{Script=Han}]{2,4})$/gmu)) {
    const title = titles().find((t) => t.title === m[1].replace(/ +/g, ''));
    const nameStart = m.index! + m[0].length - m[2].length;
    if (!title || nameAt(text + '\n', nameStart) !== m[2] && nameAt(m[2] + '\n', 0) !== m[2]) continue;
    const id = addPerson(nameStart, m[2]);
    const body = impliedBody(doc, title);
    if (body) holds(id, [{ org: { ...body, start: m.index!, end: m.index! + m[1].length, implied: true }, title: title.title, former: false, start: m.index!, end: m.index! + m[0].length }], m.index!, m.index! + m[0].length);
  }
}

// A name opening a clause and followed by a meeting verb (headline: 某某出席 某某主持 某某作政府工作报告).
function subjectsOfMeetingVerbs(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  for (const m of text.matchAll(/(?:^|[\n ,:;。、(])([\p{Script=Han}]{2,3}?)(?=主持|出席|列席|讲话|致辞|作政府工作报告|宣布|在[^,。\n]{2,30}?(?:会议|大会)上(?:作|讲话|致辞|强调|指出))/gmu)) {
    const start = m.index! + m[0].length - m[1].length;
    if (nameAt(text, start) === m[1]) addPerson(start, m[1]);
  }
}

// A team named after its leader (“某某团队”) and a named member of a group (某某等体育健儿, 某某等专家).
function teamsAndGroups(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  for (const m of text.matchAll(/(团队|等[\d一二三四五六七八九十多]*[名位]?(体育健儿|运动员|选手|专家|院士|教授|同志|劳动模范|先进个人))/g)) {
    for (const len of [3, 2]) {
      const s = m.index! - len;
      if (s < 0 || !/^[“"、,:(\s]?$/.test(text[s - 1] ?? '') && !/[“"、,:(\s]/.test(text[s - 1] ?? '')) continue;
      if (nameAt(text, s) === text.slice(s, m.index!)) { addPerson(s, text.slice(s, m.index!)); break; }
    }
  }
}

// A reporter's or author's name alone in parentheses closing a paragraph: (陈某某).
function closingBylines(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  for (const m of doc.text.matchAll(/\(([\p{Script=Han}]{2,3})\)[ \t]*(?=\n|$)/gu)) {
    const start = m.index! + 1;
    if (nameAt(doc.text, start) === m[1] && !/^(全文|摘要|节选|图文|视频|组图|续|完)/.test(m[1])) addPerson(start, m[1]);
  }
}

const CLAUSE_OPENERS = new Set([...',。;:\n']);
const TAKES_OFFICE = /^则?(当选为|当选|调任|改任|升任|出任|转任|兼任|担任|现任|任)(?![职期务命免])/;

// 王某某因被任命为市委常委、宣传部长 / 任命王某某为副市长: the chain follows the name.
function appointments(doc: DocBuilder, names: Map<string, PersonSpan[]>, orgByEnd: Map<number, OrgMatch>,
  holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  // 关于某某同志为某省人民政府代理省长的决定: a decision's title names the appointee and the post.
  for (const m of text.matchAll(/关于(?:任命)?([\p{Script=Han}]{2,4}?)同志为([^,。;:\n]{2,30}?)的决定/gu)) {
    const nameStart = m.index! + m[0].indexOf(m[1]);
    if (nameAt(text, nameStart) !== m[1] && !listedName(text, nameStart, false)) continue;
    const chainFrom = nameStart + m[1].length + 3;
    const chainEnd = chainFrom + m[2].length;
    const posts = parseChain(doc, chainEnd, orgByEnd, chainFrom);
    if (posts.length) holds(doc.mention('Person', m[1], nameStart, nameStart + m[1].length), posts, chainFrom, chainEnd);
  }
  // 某某任江北区委书记 / 某某则调任万州区委书记 (news of a move): a name, a verb of taking office, the post.
  // 曾任/原任/历任 are former posts and 不再担任 a removal: neither follows a name directly.
  // Names not met before are read where a clause opens with one (…研究,米某某任省委第一巡视组组长).
  const tentative = new Set<string>();
  const verbs = [...text.matchAll(/任|当选为/g)].map((v) => v.index!);
  for (const i of verbs) {
    if (text[i] === '任' && (i + 1 >= text.length || '职期务命免'.includes(text[i + 1]))) continue;
    let verb = text[i] === '任' && '调改升出转'.includes(text[i - 1] ?? '') ? i - 1 : i;
    if (text[verb - 1] === '则') verb--;
    for (const len of [3, 2]) {
      const start = verb - len;
      if (start < 0 || (start > 0 && !CLAUSE_OPENERS.has(text[start - 1]))) continue;
      const name = text.slice(start, verb);
      if (names.has(name) || nameAt(text, start) !== name) continue;
      names.set(name, [{ start, end: verb, name }]);
      tentative.add(name);
      break;
    }
  }
  for (const [name, spans] of names) {
    // Every place the name is written (卢亮当选为… after the list that introduced him), not only where it was found.
    const written: PersonSpan[] = [...spans];
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (!written.some((x) => x.start === at)) written.push({ start: at, end: at + name.length, name });
    }
    for (const span of written) {
      const v = TAKES_OFFICE.exec(text.slice(span.end, span.end + 4));
      if (!v) continue;
      const chainFrom = span.end + v[0].length;
      let chainEnd = chainFrom;
      while (chainEnd < text.length && chainEnd - chainFrom < 30 && !/[,;。:\n(]/.test(text[chainEnd])) chainEnd++;
      const posts = parseChain(doc, chainEnd, orgByEnd, chainFrom);
      if (!posts.length || posts[0].start !== chainFrom || !posts.some((p) => p.org)) continue;
      holds(doc.mention('Person', name, span.start, span.end), posts, span.start, chainEnd);
      tentative.delete(name);
    }
  }
  // 选举A、B、C四位同志为县第十届政协委员会副主席 / 选举A、B等47人为…常务委员: each name takes the post.
  for (const m of text.matchAll(/(?:选举|任命)(?:产生)?([^,。;:为]{2,80}?)为([^,。;:]{2,40}?)(?=[,。;]|$)/gmu)) {
    const listStart = m.index! + m[0].indexOf(m[1], 2);
    const chainFrom = listStart + m[1].length + 1;
    const posts = parseChain(doc, chainFrom + m[2].length, orgByEnd, chainFrom);
    if (!posts.length || posts[0].start !== chainFrom || !posts.some((p) => p.org)) continue;
    const list = m[1].replace(/(?:等)?(?:\d+|[一二三四五六七八九十两]+)[位名人](?:同志)?$|同志$/u, '');
    let offset = listStart;
    for (const item of list.split('、')) {
      const at = offset;
      offset += item.length + 1;
      if (nameAt(text, at) !== item && listedName(text, at, false) !== item) continue;
      holds(doc.mention('Person', item, at, at + item.length), posts, listStart, chainFrom + m[2].length);
      if (!names.has(item)) names.set(item, [{ start: at, end: at + item.length, name: item }]);
    }
  }
  // 某某,男,汉族,…,现任市委常委,常务副市长、党组副书记。 — a profile's present posts, in one or more chains.
  for (const m of text.matchAll(/([\p{Script=Han}]{2,4}),[男女][,(][^。\n]{0,200}?现任([^。\n;]{2,100})/gu)) {
    const nameStart = m.index!;
    if (nameAt(text, nameStart) !== m[1]) continue;
    const id = doc.mention('Person', m[1], nameStart, nameStart + m[1].length);
    let segStart = m.index! + m[0].length - m[2].length;
    for (const seg of m[2].split(',')) {
      const from = segStart;
      segStart += seg.length + 1;
      const posts = parseChain(doc, from + seg.length, orgByEnd, from);
      if (posts.length && posts[0].start === from) holds(id, posts, from, from + seg.length);
    }
  }
  // A name read only for this that took no post is no name.
  for (const name of tentative) names.delete(name);
  for (const m of text.matchAll(/任命(为)?/g)) {
    const at = m.index!;
    let name: string | undefined, chainFrom: number;
    if (m[1]) {
      const before = text.slice(Math.max(0, at - 8), at);
      name = [...names.keys()].find((n) => new RegExp(`${n}(因|已)?(被)?$`).test(before));
      chainFrom = at + m[0].length;
    } else {
      // 任命A、B、C为…: every name listed before 为 takes the posts after it.
      const listed: { start: number; name: string }[] = [];
      let p = at + 2;
      for (;;) {
        const candidate = nameAt(text, p) ?? listedName(text, p, false);
        if (!candidate) break;
        listed.push({ start: p, name: candidate });
        p += candidate.length;
        if (text.startsWith('同志', p)) p += 2;
        if (text[p] !== '、') break;
        p++;
      }
      if (!listed.length || text[p] !== '为') continue;
      if (listed.length > 1) {
        let end = p + 1;
        while (end < text.length && !/[,;。:\n]/.test(text[end])) end++;
        const posts = parseChain(doc, end, orgByEnd, p + 1);
        for (const l of listed) if (posts.length) holds(doc.mention('Person', l.name, l.start, l.start + l.name.length), posts, p + 1, end);
        continue;
      }
      name = listed[0].name;
      chainFrom = p + 1;
    }
    if (!name) continue;
    let chainEnd = chainFrom;
    while (chainEnd < text.length && !/[,;。:\n]/.test(text[chainEnd])) chainEnd++;
    const posts = parseChain(doc, chainEnd, orgByEnd, chainFrom);
    if (!posts.length) continue;
    const nameStart = m[1] ? text.lastIndexOf(name, at) : at + 2;
    if (nameStart < 0) continue;
    const personId = doc.mention('Person', name, nameStart, nameStart + name.length);
    holds(personId, posts, chainFrom, chainEnd);
  }
}

// Leadership rosters, a line per person: "某某:某市委副书记,市政府市长、党组书记". Each comma- or 、-separated
// item is [body] title; a bare title keeps the body of the item before it.
function rosterLines(doc: DocBuilder, orgs: OrgMatch[], addPerson: (s: number, n: string) => string,
  holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  const orgByStart = new Map<number, OrgMatch>();
  for (const o of orgs) orgByStart.set(o.start, o);
  for (let lineStart = 0; lineStart < text.length; lineStart = text.indexOf('\n', lineStart) + 1 || text.length) {
    const s = lineStart + (/^[\s\d.、一二三四五六七八九十()\-•·*]*/.exec(text.slice(lineStart, lineStart + 8))?.[0].length ?? 0);
    const name = nameAt(text, s);
    if (!name || text[s + name.length] !== ':') continue;
    let lineEnd = text.indexOf('\n', s) < 0 ? text.length : text.indexOf('\n', s);
    // The roster's posts end with the line or its first full stop.
    const stop = /[。;]/.exec(text.slice(s, lineEnd));
    if (stop) lineEnd = s + stop.index;
    const posts: Post[] = [];
    let prevOrg: Post['org'];
    let itemStart = s + name.length + 1;
    for (const item of text.slice(itemStart, lineEnd).split(/[,、]/)) {
      const start = itemStart;
      itemStart += item.length + 1;
      const bare = item.replace(/\((兼|挂职)\)$/, '').trim();
      // 新区党工委副书记、管委会主任: the zone's other governing body.
      const org = orgByStart.get(start) ?? zoneSibling(prevOrg, text, start);
      // 市政府市长、党组书记: the Party group of the body before it.
      const group = PARTY_GROUP_POST.exec(bare);
      if (group && prevOrg && !/党组$|委员会$/.test(prevOrg.name)) {
        const unitOrg = partyUnitOf(prevOrg.name, group[1] as '党组' | '党委');
        posts.push({ org: { ...prevOrg, ...unitOrg, start, end: start + bare.length, implied: true }, title: group[2], former: false, start, end: start + bare.length });
        continue;
      }
      // 市政府党组成员: the title that starts where the body ends (成员), not the longest (党组成员).
      const title = titlesEndingAt(text, start + bare.length).find((t) => !org || org.end <= start + bare.length - t.title.length)
        ?? titleEndingAt(text, start + bare.length);
      // A title the lexicon does not know (督察长) is passed over; prose after the roster ends it.
      if (!title || bare.length > 24) { if (posts.length && !/^[\p{Script=Han}]{2,6}$/u.test(bare)) break; else continue; }
      // A bare title keeps the body before it, unless it names its own (副市长 → the city's government);
      // after a Party group (市政府党组成员、秘书长) it is the body the group belongs to.
      const implied = bare === title.title ? impliedBody(doc, title) : undefined;
      const parent = prevOrg && bodyOfPartyUnit(prevOrg.name);
      const inherited = implied ? { ...implied, start, end: start + bare.length, implied: true }
        : parent && prevOrg ? { ...prevOrg, name: parent, aliases: [], implied: true } : prevOrg;
      const body = org && org.end <= start + bare.length - title.title.length ? org : bare === title.title ? inherited : undefined;
      if (!body) continue;
      const unit = org ? text.slice(body.end, start + bare.length - title.title.length) : '';
      if (org && unit && !INTERNAL_UNIT.test(unit)) continue;
      posts.push({ org: body, title: unit + title.title, former: false, start, end: start + bare.length });
      if (org || implied) prevOrg = body;
    }
    if (!posts.length) {
      // A roster line whose posts name no body still names a person (某某:二级巡视员).
      if (titleAt(text, s + name.length + 1)) addPerson(s, name);
      continue;
    }
    holds(addPerson(s, name), posts, s, posts[posts.length - 1].end);
  }
}

// Bylines and credits with a colon: 作者:某某, 责任编辑:某某, 文/图:某某 某某. Names separated by spaces or 、.
// (一审, 二审, 三审: the review steps of a county outlet's three-review rule, credited like 审核.)
const CREDIT_POSTS = /^(责任编辑|编辑|校对|审核|监制|终审|初审|复审|一审|二审|三审)$/;
const CREDIT = /(?:作者|责任编辑|责编|编辑|文图|图文|文\/图|摄影|记者|通讯员|校对|审核|监制|终审|初审|复审|一审|二审|三审|撰稿|供稿)[:]\s*/g;
function credits(doc: DocBuilder, addPerson: (s: number, n: string) => string,
  holds: (id: string, posts: Post[], s: number, e: number) => void, outlets: OrgMatch[]) {
  const text = doc.text;
  for (const m of text.matchAll(CREDIT)) {
    let pos = m.index! + m[0].length;
    // [编辑:某 校对:某 审核:某] under a page whose source line names its outlet: posts at that outlet.
    const label = m[0].replace(/[:\s]/g, '');
    const outlet = CREDIT_POSTS.test(label) ? outlets[0] : undefined;
    for (let k = 0; k < 4; k++) {
      const name = nameAt(text, pos) ?? creditName(text, pos);
      if (!name) break;
      const id = addPerson(pos, name);
      if (outlet) holds(id, [{ org: { ...outlet, implied: true }, title: label, former: false, start: m.index!, end: pos + name.length }], m.index!, pos + name.length);
      pos += name.length;
      if (!/^[ 、]/.test(text[pos] ?? '')) break;
      pos++;
    }
  }
}
// Names a page credits without a label before them: a photographer (央广网发 王强 摄, 张三/摄) and the author
// between a page's time and its source line (2012-03-05 16:56 宋群胜 来源:…). A person, no post.
// (Read back from each 摄 and 来源: a pattern that opens with a run of Han characters would be tried everywhere.)
const PHOTO_CREDIT = /(?:[(\s。]|^)([\p{Script=Han}]{2,3})\s*\/?$/u;
const TIMED_AUTHOR = /\d{1,2}:\d{2}(?::\d{2})?\s+([\p{Script=Han}]{2,3})\s+$/u;
function unlabelledCredits(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  const take = (at: number, re: RegExp) => {
    const m = re.exec(text.slice(Math.max(0, at - 24), at));
    if (!m) return;
    const pos = at - (m[0].length - m[0].indexOf(m[1]));
    const name = nameAt(text, pos) ?? creditName(text, pos);
    if (name === m[1]) addPerson(pos, name);
  };
  for (let at = text.indexOf('摄'); at >= 0; at = text.indexOf('摄', at + 1)) {
    if (/^[)\s。]|^$/.test(text.slice(at + 1, at + 2))) take(at, PHOTO_CREDIT);
  }
  for (let at = text.indexOf('来源'); at >= 0; at = text.indexOf('来源', at + 2)) take(at, TIMED_AUTHOR);
}

// Someone quoted under a role no post table holds (企业负责人张三介绍, 项目负责人李四表示): a person, no post.
const QUOTED_ROLE = /负责人([\p{Script=Han}]{2,3})(?:表示|介绍|说|指出|告诉|称|坦言|透露)/gu;
function quotedRoles(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  if (!text.includes('负责人')) return;
  for (const m of text.matchAll(QUOTED_ROLE)) {
    const pos = m.index! + 3;
    const name = nameAt(text, pos);
    if (name && name === m[1]) addPerson(pos, name);
  }
}

/** A two- or three-character name closing a credit line (the line or a space ends it). */
function creditName(text: string, pos: number): string | undefined {
  // A credit line's label says a name follows: names without a common surname (佳佳, 扎来特, 赛音巴图) count too.
  const m = /^([\p{Script=Han}]{2,4})(?=$|[\s、)])/u.exec(text.slice(pos, pos + 5));
  // (为 and 和 may stand in a given name: 王为民.)
  if (!m || NOT_IN_NAME.test(m[1].replace(/[为和]/g, ''))) return undefined;
  return m[1];
}

// 市法检两长A、B: the president of the court, then the chief procurator (a city's court is its 中级人民法院).
function courtAndProcuratorateHeads(doc: DocBuilder, addPerson: (s: number, n: string) => string, holds: (id: string, posts: Post[], s: number, e: number) => void) {
  const text = doc.text;
  if (!text.includes('两长')) return;
  for (const m of text.matchAll(/([省市州县区旗])?法、?检两长[:]?/gu)) {
    const level = m[1];
    const place = level ? placeRefAt(doc, m.index!, new Map())?.place : doc.places.county ?? doc.places.city;
    if (!place) continue;
    const first = m.index! + m[0].length;
    const a = nameAt(text, first) ?? listedName(text, first, false);
    if (!a || text[first + a.length] !== '、') continue;
    const second = first + a.length + 1;
    const b = nameAt(text, second) ?? listedName(text, second, false);
    if (!b) continue;
    const court = place.level === 'county' ? `${place.name}人民法院` : place.level === 'city' ? `${place.name}中级人民法院` : `${place.name}高级人民法院`;
    const bodies: [number, string, string, string][] = [[first, a, court, '院长'], [second, b, `${place.name}人民检察院`, '检察长']];
    for (const [start, name, body, title] of bodies) {
      const id = addPerson(start, name);
      holds(id, [{ org: { name: body, aliases: [], place, start: m.index!, end: m.index! + m[0].length, implied: true }, title, former: false, start: m.index!, end: start + name.length }], m.index!, start + name.length);
    }
  }
}

// 免去某某(的)…职务 / 决定免去A、B的…: the people a decision removes from a post are persons (no post).
function removals(doc: DocBuilder, addPerson: (s: number, n: string) => string) {
  const text = doc.text;
  // 免去某某…职务 / 接受某某(等)辞去…职务: the persons a removal names.
  for (const m of text.matchAll(/免去|接受(?=[\p{Script=Han}]{2,4}?等?(?:同志)?辞去)/gu)) {
    let pos = m.index! + m[0].length;
    for (let k = 0; k < 8; k++) {
      const name = nameAt(text, pos) ?? listedName(text, pos, false);
      if (!name) break;
      const after = text[pos + name.length];
      if (!(after === '、' || after === '的' || after === '同' || after === '等' || text.startsWith('辞去', pos + name.length) || titleAt(text, pos + name.length) || orgStartsAt(doc, pos + name.length))) break;
      addPerson(pos, name);
      pos += name.length;
      if (text[pos] !== '、') break;
      pos++;
    }
  }
}
function orgStartsAt(doc: DocBuilder, pos: number): boolean {
  return /^(省|市|县|区|自治区|中共|国务院)/.test(doc.text.slice(pos, pos + 3));
}
