// Sectors: lexicon terms that stand as a sector, unlisted sectors named before 产业/产业链/集群 in a
// development clause; and DEVELOPS from the places that develop them.
import { ancestorPlaceIds, ownPlaceId } from '../places.js';
import type { EconomyScan } from './scan.js';
import { afterLeadVerbs, clauseBounds, DEVELOP_VERB, enumerationBefore, findIndustryTerms, INDUSTRY_TAIL, industryLexicon, listItems } from './vocabulary.js';

export function findIndustries(scan: EconomyScan): void {
  const { text, doc } = scan;
  const terms = findIndustryTerms()(text);
  // Sectors written one after another (培育新能源新材料): each neighbour counts as a separator.
  const termStarts = new Set(terms.map((t) => t.start)), termEnds = new Set(terms.map((t) => t.end));
  for (const { start, end, term } of terms) {
    const next = text.slice(end, end + 4), prev = text[start - 1] ?? '';
    const tail = INDUSTRY_TAIL.exec(next);
    // (全省汽车产量…: a sector's output reported for the whole place.)
    const output = /^(产量|产值|产能|销量|增加值)/.test(next) && /(全省|全市|全县|全区|全州|全旗|我省|我市|我县)$/.test(text.slice(Math.max(0, start - 2), start));
    const itemLike = /^([、,。;和及与等]|加快发展|发展|集聚|壮大|提质|成链|融合|集聚区|基地|园区)/.test(next) || next === '' || termStarts.has(end) || output;
    const itemStart = /[、,:;和及与“]/.test(prev) || DEVELOP_VERB.test(text.slice(Math.max(0, start - 2), start)) || termEnds.has(start) || output;
    if (!(tail || (itemLike && itemStart))) continue;
    if (/[\p{Script=Han}]/u.test(prev) && !itemStart && !/(发展|培育|打造|做强|壮大|布局|延伸|聚焦|转型)$/.test(text.slice(Math.max(0, start - 2), start))) {
      // Inside a longer word (e.g. 风电 in 大唐风电三期): only with an explicit industry tail.
      if (!tail || tail[0] === '业') continue;
    }
    const tailInName = tail && /^(产业|行业|集群|业)/.test(tail[0]) ? tail[0] : '';
    scan.addIndustry(start, end + (tailInName && tailInName !== '业' ? tailInName.length : 0), term + (tailInName === '业' ? '业' : ''));
  }
  for (const t of text.matchAll(/(等)?(产业集群|产业链|产业|行业|生活性服务业|生产性服务业|服务业)(?!园|区|基地|体系|布局|结构|项目|链项目|工人|政策|基金|平台|化|工作|用地|人才|集聚区|示范)/gu)) {
    const s = doc.sentenceAt(t.index!);
    const clause = clauseBounds(text, t.index!, s.start, s.end);
    let listStart = t.index!;
    while (listStart > clause.start && t.index! - listStart < 40 && !/[、\n《》()]/.test(text[listStart - 1])) listStart--;
    if (t.index! - listStart < 2 && text[listStart - 1] !== '、') continue;
    const end = t.index!;
    const items = enumerationBefore(text, end, clause.start);
    const verbBefore = (at: number) => DEVELOP_VERB.test(text.slice(clause.start, at));
    const lexiconSiblings = items.filter((i) => industryLexicon().has(i.text.replace(/^[和及与]/, ''))).length;
    if (sharedSectorHead(scan, items, end)) continue;
    for (const item of items) {
      if (item.end > end) continue;
      // The sector is cut out of the item on both sides (和新材料等特色 → 新材料); its offsets follow the cut.
      let itemText = item.text.replace(/^[和及与]/, '').replace(/等.*$/, '');
      itemText = itemText.slice(itemText.lastIndexOf('的') + 1);
      // A named chain (智能缝纫设备产业链) is a sector wherever it stands.
      const namedChain = t[2] === '产业链' && item.end === end && /^[\p{Script=Han}]{3,8}$/u.test(itemText) && !NOT_A_CHAIN_NAME.test(itemText);
      if (!industryLexicon().has(itemText) && !(verbBefore(item.start) || lexiconSiblings >= 1 || namedChain)) continue;
      if (itemText.length > 10) continue;
      let itemStart = item.start + item.text.indexOf(itemText);
      const lead = placeAtStart(scan, itemStart, itemStart + itemText.length);
      if (lead) {
        itemText = itemText.slice(lead);
        itemStart += lead;
        if (itemText.length < 2) continue;
      }
      const own = /^(我市|全市|本市)/.exec(itemText);
      if (own) { itemText = itemText.slice(own[0].length); itemStart += own[0].length; }
      const parts = /及总成$/.test(itemText) ? [itemText] : itemText.split(/和|与/);
      let partStart = itemStart;
      for (const part of parts) {
        const ps = partStart;
        partStart += part.length + 1;
        // A named chain the word list reads as two sectors (油气|化工产业链) is one sector as the text names it.
        const opensWithSector = [2, 3, 4].some((n) => part.length > n && industryLexicon().has(part.slice(0, n)));
        if (namedChain && parts.length === 1 && opensWithSector && !industryLexicon().has(part) && scan.industries.some((i) => i.start >= ps && i.start < ps + part.length)) {
          scan.dropIndustriesWithin(ps, Math.max(ps + part.length, ...scan.industries.filter((i) => i.start >= ps && i.start < ps + part.length).map((i) => i.end)));
          scan.addIndustry(ps, ps + part.length, part, true);
          continue;
        }
        if (scan.industryCovers(ps, ps + part.length)) continue;
        scan.addIndustry(ps, ps + part.length, part);
      }
    }
  }
}

/** A sector read inside a longer sector's name that the text names elsewhere (新材料 in a later 铝基新材料) is that sector. */
export function longerSectorNames(scan: EconomyScan): void {
  const { text, doc } = scan;
  const names = [...new Set(scan.industries.map((i) => doc.get(i.id)?.name).filter((n): n is string => !!n))];
  for (const ind of scan.industries.slice()) {
    const name = doc.get(ind.id)?.name;
    if (!name) continue;
    const longer = names.find((n) => n.length > name.length && n.endsWith(name) && text.slice(ind.start - (n.length - name.length), ind.start) === n.slice(0, -name.length));
    if (!longer) continue;
    doc.retract('Industry', ind.start, ind.end);
    scan.industries.splice(scan.industries.indexOf(ind), 1);
    scan.addIndustry(ind.start - (longer.length - name.length), ind.end, longer, true);
  }
}

/**
 * 硅基、磁性、铝基新材料产业链: short modifiers before one sector of the lexicon are each that sector's kind
 * (硅基新材料, 磁性新材料, 铝基新材料). True when the list was read so.
 */
function sharedSectorHead(scan: EconomyScan, items: { start: number; end: number; text: string }[], end: number): boolean {
  if (items.length < 2) return false;
  const last = items[items.length - 1];
  if (last.end !== end) return false;
  const lex = industryLexicon();
  let head = '';
  for (let n = Math.min(6, last.text.length - 1); n >= 2 && !head; n--) if (lex.has(last.text.slice(-n))) head = last.text.slice(-n);
  if (!head) return false;
  const modifiers = [...items.slice(0, -1), { ...last, end: last.end - head.length, text: last.text.slice(0, -head.length) }]
    .map((m) => {
      // The list's own place (市硅基) opens the first modifier.
      const own = /^(我市|全市|本市|市|县|区)(?=[\p{Script=Han}]{2})/u.exec(m.text)?.[0].length ?? 0;
      return { start: m.start + own, end: m.end, text: m.text.slice(own) };
    });
  if (!modifiers.every((m) => m.text.length >= 1 && m.text.length <= 3 && !lex.has(m.text) && /^[\p{Script=Han}]+$/u.test(m.text))) return false;
  // The shared sector itself (新材料 of 铝基新材料) was read on its own before: it gives way.
  scan.doc.retract('Industry', last.start, end);
  for (let k = scan.industries.length - 1; k >= 0; k--) if (scan.industries[k].start >= last.start && scan.industries[k].end <= end) scan.industries.splice(k, 1);
  for (const m of modifiers) scan.addIndustry(m.start, m === modifiers[modifiers.length - 1] ? end : m.end, m.text + head);
  return true;
}

const NOT_A_CHAIN_NAME = /^(延伸|完善|补齐|补链|强链|延链|拉长|构建|打造|形成|整个|全|上下游|相关|各|重点|主导|优势|特色|传统|新兴|现代|企业|围绕|聚焦|也有|包括)|[的了和与及是在将对为把等推做实强则抓促要让使]/;

/** Length of a place name that opens [start, end) (临汾药茶 → 2), or 0. */
function placeAtStart(scan: EconomyScan, start: number, end: number): number {
  const p = scan.places.get(start);
  return p && p.end <= end && p.place.code !== 'ISO:CN' ? p.end - start : 0;
}

/**
 * DEVELOPS: a sector in a clause with a development verb, from the places that lead the clause
 * (安泽、侯马生物医药集群) or else the document's own place (a belt like 沿汾板块 is not a place).
 * Sectors inside a speech title (《…》) are what the speaker proposes, not what the place does.
 */
export function developsRelations(scan: EconomyScan): void {
  const { text, doc, places } = scan;
  const own = ownPlaceId(doc);
  const inTitle = titleMask(text);
  const ownCode = (doc.places.county ?? doc.places.city)?.code;
  const ancestors = ownCode ? ancestorPlaceIds(ownCode) : undefined;
  for (const ind of scan.industries) {
    const s = doc.sentenceAt(ind.start);
    const clause = clauseBounds(text, ind.start, s.start, s.end);
    if (inTitle[ind.start]) continue;
    const leadPlaces: string[] = [];
    for (let i = clause.start; i < ind.start; i++) {
      const p = places.get(i);
      if (p && (p.place.level === 'county' || p.place.level === 'city') && !scan.orgCovered(i, p.end)) { leadPlaces.push(`Place:${p.place.name}`); i = p.end - 1; }
    }
    const local = leadPlaces.length && /^[\p{Script=Han}、]*$/u.test(text.slice(clause.start, ind.start).replace(/高新区|开发区|经开区/g, ''));
    // A place's own 产业链 (链长制: 市硅基新材料产业链) is a sector it develops.
    const chain = /^(?:、[\p{Script=Han}]{1,10}?)*产业链/u.test(text.slice(ind.end, ind.end + 40));
    if (!DEVELOP_VERB.test(text.slice(clause.start, clause.end)) && !local && !chain) continue;
    // A county's text that names its city or province at the head of the clause (打造玉林工业新增长极、广西纺织服装
    // 领头羊) speaks of what the county develops within them.
    const onlyAncestors = local && own && ancestors && leadPlaces.every((p) => ancestors.has(p));
    const owners = onlyAncestors ? [own] : local ? leadPlaces : own ? [own] : [];
    for (const p of owners) doc.relate('DEVELOPS', p, ind.id, clause.start, clause.end);
  }
}

/** Positions inside 《…》 (one pass; asked once per sector). */
function titleMask(text: string): Uint8Array {
  const mask = new Uint8Array(text.length + 1);
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '《') open = i;
    else if (text[i] === '》' && open >= 0) { mask.fill(1, open, i); open = -1; }
  }
  return mask;
}

// A list a cue announces as the place's sectors: "调整后的10条产业链是:白酒、能源、化工新材料(含…)",
// "我市的优势产业有页岩气开发利用", "未来产业有新型储能、生物制造等". Every item is a sector (an aside
// in parentheses lists sectors too), and the place that declares them develops them.
const SECTOR_LIST_CUE = /(产业链|产业集群|产业|行业)(?:主要)?(?:是|有|为(?!例)|包括|分别是|分别为)[:]?/g;
/** A declared list's piece that is prose, or a kind of sector rather than one (战略性新兴, 优势). */
const NOT_A_DECLARED_SECTOR = /[的我这其该]|^(战略性新兴|新兴|未来|优势|主导|传统|特色|支柱)$/;

// 聚焦现代化工、新型材料、清洁能源等重点领域: the items of a list a place focuses on are sectors (the text gives
// no relation for a list of targets).
const FOCUS_LIST = /(?:聚焦|围绕|瞄准|主攻|紧盯|锁定)((?:[\p{Script=Han}]{2,8}、)+[\p{Script=Han}]{2,8}?)等(?:重点|优势|新兴|主导|特色)?(?:领域|行业|产业)/gu;
export function focusedSectorLists(scan: EconomyScan): void {
  const { text } = scan;
  if (!/聚焦|围绕|瞄准|主攻|紧盯|锁定/.test(text)) return;
  for (const m of text.matchAll(FOCUS_LIST)) {
    for (const { start, end, text: item } of listItems(m[1], m.index! + m[0].indexOf(m[1]))) {
      if (NOT_A_DECLARED_SECTOR.test(item) || scan.industryCovers(start, end)) continue;
      scan.addIndustry(start, end, item, true);
    }
  }
}

// 既包括燃油汽车、摩托车、通机装备等传统制造业,也有集成电路、新型显示等战略性新兴产业: the items before a kind
// of industry are sectors of that kind; in a sentence about the place's chains, the place develops them.
const KIND_OF_INDUSTRY = /等(?:传统制造业|传统产业|战略性新兴产业|新兴产业|未来产业|消费品行业|消费品工业|[\p{Script=Han}]{0,4}(?:制造业|行业))(?=[,。;、]|$)/gu;
const KIND_LIST_ITEMS = /(?:^|[,。;:\n(“])((?:[\p{Script=Han}]{2,14}、)+[\p{Script=Han}]{2,8})$/u;
export function kindListSectors(scan: EconomyScan): void {
  const { text, doc } = scan;
  if (!/等(?:传统|战略性新兴|新兴|未来|消费品|[\p{Script=Han}]{0,4}(?:制造业|行业))/u.test(text)) return;
  const own = ownPlaceId(doc);
  // (Read back from each 等 + kind: a pattern opening with a run of characters would be tried everywhere.)
  for (const kind of text.matchAll(KIND_OF_INDUSTRY)) {
    const from = Math.max(0, kind.index! - 80);
    const found = KIND_LIST_ITEMS.exec(text.slice(from, kind.index!));
    if (!found) continue;
    const listStart = from + found.index + found[0].length - found[1].length;
    const listEnd = kind.index! + kind[0].length;
    const s = doc.sentenceAt(listStart);
    const chains = /产业链/.test(text.slice(s.start, s.end)) && DEVELOP_VERB_OR_LIST.test(text.slice(s.start, s.end));
    for (const { start: at, text: raw } of listItems(found[1], listStart)) {
      const listed = /^(?:既包括|包括|也有|还有|以及|又有|有)/.exec(raw)?.[0].length ?? 0;
      const lead = listed + afterLeadVerbs(raw.slice(listed));
      const item = raw.slice(lead);
      if (item.length < 2 || item.length > 8 || NOT_A_DECLARED_SECTOR.test(item) || /[省市县区]$|公司|集团/.test(item)) continue;
      const id = scan.industryCovers(at + lead, at + raw.length) ? scan.industries.find((i) => i.start <= at + lead && i.end >= at + raw.length)?.id : scan.addIndustry(at + lead, at + raw.length, item, true);
      if (id && chains && own) doc.relate('DEVELOPS', own, id, s.start, listEnd);
    }
  }
}
const DEVELOP_VERB_OR_LIST = /梳理|形成|构建|培育|发展|打造|壮大|重点/;

export function cuedSectorLists(scan: EconomyScan): void {
  const { text, doc, places } = scan;
  if (!text.includes('产业')) return;
  for (const cue of text.matchAll(SECTOR_LIST_CUE)) {
    const from = cue.index! + cue[0].length;
    let end = from;
    while (end < text.length && !/[。;\n]/.test(text[end]) && end - from < 200) end++;
    const s = doc.sentenceAt(cue.index!);
    // The declaring place: one named before the cue in its sentence, else the document's own.
    let owner: string | undefined;
    for (let i = s.start; i < cue.index!; i++) {
      const p = places.get(i);
      if (p && p.place.level !== 'country') { owner = `Place:${p.place.name}`; i = p.end - 1; }
    }
    owner ??= ownPlaceId(doc);
    for (const piece of text.slice(from, end).matchAll(/[^、,()]+/g)) {
      const raw = piece[0].replace(/^(含|及|和|以及)/, '').replace(/(等.*|产业.*)$/, '');
      if (raw.length < 1 || raw.length > 10 || NOT_A_DECLARED_SECTOR.test(raw)) continue;
      const start = from + piece.index! + piece[0].indexOf(raw);
      // A single character (竹) is a sector only when the text calls it one (竹产业).
      if (raw.length === 1 && !/^产业/.test(text.slice(start + 1, start + 3))) continue;
      const parts = raw.length >= 4 && /[和及]/.test(raw.slice(1, -1)) ? raw.split(/[和及]/) : [raw];
      let offset = start;
      for (const part of parts) {
        const ps = offset;
        offset += part.length + 1;
        // Found already (a lexicon term): the declaration still says who develops it.
        const id = scan.industries.find((i) => i.start <= ps && i.end >= ps + part.length)?.id
          ?? scan.addIndustry(ps, ps + part.length, part, true);
        if (id && owner && doc.has(owner)) doc.relate('DEVELOPS', owner, id, cue.index!, ps + part.length);
      }
    }
  }
}
