// What the economy modules share while they read one document: the sectors, enterprises and projects
// found so far, and how each is registered (name clean-up, place prefix → LOCATED_IN).
import type { DocBuilder, PlaceRef } from '../../doc.js';
import type { OrgMatch } from '../organizations.js';
import { placeWithin, type PlaceIndex } from '../places.js';
import { lazy, lexiconRows, longestFirst, splitList } from '../../lexicon.js';
import {
  afterLeadVerbs, COUNTED, industryLexicon, industryName, tradeNameLength, NOT_A_LISTED_PROJECT_TAIL, NOT_A_PROJECT_TAIL, NOT_IN_ENTERPRISE, NOT_IN_REGISTERED_NAME, NOT_IN_PROJECT, PROGRAMME_WORDS, segmentSectors, umbrella,
} from './vocabulary.js';

export interface Found { id: string; start: number; end: number }

const nameRules = lazy(() => {
  const rules: Record<string, string[]> = {};
  for (const [kind, words] of lexiconRows('name-validation.tsv', 2)) rules[kind] = longestFirst(splitList(words));
  // One pass per list instead of one search per word (this runs for every candidate name).
  const any = (words: string[] | undefined) => new RegExp((words ?? []).join('|') || '(?!)', 'g');
  return { lead: any(rules.lead), tail: any(rules.tail), reject: new RegExp((rules.reject ?? []).join('|') || '(?!)') };
});

/** A candidate name cut to where the name is (see data/lexicon/name-validation.tsv): its offset in raw and the name, or undefined. */
export function cleanName(raw: string): { offset: number; name: string } | undefined {
  const { lead, tail, reject } = nameRules();
  let from = 0, to = raw.length;
  const half = Math.floor(raw.length / 2);
  lead.lastIndex = 0;
  // A verb (签约, 签署) may stand anywhere before the name; a one-character word (与, 是) only in the first half.
  for (let m = lead.exec(raw); m; m = lead.exec(raw)) {
    if (m[0].length === 1 && m.index > half) break;
    const end = m.index + m[0].length;
    if (end > from && end < to - 1) from = end;
  }
  // A quantity (10亿元以上, 4个重特大) ends the name where its number starts.
  tail.lastIndex = from + 2;
  const t = tail.exec(raw);
  if (t) {
    let cut = t.index;
    while (cut > from && /[\d.一二三四五六七八九十百千万]/.test(raw[cut - 1])) cut--;
    to = cut;
  }
  const name = raw.slice(from, to);
  if (reject.test(name)) return undefined;
  return { offset: from, name };
}
export interface ChainSentence { start: number; end: number; leaders: string[] }

export class EconomyScan {
  readonly text: string;
  readonly industries: Found[] = [];
  readonly enterprises = new Map<string, { id: string; aliases: string[] }>();
  /** Trade names of registered companies (云鹰), for projects named after them. */
  readonly tradeNames = new Map<string, string>();
  readonly projects: (Found & { name: string })[] = [];
  readonly chains: ChainSentence[] = [];
  private readonly orgMask: Uint8Array;
  private readonly industryMask: Uint8Array;
  private readonly areaSpans: { start: number; end: number }[];
  private readonly personNames: string[];

  constructor(readonly doc: DocBuilder, readonly places: PlaceIndex, readonly orgs: OrgMatch[]) {
    this.text = doc.text;
    // Characters inside an organisation's name, as a mask: asked for every candidate, so O(1).
    this.orgMask = new Uint8Array(this.text.length + 1);
    for (const o of orgs) this.orgMask.fill(1, o.start, o.end);
    this.industryMask = new Uint8Array(this.text.length + 1);
    // Areas of a division of labour (分管科技、金融工作) are not sectors.
    this.areaSpans = doc.all('Area').flatMap((a) => a.evidence);
    this.personNames = doc.all('Person').map((p) => p.name).filter((n) => n.length >= 2);
  }

  orgCovered(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.orgMask[i]) return true;
    return false;
  }

  private inArea(start: number, end: number): boolean {
    return this.areaSpans.some((a) => start < a.end && end > a.start);
  }

  /** LOCATED_IN from an entity to a place mention of the index, with [from, to) as evidence. */
  relateToPlace(id: string, p: { start: number; end: number; place: PlaceRef }, from: number, to: number): void {
    this.doc.relate('LOCATED_IN', id, this.doc.mention('Place', p.place.name, p.start, p.end, { level: p.place.level, code: p.place.code }), from, to);
  }

  private locate(id: string, from: number, to: number): void {
    const place = placeWithin(this.places, from, to, true);
    if (!place || place.start !== from) return;
    this.relateToPlace(id, place, from, to);
    // 文昌龙楼至昌洒滨海旅游公路, 六广镇广城村…基地: the towns the name goes on to name, and the other end of a route.
    for (let i = place.end; i < to; i++) {
      const p = this.places.get(i);
      if (!p || p.end > to) continue;
      if (p.place.level === 'town' || this.text[i - 1] === '至') this.relateToPlace(id, { start: i, ...p }, from, to);
      i = p.end - 1;
    }
  }

  addIndustry(start: number, end: number, raw: string, declared = false): string | undefined {
    // A body's name (市委 in 推动市委、市政府确定的产业) is no sector.
    if (this.inArea(start, end) || this.orgs.some((o) => o.start >= start && o.end <= end)) return undefined;
    const name = industryName(raw, declared);
    if (!name) return undefined;
    // 煤炭煤电煤化工, 新能源新材料: sectors written together are each a sector of the lexicon.
    // (Not for a declared list's item: the list itself says where one sector ends.)
    const pieces = declared || industryLexicon().has(name) ? undefined : segmentSectors(name);
    if (pieces) {
      const at = raw.indexOf(name) >= 0 ? start + raw.indexOf(name) : start;
      const ids = pieces.map((p) => this.addIndustry(at + p.start, at + p.start + p.term.length, p.term));
      return ids.find(Boolean);
    }
    const id = this.doc.mention('Industry', name, start, end);
    this.industries.push({ start, end, id });
    this.industryMask.fill(1, start, end);
    return id;
  }

  /** Withdraw the sectors found inside [start, end) (a longer name the text gives them replaces them). */
  dropIndustriesWithin(start: number, end: number): void {
    this.doc.retract('Industry', start, end);
    for (let k = this.industries.length - 1; k >= 0; k--) {
      if (this.industries[k].start >= start && this.industries[k].end <= end) this.industries.splice(k, 1);
    }
    this.industryMask.fill(0, start, end);
  }

  /** Is [start, end) already inside a sector found earlier? */
  industryCovers(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (!this.industryMask[i]) return false;
    return end > start;
  }

  /** An enterprise as written (place prefix kept; the bare trade name becomes an alias). */
  addEnterprise(start: number, raw0: string): string | undefined {
    const clean = cleanName(raw0);
    if (!clean || this.inArea(start, start + raw0.length)) return undefined;
    start += clean.offset;
    const raw = clean.name;
    const name = raw.replace(/^[和及与、]/, '').replace(/[等]$/, '').trim();
    if (name.length < 2 || name.length > (/公司$/.test(name) ? 28 : 16) || /\d|[个家项批]$|企业$|^(各|全|重点|骨干|龙头)/.test(name)) return undefined;
    // A registered name may hold words that are clause material elsewhere (科技发展有限公司, 城市建设投资有限公司).
    const registered = /(有限公司|有限责任公司|股份公司)$/.test(name);
    if (!/^[\p{Script=Han}A-Za-z()]+$/u.test(name) || umbrella().has(name) || (registered ? NOT_IN_REGISTERED_NAME : NOT_IN_ENTERPRISE).test(name)) return undefined;
    const from = start + raw.indexOf(name);
    // A place's name, or a piece of one (大竹 of 大竹县), is no company.
    for (let i = Math.max(0, from - 8); i <= from; i++) {
      const p = this.places.get(i);
      if (p && p.end >= from + name.length) return undefined;
    }
    const place = placeWithin(this.places, from, from + name.length, true);
    const aliases: string[] = [];
    if (place && place.start === from && name.length - (place.end - from) >= 2) aliases.push(name.slice(place.end - from));
    const id = this.doc.mention('Enterprise', name, from, from + name.length, { aliases });
    this.enterprises.set(name, { id, aliases });
    // A registered name's trade name (云鹰 of 广东云鹰农业集团有限公司) may open its projects' names; it is kept
    // apart from the aliases, which would merge other companies sharing it across documents.
    if (registered) {
      let rest = name, at = from;
      for (let p = this.places.get(at); p && p.end <= from + name.length; p = this.places.get(at)) { rest = rest.slice(p.end - at); at = p.end; }
      const trade = rest.length >= 6 ? rest.slice(0, tradeNameLength(rest)) : '';
      if (trade.length >= 2 && /^[\p{Script=Han}]+$/u.test(trade) && !this.tradeNames.has(trade)) this.tradeNames.set(trade, id);
    }
    if (place) {
      const placeId = this.doc.mention('Place', place.place.name, place.start, place.end, { level: place.place.level, code: place.place.code });
      this.doc.relate('LOCATED_IN', id, placeId, from, from + name.length);
    }
    return id;
  }

  /** A project by its name, without a trailing 项目 and the verbs and quantities before it. */
  addProject(start: number, raw0: string, listed = false): string | undefined {
    const clean = cleanName(raw0);
    // Items of a division of labour (分管…城际铁路建设) are areas of work, not projects.
    if (!clean || this.inArea(start, start + raw0.length)) return undefined;
    start += clean.offset;
    const raw = clean.name;
    let name = raw.replace(/^[和及与]/, '').replace(/项目$/, '').trim();
    name = name.slice(afterLeadVerbs(name));
    if (name.length < 3 || name.length > (listed ? 45 : 30) || COUNTED.test(name) || /[,;:“”"《》]/.test(name) || !/[\p{Script=Han}]{2}/u.test(name)) return undefined;
    name = name.slice(name.lastIndexOf('的') + 1).replace(/^[\d×.]+(kV|KV|千伏|兆瓦|MW|万千瓦)/, '');
    // …的有兴业县某某工程: the 有 that lists it is no part of the name.
    if (/^有/.test(name) && this.places.get(start + raw.indexOf(name) + 1)) name = name.slice(1);
    // 市星悦南岸: a bare level word in front is the owner, not the name (市场, 县城, 区块链 are words).
    if (/^[省市县区](?!场|城|块|域|政|道|属|级|委|府|直|内|外|中|里|区|县|镇)/.test(name) && name.length >= 5) name = name.slice(1);
    if (/^(的|了|在|和|与|对|等)/.test(name) || /(等|的|和|及|与)$/.test(name) || NOT_IN_PROJECT.test(name) || (!listed && PROGRAMME_WORDS.test(name)) || (listed ? NOT_A_LISTED_PROJECT_TAIL : NOT_A_PROJECT_TAIL).test(name) || name.length < 4) return undefined;
    if (industryLexicon().has(name) || this.enterprises.has(name)) return undefined;
    // A person's name inside (叶露中听取了产业园) makes it a clause.
    if (this.personNames.some((p) => name.includes(p))) return undefined;
    const from = start + raw.indexOf(name);
    const id = this.doc.mention('Project', name, from, from + name.length);
    this.projects.push({ id, name, start: from, end: from + name.length });
    this.locate(id, from, from + name.length);
    return id;
  }
}
