// Finding place mentions in text and inferring which place a document is about.
//
// Matching is a left-to-right scan over a character trie of every full name, alias and
// short form: at each position the longest name that resolves wins and the scan jumps
// past it. Resolution applies the ambiguity rules (see resolve) — place names in Chinese
// are very often ordinary words (和平, 城区, 朝阳), so most of the work is saying no.
import { readFileSync } from 'node:fs';
import { trieChild } from './gazetteer.js';
import type {
  GazetteerIndex, NameCandidate, NameRecord, PlaceContext, PlaceEntry, PlaceMatch, TrieNode,
} from './gazetteer.js';

const LEVEL_RANK: Record<PlaceEntry['level'], number> = { country: 5, province: 4, city: 3, county: 2, town: 1 };

/** After a bare short form these start a street, station, hotel, park or landform named
 * after the place (太原街, 太原站, 中山公园, 吕梁山), not a mention of the place itself. */
const NOT_A_PLACE_AFTER_SHORT = [
  '路', '街', '大道', '大街', '巷', '站', '机场', '宾馆', '酒店', '饭店', '大厦', '公园', '广场', '景区', '会堂', '礼堂', '宾馆', '山', '河', '湖', '桥',
];

/** Characters after which a one-character county name (古县, 和县, 范县) can begin: anything
 * else is likely the end of a word that swallows it (示范县, 区和县, 现代县域, 振兴县域). */
const BEFORE_ONE_CHARACTER_NAME = new Set([...'在和与及同到赴至从对向于是了等把将为由被经给赴往自']);

const isHan = (code: number): boolean => code >= 0x3400 && code <= 0x9fff;

/** Single-character surnames, for the 张玉林 rule below; from the shared surname lexicon if present. */
let surnameChars: Set<number> | undefined;
function surnames(): Set<number> {
  if (!surnameChars) {
    surnameChars = new Set();
    try {
      const raw = readFileSync(new URL('../../data/lexicon/surnames.txt', import.meta.url), 'utf8');
      for (const line of raw.split('\n')) {
        if (line.startsWith('#')) continue;
        for (const w of line.split(/\s+/)) if (w.length === 1) surnameChars.add(w.charCodeAt(0));
      }
    } catch { /* no lexicon: the rule simply never fires */ }
  }
  return surnameChars;
}

/** Delimiters around a name in a list of people (、张玉林、). */
const LIST_DELIMITERS = new Set([...'、,，。;；:：()（） \n']);

/** A two-character short form right after a surname, with list delimiters on both sides, is a
 * person's given name (、张玉林、 is not 玉林市). Narrow on purpose: only lists of names. */
function isPersonName(text: string, start: number, end: number): boolean {
  if (end - start !== 2 || start === 0) return false;
  if (!surnames().has(text.charCodeAt(start - 1))) return false;
  const before = start >= 2 ? text[start - 2] : '\n';
  const after = end < text.length ? text[end] : '\n';
  return LIST_DELIMITERS.has(before) && (LIST_DELIMITERS.has(after) || text.startsWith('同志', end));
}
const NOT_A_PLACE_FIRST_CHARS = new Set(NOT_A_PLACE_AFTER_SHORT.map((w) => w.charCodeAt(0)));

/** The entry is the place `code` or lies within it (walks at most four parents). */
function isUnder(index: GazetteerIndex, entry: PlaceEntry, code: string | undefined): boolean {
  if (!code) return false;
  for (let e: PlaceEntry | undefined = entry; e; e = e.parentCode ? index.entries.get(e.parentCode) : undefined) {
    if (e.code === code) return true;
  }
  return false;
}

/** The entry is the document's own place (its province, city or county itself). */
function isOwnPlace(entry: PlaceEntry, ctx: PlaceContext): boolean {
  return entry.code === ctx.provinceCode || entry.code === ctx.cityCode || entry.code === ctx.countyCode;
}

/** Does some place name (full or short, ≥ 2 chars) start at pos? Used to keep 山西/河南 after a short form. */
function placeNameStartsAt(index: GazetteerIndex, text: string, pos: number): boolean {
  let node: TrieNode | undefined = index.trie;
  for (let j = pos; j < text.length && node; j++) {
    node = trieChild(node, text.charCodeAt(j));
    if (node?.record && node.record.candidates.length > 0 && !node.record.blocker) return true;
  }
  return false;
}

function followedByNonPlaceWord(index: GazetteerIndex, text: string, end: number): boolean {
  if (end >= text.length || !NOT_A_PLACE_FIRST_CHARS.has(text.charCodeAt(end))) return false;
  if (!NOT_A_PLACE_AFTER_SHORT.some((w) => text.startsWith(w, end))) return false;
  return !placeNameStartsAt(index, text, end);
}

/** Does the text name this town in full somewhere? (Remembered for the text being scanned.) */
let fullNames: { text: string; seen: Map<string, boolean> } = { text: '', seen: new Map() };
function namedInFull(text: string, name: string): boolean {
  if (fullNames.text !== text) fullNames = { text, seen: new Map() };
  let known = fullNames.seen.get(name);
  if (known === undefined) fullNames.seen.set(name, (known = text.includes(name)));
  return known;
}

/** Whether one reading of a surface is admissible here, before choosing among readings.
 * `local` is a place matched immediately before (山西省|临汾市|尧都区): its children are in scope. */
function admissible(
  index: GazetteerIndex, record: NameRecord, cand: NameCandidate, text: string, start: number, end: number,
  ctx: PlaceContext, local: PlaceEntry | undefined,
): boolean {
  const { entry, kind } = cand;
  const underLocal = local !== undefined && entry.parentCode === local.code;
  if (record.stop === 'never') return underLocal;
  if (record.stop === 'context-only' && !underLocal && !isOwnPlace(entry, ctx)) return false;

  if (kind === 'short') {
    if (followedByNonPlaceWord(index, text, end) || isPersonName(text, start, end)) return false;
    if (entry.level === 'town') return underLocal || namedInFull(text, entry.name);
    if (entry.level === 'county') {
      // A bare county form is a word until the document (or the preceding place) puts us in its city.
      if (underLocal || isUnder(index, entry, ctx.cityCode) || isUnder(index, entry, ctx.countyCode)) return true;
      return !ctx.cityCode && isUnder(index, entry, ctx.provinceCode);
    }
    return true;
  }

  // Full names and suffixed aliases.
  const next = text.charCodeAt(end);
  if (record.surface.endsWith('市') && next === 0x573a /* 场: 东方市场 is a market */) return false;
  if (record.surface.endsWith('区') && next === 0x57df /* 域: X区域 is a region */) return false;
  if (record.surface.length === 2 && entry.level === 'county' && start > 0 && !underLocal && !isOwnPlace(entry, ctx)) {
    const before = text.charCodeAt(start - 1);
    if (isHan(before) && !BEFORE_ONE_CHARACTER_NAME.has(text[start - 1])) return false;
  }
  // Towns need no test here: they come only from the trie of the document's or the preceding
  // place's scope (see findPlaceMentions).
  return true;
}

/** How strongly the context vouches for an entry: the preceding place first, then the
 * document's county, city, province. */
function affinity(index: GazetteerIndex, entry: PlaceEntry, ctx: PlaceContext, local: PlaceEntry | undefined): number {
  if (local && isUnder(index, entry, local.code)) return 4;
  if (isUnder(index, entry, ctx.countyCode)) return 3;
  if (isUnder(index, entry, ctx.cityCode)) return 2;
  if (isUnder(index, entry, ctx.provinceCode)) return 1;
  return 0;
}

function resolve(
  index: GazetteerIndex, record: NameRecord, text: string, start: number, end: number, ctx: PlaceContext, local: PlaceEntry | undefined,
): NameCandidate | undefined {
  let readings = record.candidates.filter((c) => admissible(index, record, c, text, start, end, ctx, local));
  if (readings.length <= 1) return readings[0];
  // A bare county form is the weakest reading: 河北 is the province before it is 天津's 河北区.
  if (readings.some((c) => c.kind === 'short' && LEVEL_RANK[c.entry.level] >= LEVEL_RANK.city)) {
    readings = readings.filter((c) => !(c.kind === 'short' && c.entry.level === 'county'));
  }
  if (readings.length === 1) return readings[0];

  let best = -1;
  let top: NameCandidate[] = [];
  for (const c of readings) {
    const a = affinity(index, c.entry, ctx, local);
    if (a > best) { best = a; top = [c]; } else if (a === best) top.push(c);
  }
  if (top.length === 1) return top[0];
  // Still ambiguous: a higher level wins if it is the only one at that level (吉林 → 吉林省).
  const maxRank = Math.max(...top.map((c) => LEVEL_RANK[c.entry.level]));
  const highest = top.filter((c) => LEVEL_RANK[c.entry.level] === maxRank);
  return highest.length === 1 ? highest[0] : undefined;
}

/** Places a preceding adjacent match can scope: its children are read under it. */
const SCOPING_LEVELS = new Set<PlaceEntry['level']>(['country', 'province', 'city', 'county']);

/** The unit whose towns a document may mention: its city, else its county, else its municipality. */
function townScopeOf(index: GazetteerIndex, ctx: PlaceContext): string | undefined {
  if (ctx.cityCode) return ctx.cityCode;
  if (ctx.countyCode) return ctx.countyCode;
  return ctx.provinceCode && index.municipalities.has(ctx.provinceCode) ? ctx.provinceCode : undefined;
}

/** Most names that can start at one position (trie paths are short; this is ample). */
const MAX_CANDIDATES = 64;

/** Names starting at i below `first` (the trie node of text[i]): appends (end, record) pairs
 * to the buffers from index n, shortest first; returns the new n. */
function collectPath(first: TrieNode, text: string, i: number, ends: Int32Array, records: NameRecord[], n: number): number {
  let node: TrieNode | undefined = first;
  for (let j = i + 1; node && n < MAX_CANDIDATES; j++) {
    if (node.record) { ends[n] = j; records[n] = node.record; n++; }
    if (j >= text.length) break;
    node = trieChild(node, text.charCodeAt(j));
  }
  return n;
}

/**
 * The two-character beginnings of a trie's names as a Bloom-style bit set: a clear bit for (c1, c2) means
 * no name begins with that pair, so the scan need not walk the trie there (most characters that begin
 * some name are followed by one that continues none). `always` is set when a one-character name exists:
 * then the set can rule nothing out.
 */
interface PairFilter { bits: Uint32Array; mask: number; always: boolean }

const pairFilters = new WeakMap<TrieNode, PairFilter>();

function forEachChild(node: TrieNode, visit: (ch: number, child: TrieNode) => void): void {
  if (node.many) for (const [ch, child] of node.many) visit(ch, child);
  else if (node.only !== null) visit(node.ch, node.only);
}

/** The pair filter of a trie root, built on first use; log2Bits sizes it (the main trie has far more names than a town scope). */
function pairFilter(root: TrieNode, log2Bits: number): PairFilter {
  let filter = pairFilters.get(root);
  if (!filter) {
    const mask = (1 << log2Bits) - 1;
    const bits = new Uint32Array(1 << (log2Bits - 5));
    let always = false;
    forEachChild(root, (c1, first) => {
      if (first.record) always = true;
      forEachChild(first, (c2) => {
        const h = pairHash(c1, c2) & mask;
        bits[h >>> 5] |= 1 << (h & 31);
      });
    });
    filter = { bits, mask, always };
    pairFilters.set(root, filter);
  }
  return filter;
}

const pairHash = (c1: number, c2: number): number => Math.imul(c1, 40503) ^ c2;

/** Might a name of the filter's trie begin with text[i] text[i + 1]? (false: certainly not) */
function mayBegin(filter: PairFilter, text: string, i: number): boolean {
  if (filter.always) return true;
  const h = pairHash(text.charCodeAt(i), text.charCodeAt(i + 1)) & filter.mask;
  return (filter.bits[h >>> 5] & (1 << (h & 31))) !== 0;
}

export function findPlaceMentions(index: GazetteerIndex, text: string, ctx: PlaceContext): PlaceMatch[] {
  const matches: PlaceMatch[] = [];
  const firstChar = index.firstChar;
  const mainPairs = pairFilter(index.trie, 20);
  const docScope = townScopeOf(index, ctx);
  const docTowns = docScope ? index.towns().scopeTrie(docScope) : null;
  const townPairs = docTowns ? pairFilter(docTowns, 16) : null;
  // Reused per position: candidate names starting here from the main trie and the town tries.
  // (Plain counters, not array.length = 0: resetting lengths dominated the scan.)
  const ends = new Int32Array(MAX_CANDIDATES);
  const records: NameRecord[] = new Array(MAX_CANDIDATES);
  let i = 0;
  while (i < text.length) {
    const ch = text.charCodeAt(i);
    const first = firstChar[ch];
    let n = first && mayBegin(mainPairs, text, i) ? collectPath(first, text, i, ends, records, 0) : 0;
    if (docTowns && mayBegin(townPairs!, text, i)) {
      const t = trieChild(docTowns, ch);
      if (t) n = collectPath(t, text, i, ends, records, n);
    }
    const prev = matches.length > 0 ? matches[matches.length - 1] : undefined;
    // (龙楼至昌洒: the other end of a route named from a town is a town of the same county.)
    const routeEnd = prev !== undefined && prev.end === i - 1 && text.charCodeAt(i - 1) === 0x81f3 /* 至 */;
    const local = prev && prev.end === i && SCOPING_LEVELS.has(prev.entry.level) ? prev.entry
      : routeEnd ? (prev.entry.level === 'town' && prev.entry.parentCode ? index.entries.get(prev.entry.parentCode) : prev.entry) : undefined;
    if (local && local.level !== 'country' && local.code !== docScope) {
      const localTowns = index.towns().scopeTrie(local.code);
      const t = localTowns && trieChild(localTowns, ch);
      if (t) n = collectPath(t, text, i, ends, records, n);
    }
    if (n === 0) { i++; continue; }

    // Longest first; at equal length the main trie (collected first) before towns.
    let advanced = false;
    for (let tried = 0; tried < n && !advanced; tried++) {
      let k = -1;
      for (let c = 0; c < n; c++) if (ends[c] > 0 && (k < 0 || ends[c] > ends[k])) k = c;
      const record = records[k];
      const end = ends[k];
      ends[k] = 0; // tried
      if (record.blocker) { i = end; advanced = true; break; }
      const reading = resolve(index, record, text, i, end, ctx, local);
      if (reading) {
        matches.push({ start: i, end, surface: record.surface, entry: reading.entry, viaShortName: reading.kind !== 'full' });
        i = end;
        advanced = true;
      }
    }
    if (!advanced) i++;
  }
  return matches;
}

// ---------------------------------------------------------------------------------------
// The document's own place.

/** A county mention must be this frequent, and more frequent than its city's own name,
 * before we say the document is about the county rather than the city. */
const MIN_COUNTY_MENTIONS = 3;
const DATELINE_AFTER = /^(\d{1,2}月)?\d{1,2}日(讯|电)|^(讯|电)[ ()]/;
const BARE_CITY_BODY = /(?:^|[^\p{Script=Han}]|[在和与及对向由经为副、])市(?:委|政府|人民政府|长|人大|政协)/u;
const SELF_PROVINCE = /[我全本]省/g;
const SELF_CITY = /[我全本]市/g;
const BARE_COUNTY_BODY = /[区县旗](?:第?[一二三四五六七八九十]+届)?(?:委|政府|人大|政协|长|纪委)/g;
const HAN_BEFORE = /\p{Script=Han}/u;
// Function words that may stand before a bare 县委 without making it part of a longer word (在县委, 和县委), and 副 (副县长).
const WORD_BEFORE = /[在和与及对向由经为副]/;
// 全县/我县/本县/全旗: how a county's own text speaks of itself (全区 is left out: autonomous regions say it too).
const SELF_COUNTY = /[我全本][县旗]/g;
/** Does the text name a body by a bare 区/县/旗 (区委书记, 县政府, 县十八届人大) — not as part of a longer word
 * (某某县委) — or speak of itself as 全县/我县 more than once? */
function bareCountyBodies(text: string): boolean {
  BARE_COUNTY_BODY.lastIndex = 0;
  for (let m = BARE_COUNTY_BODY.exec(text); m; m = BARE_COUNTY_BODY.exec(text)) {
    const before = text[m.index - 1];
    if (before === undefined || !HAN_BEFORE.test(before) || WORD_BEFORE.test(before)) return true;
  }
  return (text.match(SELF_COUNTY) ?? []).length >= 2;
}
/** The province's name must be this many times as frequent as the top city's score for a
 * document to count as being about the province as a whole. */
const PROVINCE_DOMINANCE = 2;

/**
 * Which place the text is about, by counting mentions:
 * - Pass 1 (no context): cities and province-level municipalities score their own mentions,
 *   and each county mention votes for its city (or municipality). The best score wins; ties go
 *   to the place mentioned first. Result: `{provinceCode, cityCode}`.
 * - A municipality (北京市/上海…) wins as a unit: result `{provinceCode: <municipality>}`, no cityCode.
 * - A county-level city directly under a province (济源市) wins as itself: `{provinceCode, countyCode}`.
 * - If some province is named more than PROVINCE_DOMINANCE times as often as the winning city
 *   scores, or no city is mentioned at all, the result is `{provinceCode}` for the most
 *   mentioned province.
 * - Pass 2 (with the city as context, so county short forms count): if one county is mentioned
 *   at least MIN_COUNTY_MENTIONS times and more often than the city itself, countyCode is set too.
 * - Nothing found: `{}`.
 */
type Finder = (index: GazetteerIndex, text: string, ctx: PlaceContext) => PlaceMatch[];

export function inferPlaceContext(index: GazetteerIndex, text: string, find: Finder = findPlaceMentions): PlaceContext {
  const provinceMentions = new Map<string, number>();
  const unitScore = new Map<string, number>(); // city, municipality or directly administered county
  const unitDirect = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const countyMatches: string[] = [];

  for (const m of find(index, text, {})) {
    const e = m.entry;
    // A news dateline (某某社北京5月15日电, 某某网某地讯) says where the agency filed, not what the text is about.
    if (DATELINE_AFTER.test(text.slice(m.end, m.end + 8))) continue;
    if (!firstSeen.has(e.code)) firstSeen.set(e.code, m.start);
    if (e.level === 'province') {
      bump(provinceMentions, e.code);
      if (index.municipalities.has(e.code)) { bump(unitScore, e.code); bump(unitDirect, e.code); }
    } else if (e.level === 'city') {
      bump(unitScore, e.code);
      bump(unitDirect, e.code);
    } else if (e.level === 'county' && e.parentCode) {
      countyMatches.push(e.code);
      const parent = index.entries.get(e.parentCode)!;
      const unit = parent.level === 'city' || index.municipalities.has(parent.code) ? parent.code : e.code;
      bump(unitScore, unit);
      if (!firstSeen.has(unit)) firstSeen.set(unit, m.start);
    }
  }

  // A county's own text (县委书记, 县长, 我县) that names one county only is that county's, however often
  // the province's name stands in company names (辽宁华锆…有限公司).
  const counties = new Set(countyMatches);
  if (counties.size === 1 && bareCountyBodies(text)) {
    const county = index.entries.get([...counties][0])!;
    const parent = index.entries.get(county.parentCode!);
    if (parent?.level === 'city') return { provinceCode: parent.parentCode, cityCode: parent.code, countyCode: county.code };
    if (parent && !index.municipalities.has(parent.code)) return { provinceCode: parent.code, countyCode: county.code };
  }
  // How the text speaks of itself: 我省/全省 in a province's text, 我市/全市 in a city's. A province's report
  // that names a city once in passing is still the province's.
  const selfProvince = (text.match(SELF_PROVINCE) ?? []).length, selfCity = (text.match(SELF_CITY) ?? []).length;
  const top0 = pickTop(unitScore, firstSeen);
  const provinceTop = pickTop(new Map([...provinceMentions].filter(([code]) => !index.municipalities.has(code))), firstSeen);
  if (top0 && provinceTop && selfProvince >= 2 && selfCity === 0 && index.entries.get(top0)!.level === 'city'
    && unitScore.get(top0)! === 1) return { provinceCode: provinceTop };
  const top = top0;
  if (!top) {
    const province = pickTop(provinceMentions, firstSeen);
    if (province) return ownCityOfProvinceText(index, text, province, find) ?? { provinceCode: province };
    const self = selfShortForm(index, text);
    if (!self) return {};
    const parent = index.entries.get(self.parentCode!);
    return parent?.level === 'city' ? { provinceCode: parent.parentCode, cityCode: parent.code, countyCode: self.code } : { provinceCode: self.parentCode, countyCode: self.code };
  }
  const unit = index.entries.get(top)!;
  if (unit.level === 'county') return { provinceCode: unit.parentCode, countyCode: unit.code };
  if (unit.level === 'province') return withCounty(index, text, { provinceCode: unit.code }, unitDirect.get(top) ?? 0, find);

  // A province text names cities in passing; its province's name outweighs any of them.
  const ordinaryProvinces = new Map([...provinceMentions].filter(([code]) => !index.municipalities.has(code)));
  const topProvince = pickTop(ordinaryProvinces, firstSeen);
  // (A headline that names the province and not the city, a region's 全区: the province's text, whatever
  // city its projects are named after.)
  const headline = /^\s*([^\n]{4,60})\n/.exec(text)?.[1] ?? '';
  const inHeadline = topProvince && index.entries.get(top)!.parentCode === topProvince ? find(index, headline, {}) : [];
  const provinceHeadline = inHeadline.some((m) => m.entry.code === topProvince) && !inHeadline.some((m) => m.entry.code === top || m.entry.parentCode === top);
  const regionSelf = !!topProvince && index.entries.get(topProvince)!.name.endsWith('自治区') && /[我全本]区/.test(text) && !/[区]委|区长|区政府/.test(text);
  if (topProvince && (ordinaryProvinces.get(topProvince)! > PROVINCE_DOMINANCE * unitScore.get(top)! || provinceHeadline && regionSelf)) {
    return ownCityOfProvinceText(index, text, topProvince, find) ?? { provinceCode: topProvince };
  }
  const provinceCode = unit.parentCode!;
  return withCounty(index, text, { provinceCode, cityCode: unit.code }, unitDirect.get(top) ?? 0, find);
}

function withCounty(index: GazetteerIndex, text: string, ctx: PlaceContext, unitMentions: number, find: Finder): PlaceContext {
  const counties = new Map<string, number>();
  const firstSeen = new Map<string, number>();
  for (const m of find(index, text, ctx)) {
    if (m.entry.level !== 'county') continue;
    counties.set(m.entry.code, (counties.get(m.entry.code) ?? 0) + 1);
    if (!firstSeen.has(m.entry.code)) firstSeen.set(m.entry.code, m.start);
  }
  const county = pickTop(counties, firstSeen);
  // A text that names its bodies by a bare 区/县 (区委书记, 县政府) is a county's own text: one mention
  // of the county is enough to know which. So is one whose bare 市委/市长 cannot be its prefecture's
  // (楚雄市 under 楚雄彝族自治州, whose own bodies are 州委, 州长).
  const countyEntry = county ? index.entries.get(county) : undefined;
  const cityEntry = ctx.cityCode ? index.entries.get(ctx.cityCode) : undefined;
  const countyLevelCity = !!countyEntry?.name.endsWith('市') && !!cityEntry && !cityEntry.name.endsWith('市') && BARE_CITY_BODY.test(text);
  const ownCountyBodies = bareCountyBodies(text) || countyLevelCity;
  if (county && (ownCountyBodies || counties.get(county)! >= MIN_COUNTY_MENTIONS && counties.get(county)! > unitMentions)) {
    return { ...ctx, countyCode: county };
  }
  return ctx;
}

// How a county-level text names its own bodies with a bare level word (市长, 市委, 县政府, 区人大).
const BARE_OWN_BODY = /(?:^|[^\p{Script=Han}]|[在和与及对向由经为副])([市县区旗])(?:委|政府|长|人大|政协|纪委)/gu;
/**
 * A text that names no place in full but calls itself by its short form (结合建德产业基础, 发挥建德生态优势) and
 * its bodies by a bare level word (市长, 市委): the county-level unit whose short form it repeats, when that
 * short form names one unit only and the level word fits its name (建德 → 建德市 with 市长).
 */
function selfShortForm(index: GazetteerIndex, text: string): PlaceEntry | undefined {
  const levels = new Set<string>();
  for (const m of text.matchAll(BARE_OWN_BODY)) levels.add(m[1]);
  if (!levels.size) return undefined;
  const counts = new Map<PlaceEntry, number>();
  const ends = new Int32Array(MAX_CANDIDATES);
  const records: NameRecord[] = new Array(MAX_CANDIDATES);
  for (let i = 0; i < text.length; i++) {
    const first = index.firstChar[text.charCodeAt(i)];
    if (!first) continue;
    const n = collectPath(first, text, i, ends, records, 0);
    for (let k = 0; k < n; k++) {
      const record = records[k];
      if (record.stop || record.blocker || record.surface.length < 2 || record.candidates.length !== 1) continue;
      const { entry, kind } = record.candidates[0];
      if (kind !== 'short' || entry.level !== 'county' || !levels.has(entry.name.slice(-1))) continue;
      if (followedByNonPlaceWord(index, text, ends[k]) || isPersonName(text, i, ends[k])) continue;
      counts.set(entry, (counts.get(entry) ?? 0) + 1);
    }
  }
  const ranked = [...counts].sort((a, b) => b[1] - a[1]);
  return ranked[0] && ranked[0][1] >= 2 && (ranked.length === 1 || ranked[1][1] < ranked[0][1]) ? ranked[0][0] : undefined;
}

/**
 * A text that names no city in full but calls its bodies 市委, 市长 (never 省委, 省长) is a city's, not its
 * province's: the city, or county-level city, of that province it names most (仙桃 in 中粮米业(仙桃)有限公司).
 */
function ownCityOfProvinceText(index: GazetteerIndex, text: string, provinceCode: string, find: Finder): PlaceContext | undefined {
  const levels = new Set<string>();
  for (const m of text.matchAll(BARE_OWN_BODY)) levels.add(m[1]);
  if (!levels.has('市') || /(?:^|[^\p{Script=Han}]|[在和与及对向由经为副])省(?:委|政府|长|人大|政协)/u.test(text)) return undefined;
  const counts = new Map<string, number>(), firstSeen = new Map<string, number>();
  for (const m of find(index, text, { provinceCode })) {
    const e = m.entry;
    if (!(e.level === 'city' || e.level === 'county' && e.name.endsWith('市'))) continue;
    counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
    if (!firstSeen.has(e.code)) firstSeen.set(e.code, m.start);
  }
  const top = pickTop(counts, firstSeen);
  if (!top) return undefined;
  const e = index.entries.get(top)!;
  if (e.level === 'city') return { provinceCode, cityCode: e.code };
  const parent = index.entries.get(e.parentCode!);
  return parent?.level === 'city' ? { provinceCode, cityCode: parent.code, countyCode: e.code } : { provinceCode, countyCode: e.code };
}

/** Highest count; ties go to the earliest first mention. */
function pickTop(counts: Map<string, number>, firstSeen: Map<string, number>): string | undefined {
  let best: string | undefined;
  for (const [code, n] of counts) {
    if (best === undefined) { best = code; continue; }
    const bn = counts.get(best)!;
    if (n > bn || (n === bn && (firstSeen.get(code) ?? Infinity) < (firstSeen.get(best) ?? Infinity))) best = code;
  }
  return best;
}
