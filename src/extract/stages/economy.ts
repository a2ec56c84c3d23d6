// The economy of a report: industries (sectors and chains), enterprises and the projects they carry
// out, read from the constructions government reports use for them — 以X为"链主",培育Y产业链;
// 实施A、B、C等项目; X、Y等重点企业; 发展/培育/打造 + sector — and the DEVELOPS, LEADS_CHAIN,
// UNDERTAKES, IN_INDUSTRY and LOCATED_IN relations between them.
import type { DocBuilder } from '../doc.js';
import { alternation, lazy, lexiconLines, lexiconRows, longestFirst, splitList } from '../lexicon.js';
import type { OrgMatch } from './organizations.js';
import { ownPlaceId, placeWithin, type PlaceIndex } from './places.js';

const industryLexicon = lazy(() => {
  const canonical = new Map<string, string>();
  for (const [name, aliases] of lexiconRows('industries.txt', 2)) {
    canonical.set(name, name);
    for (const a of splitList(aliases)) canonical.set(a, name);
  }
  return canonical;
});
const umbrella = lazy(() => new Set(lexiconLines('industry-umbrella.txt').map((l) => l.trim())));
const industryRe = lazy(() => new RegExp(alternation(industryLexicon().keys()), 'gu'));
const projectSuffixes = lazy(() => longestFirst(lexiconLines('project-suffixes.txt').map((l) => l.trim())));
const enterpriseSuffixes = lazy(() => lexiconRows('enterprise-suffixes.txt', 2).map(([suffix, kind]) => ({ suffix, strong: kind === 'strong' })));

const centralEnterprises = lazy(() => lexiconRows('central-enterprises.tsv', 2).map(([short, full]) => ({ short, full })));
const INDUSTRY_TAIL = /^(产业集群|产业链|产业|行业|集群|生产基地|产业园|集聚区|基地|业)/;
const DEVELOP_VERB = /(发展|培育|打造|壮大|做强|做优|做大|布局|延伸|聚焦|集聚|引进|提升|建设|推动|推进|支持|振兴|培植|构建)/;
// Verbs that open a list of projects or enterprises; the first item starts after the last of them.
const LEAD_VERBS = longestFirst([
  '开工建设', '加快建设', '建成投产', '建成', '实施', '推进', '推动', '加快', '建设', '启动', '争取', '完成', '抓好', '引进',
  '谋划', '新建', '开工', '打造', '支持', '对接', '培育', '扶持', '重点', '大力', '全力', '积极', '着力', '扎实', '发展',
  '规划', '做强', '做优', '壮大', '依托', '落地', '确保', '力争', '促进', '提速', '以',
]);
const COUNTED = /^(\d+|[一二三四五六七八九十百千×]+)(个|家|项|批|大)|^(一批|多个|若干|各类|重点|重大|一系列|其他|相关|有关|各)/;
// Verbs that end the words before a company name found by its ending (化解临投集团 → 临投集团).
const CLAUSE_VERBS = ['化解', '做好', '增加', '依法', '推动', '支持', '组建', '成立', '整合', '重组', '引进', '对接', '培育', '壮大', '做强', '发挥', '由', '对', '与', '和', '把', '将', '让', '使', '的'];
const NOT_IN_ENTERPRISE = /深入|实施|推进|加快|支持|发展|培育|建设|打造|振兴|提升|引导|鼓励|开展|国企|央企|民企|挂牌|^(对接|引进)/;
const PROJECT_AFTER = /^(建设|开工|落地|投产|建成|加快|早日|完工|签约|前期|顺利|全面|正式|已|年内|[,。、;:(]|$)/;
// Parts of a clause that make a project list item a statement instead of a name.
// A list item that ends like a statement or a campaign, not like the name of a thing being built.
// Facility names made only of generic words (城镇污水处理厂, 口袋公园, 企业技术中心) name no particular facility.
const GENERIC_FACILITY_HEAD = /^(城镇|城市|农村|乡村|乡镇|企业|市级|省级|县级|国家级|智能|智慧|龙头|口袋|中试|民航|区域|全省|全市|市区|现代|综合|新型|一批|各类|重点|大型|小型|公共|社区|街道|雨污|污水|垃圾|技术|研发|创新|孵化|数据|算力|物流|体育|文化|安全|绿色|标准化|示范)/;
const WEAK_SUFFIX = /^(改造|提质改造|拓宽改造|修复活化|基地|中心|园区|示范园|连接线|生产线)$/;
const NOT_A_PROJECT_TAIL = /(示范|发展|解决|引进|惠民|振兴|传承|一体化|性|类|量高|配置|硬化|绿化|全覆盖|落地|分别对|第[一二三四五六七八九十]|谋划|招引|服务)$/;
const NOT_IN_PROJECT = /[为×等]|发力|城中村|老旧小区|棚户区|基础设施|公共服务|补短板|产业平台|综合治理|^\d|A级|要|做好|开展|加强|更多|参与|我们|全面|进一步|持续|不断|积极|从|通过|以及|等一批|^在|^对|^把/;
const PROJECT_FOLLOW = /^(项目|工程)?(开工建设|开工|建成投产|建成通车|建成启用|建成|投产|开业|营业|开门营业|启用|通车|完工|落地|加快建设|加快推进|建设|早日|正式)/;

const isHanChar = (ch: string) => /\p{Script=Han}/u.test(ch);

interface Span { start: number; end: number; text: string }

/** Cut a list's leading verbs: "实施建邦高纯铁" → "建邦高纯铁". */
function afterLeadVerbs(s: string): number {
  let cut = 0;
  for (;;) {
    const rest = s.slice(cut);
    const verb = LEAD_VERBS.find((v) => rest.startsWith(v));
    if (!verb || rest.length - verb.length < 2) return cut;
    cut += verb.length;
  }
}

/** Items of the enumeration that ends at `end`, back to the clause start; each with its offsets. */
function enumerationBefore(text: string, end: number, clauseStart: number): Span[] {
  const raw = text.slice(clauseStart, end);
  const items: Span[] = [];
  let offset = clauseStart;
  for (const part of raw.split('、')) {
    items.push({ start: offset, end: offset + part.length, text: part });
    offset += part.length + 1;
  }
  // The first item starts after the verb that opens the list (it may be preceded by other words).
  const first = items[0];
  const lastVerb = LEAD_VERBS.map((v) => ({ v, at: first.text.lastIndexOf(v) })).filter((x) => x.at >= 0)
    .sort((a, b) => (b.at + b.v.length) - (a.at + a.v.length))[0];
  if (lastVerb && first.text.length - (lastVerb.at + lastVerb.v.length) >= 2) {
    const cut = lastVerb.at + lastVerb.v.length;
    first.start += cut; first.text = first.text.slice(cut);
  }
  const lead = afterLeadVerbs(first.text);
  first.start += lead; first.text = first.text.slice(lead);
  return items.filter((i) => i.text.length > 0);
}

function clauseBounds(text: string, at: number, s0: number, s1: number): { start: number; end: number } {
  let start = at, end = at;
  while (start > s0 && !/[,:;()“”"]/.test(text[start - 1])) start--;
  while (end < s1 && !/[,:;“”"]/.test(text[end])) end++;
  return { start, end };
}

// Words that never stand inside a sector's name: verbs, pronouns and function words of the clause around it.
const NOT_IN_SECTOR = /[把要即了在是为对从以其将我各全该]|格局|重塑|形成|保护|引擎|片区|扩规|强县|民营|主导|优势|特色|传统|用好|创新|推动|开创|强化|提升|构建|通过|努力|延长|探索|抢滩|统筹|立足|目前|领域|现代化|支持|实现|加快|推进|促进|培育|打造|发展|聚焦|做好|上游|中游|下游|产品|转型|三次|结合|融合|升级/;

function industryName(raw: string): string | undefined {
  let name = raw.replace(/(产业集群|产业链条|产业链|产业|行业|集群)$/, '').replace(/^[百千万]亿级/, '').replace(/^(大力|加快|重点|积极|着力|全力)?(发展|培育|打造|壮大|布局|延伸)/, '');
  const lex = industryLexicon();
  if (lex.has(name)) return lex.get(name);
  if (name.endsWith('业') && lex.has(name.slice(0, -1))) return lex.get(name.slice(0, -1));
  const modifier = /^(先进|绿色|高品质|智慧|特色|道地|优质|高端|新型|现代)/.exec(name);
  if (modifier && lex.has(name.slice(modifier[0].length))) return lex.get(name.slice(modifier[0].length));
  if (modifier && umbrella().has(name.slice(modifier[0].length))) return undefined;
  name = name.replace(/[的等]$/, '');
  if (name.length < 2 || name.length > 14 || NOT_IN_SECTOR.test(name.replace(/^新能源/, ''))) return undefined;
  if (umbrella().has(name) || /经济$|服务业$|^(各|全|新|多|一)/.test(name)) return undefined;
  if (!/^[\p{Script=Han}]+(\([\p{Script=Han}]+\))?[\p{Script=Han}]*$/u.test(name)) return undefined;
  return name;
}

export function extractEconomy(doc: DocBuilder, places: PlaceIndex, orgs: OrgMatch[]): void {
  const text = doc.text;
  // Areas of a division of labour (分管科技、金融工作) are not sectors.
  const areaSpans = doc.all('Area').flatMap((a) => a.evidence);
  const inArea = (s: number, e: number) => areaSpans.some((a) => s < a.end && e > a.start);
  // Characters inside an organisation's name, as a mask: asked for every candidate, so O(1).
  const orgMask = new Uint8Array(text.length + 1);
  for (const o of orgs) orgMask.fill(1, o.start, o.end);
  const orgCovered = (s: number, e: number) => { for (let i = s; i < e; i++) if (orgMask[i]) return true; return false; };
  const industryAt: { start: number; end: number; id: string }[] = [];
  const addIndustry = (start: number, end: number, raw: string) => {
    if (inArea(start, end)) return undefined;
    const name = industryName(raw);
    if (!name) return undefined;
    const id = doc.mention('Industry', name, start, end);
    industryAt.push({ start, end, id });
    return id;
  };

  // Industries: lexicon terms that stand as a sector (followed by 产业…, or as a list item / verb object),
  // and unlisted sectors named before 产业/产业链/产业集群 in a development clause.
  for (const m of text.matchAll(industryRe())) {
    const start = m.index!, end = start + m[0].length;
    const next = text.slice(end, end + 4), prev = text[start - 1] ?? '';
    const tail = INDUSTRY_TAIL.exec(next);
    const itemLike = /^([、,。;和及与等]|加快发展|发展|集聚|壮大|提质|成链|融合|集聚区|基地|园区)/.test(next) || next === '';
    const itemStart = /[、,:;和及与“]/.test(prev) || DEVELOP_VERB.test(text.slice(Math.max(0, start - 2), start));
    if (!(tail || (itemLike && itemStart))) continue;
    if (/[\p{Script=Han}]/u.test(prev) && !itemStart && !/(发展|培育|打造|做强|壮大|布局|延伸|聚焦|转型)$/.test(text.slice(0, start))) {
      // Inside a longer word (e.g. 风电 in 华润风电二期): only with an explicit industry tail.
      if (!tail || tail[0] === '业') continue;
    }
    const tailInName = tail && /^(产业|行业|集群|业)/.test(tail[0]) ? tail[0] : '';
    addIndustry(start, end + (tailInName && tailInName !== '业' ? tailInName.length : 0), m[0] + (tailInName === '业' ? '业' : ''));
  }
  for (const t of text.matchAll(/(等)?(产业集群|产业链|产业|行业|生活性服务业|生产性服务业|服务业)(?!园|区|基地|体系|布局|结构|项目|工人|政策|基金|平台|化|工作|链长|用地|人才|集聚区|示范)/gu)) {
    const s = doc.sentenceAt(t.index!);
    const clause = clauseBounds(text, t.index!, s.start, s.end);
    let listStart = t.index!;
    while (listStart > clause.start && t.index! - listStart < 40 && !/[、\n《》()]/.test(text[listStart - 1])) listStart--;
    if (t.index! - listStart < 2 && text[listStart - 1] !== '、') continue;
    const end = t.index!;
    const items = enumerationBefore(text, end, clause.start);
    const verbBefore = (at: number) => DEVELOP_VERB.test(text.slice(clause.start, at));
    const lexiconSiblings = items.filter((i) => industryLexicon().has(i.text.replace(/^[和及与]/, ''))).length;
    for (const item of items) {
      if (item.end > end) continue;
      let itemText = item.text.replace(/^[和及与]/, '').replace(/等.*$/, '');
      itemText = itemText.slice(itemText.lastIndexOf('的') + 1);
      if (!industryLexicon().has(itemText) && !(verbBefore(item.start) || lexiconSiblings >= 1) ) continue;
      if (itemText.length > 10) continue;
      const lead = placeWithin(places, item.end - itemText.length, item.end, true);
      if (lead && lead.start === item.end - itemText.length) {
        itemText = itemText.slice(lead.end - lead.start);
        if (itemText.length < 2) continue;
      }
      itemText = itemText.replace(/^(我市|全市|本市)/, '');
      const parts = /及总成$/.test(itemText) ? [itemText] : itemText.split(/和|与/);
      let partStart = item.end - itemText.length;
      for (const part of parts) {
        const ps = partStart;
        partStart += part.length + 1;
        if (industryAt.some((x) => x.start <= ps && x.end >= ps + part.length)) continue;
        addIndustry(ps, ps + part.length, part);
      }
    }
  }

  // DEVELOPS: a sector in a clause with a development verb, from the places that lead the clause
  // (安泽、侯马生物医药集群) or else the document's own place (a belt like 沿汾板块 is not a place).
  const own = ownPlaceId(doc);
  for (const ind of industryAt) {
    const s = doc.sentenceAt(ind.start);
    const clause = clauseBounds(text, ind.start, s.start, s.end);
    const clauseText = text.slice(clause.start, clause.end);
    if (text.lastIndexOf('《', ind.start) > text.lastIndexOf('》', ind.start)) continue;
    const leadPlaces: string[] = [];
    for (let i = clause.start; i < ind.start; i++) {
      const p = places.get(i);
      if (p && (p.place.level === 'county' || p.place.level === 'city') && !orgCovered(i, p.end)) { leadPlaces.push(`Place:${p.place.name}`); i = p.end - 1; }
    }
    const local = leadPlaces.length && /^[\p{Script=Han}、]*$/u.test(text.slice(clause.start, ind.start).replace(/高新区|开发区|经开区/g, ''));
    if (!DEVELOP_VERB.test(clauseText) && !local) continue;
    const owners = local ? leadPlaces : own ? [own] : [];
    for (const p of owners) doc.relate('DEVELOPS', p, ind.id, clause.start, clause.end);
  }

  // Enterprises in the constructions that name them.
  const enterprises = new Map<string, { id: string; aliases: string[] }>();
  const addEnterprise = (start: number, raw: string): string | undefined => {
    const name = raw.replace(/^[和及与、]/, '').replace(/[等]$/, '').trim();
    if (name.length < 2 || name.length > 16 || /\d|[个家项批]$|企业$|^(各|全|重点|骨干|龙头)/.test(name)) return undefined;
    if (!/^[\p{Script=Han}A-Za-z()]+$/u.test(name) || umbrella().has(name) || NOT_IN_ENTERPRISE.test(name)) return undefined;
    const from = start + raw.indexOf(name);
    const place = placeWithin(places, from, from + name.length, true);
    const aliases: string[] = [];
    if (place && place.start === from && name.length - (place.end - from) >= 2) aliases.push(name.slice(place.end - from));
    const id = doc.mention('Enterprise', name, from, from + name.length, { aliases });
    enterprises.set(name, { id, aliases });
    if (place) {
      const placeId = doc.mention('Place', place.place.name, place.start, place.end, { level: place.place.level, code: place.place.code });
      doc.relate('LOCATED_IN', id, placeId, from, from + name.length);
    }
    return id;
  };

  const chainSentences: { start: number; end: number; leaders: string[] }[] = [];
  // 以A、B等企业为"链主" / 以A为龙头 / 以A、B为代表
  for (const m of text.matchAll(/以([^,;。:以]{2,60}?)(?:等(?:企业|公司|龙头企业))?为(?:"|“)?(链主|龙头|代表|引领)/gu)) {
    const listStart = m.index! + 1;
    const ids: string[] = [];
    let offset = listStart;
    for (const part of m[1].split('、')) {
      const id = addEnterprise(offset, part);
      if (id) ids.push(id);
      offset += part.length + 1;
    }
    if (!ids.length) continue;
    const s = doc.sentenceAt(m.index!);
    chainSentences.push({ start: m.index!, end: s.end, leaders: ids });
    const rest = text.slice(m.index! + m[0].length, s.end);
    const restStart = m.index! + m[0].length;
    // 以A为"链主",培育B产业链: the chain follows the comma; 以A为龙头的B集聚区: the sector is in the same clause.
    const firstClauseEnd = restStart + ((m[2] === '链主' || !rest.startsWith('的') ? /[;。]|实施/ : /[,;。]/).exec(rest)?.index ?? rest.length);
    for (const ind of industryAt) {
      if (ind.start < restStart || ind.start > firstClauseEnd) continue;
      for (const id of ids) doc.relate(m[2] === '链主' ? 'LEADS_CHAIN' : 'IN_INDUSTRY', id, ind.id, m.index!, ind.end);
    }
  }
  // A、B等(重点|骨干)企业
  // (Matched from the 等 backwards: a lazy prefix group in the regex would be tried at every position.)
  for (const e of text.matchAll(/等(?:[\d×]+家|[一二三四五六七八九十]+家)?([\p{Script=Han}]{0,6}?)(?:企业|公司|国企|央企|民企)/gu)) {
    const s = doc.sentenceAt(e.index!);
    const clause = clauseBounds(text, e.index!, s.start, s.end);
    if (e.index! - clause.start < 2) continue;
    const m = Object.assign([text.slice(clause.start, e.index! + e[0].length), text.slice(clause.start, e.index!), e[1]], { index: clause.start });
    const items = enumerationBefore(text, m.index! + m[1].length, clause.start);
    const ids = items.map((i) => addEnterprise(i.start, i.text.replace(/^[和及与]/, ''))).filter((x): x is string => !!x);
    const sector = industryName(m[2].replace(/^(重点|骨干|龙头|头部|规上|领军|优质|链主)+/, ''));
    if (sector && m[2]) {
      const sectorId = doc.mention('Industry', sector, m.index! + m[0].length - m[2].length - 2, m.index! + m[0].length - 2);
      for (const id of ids) doc.relate('IN_INDUSTRY', id, sectorId, m.index!, m.index! + m[0].length);
    }
  }
  // Strong company endings anywhere (…集团, …有限公司).
  for (const { suffix, strong } of enterpriseSuffixes()) {
    if (!strong) continue;
    for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + suffix.length)) {
      let start = at;
      while (start > 0 && at - start < 10 && /[\p{Script=Han}A-Za-z]/u.test(text[start - 1]) && !/[、和及与的在]/.test(text[start - 1])) start--;
      const raw = text.slice(start, at + suffix.length);
      let cut = afterLeadVerbs(raw);
      for (const verb of CLAUSE_VERBS) { const k = raw.lastIndexOf(verb); if (k >= 0 && k + verb.length > cut && k + verb.length <= raw.length - suffix.length - 2) cut = k + verb.length; }
      const name = raw.slice(cut);
      const tradeName = name.slice(0, name.length - suffix.length);
      if (tradeName.length < 2 || orgCovered(start + cut, at + suffix.length) || /^[市省县区]|^(医疗|果业|建筑|国有|平台|资产|投资|交通|城投|文旅|旅游|信息科技|四建)$|[个户未]|完成|经营|资产/.test(tradeName)) continue;
      if (tradeName.length > 6 && !placeWithin(places, start + cut, at)) continue;
      addEnterprise(start + cut, name);
    }
  }

  // Projects.
  const projects: { id: string; name: string; start: number; end: number }[] = [];
  const addProject = (start: number, raw: string): string | undefined => {
    let name = raw.replace(/^[和及与]/, '').replace(/(项目|工程)$/, '').trim();
    const lead = afterLeadVerbs(name);
    name = name.slice(lead);
    if (name.length < 3 || name.length > 30 || COUNTED.test(name) || /[,;:“”"《》]/.test(name)) return undefined;
    name = name.slice(name.lastIndexOf('的') + 1).replace(/^年产[\d×.万千亿吨件台套瓦千]+/, '').replace(/^[\d×.]+(kV|KV|千伏|兆瓦|MW|万千瓦)/, '');
    if (/^(的|了|在|和|与|对|等)/.test(name) || /(等|的)$/.test(name) || NOT_IN_PROJECT.test(name) || NOT_A_PROJECT_TAIL.test(name) || name.length < 4) return undefined;
    if (industryLexicon().has(name) || enterprises.has(name)) return undefined;
    const from = start + raw.indexOf(name);
    const id = doc.mention('Project', name, from, from + name.length);
    projects.push({ id, name, start: from, end: from + name.length });
    const place = placeWithin(places, from, from + name.length, true);
    if (place && place.start === from) {
      const placeId = doc.mention('Place', place.place.name, place.start, place.end, { level: place.place.level, code: place.place.code });
      doc.relate('LOCATED_IN', id, placeId, from, from + name.length);
    }
    return id;
  };
  // 实施A、B、C等项目 / A项目
  for (const m of text.matchAll(/(等)?(一批|多个|\d+个|[一二三四五六七八九十]+个)?(重点|重大)?项目/gu)) {
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 4);
    if (!PROJECT_AFTER.test(after)) continue;
    const s = doc.sentenceAt(m.index!);
    const clause = clauseBounds(text, m.index!, s.start, s.end);
    if (m.index! - clause.start < 2) continue;
    const counted = /\d+个|[一二三四五六七八九十]+个/.test(m[2] ?? '');
    const listed = enumerationBefore(text, m.index!, clause.start);
    if (sharedKindList(listed)) continue;
    for (const item of listed) {
      // A、B等煤机制造改造升级项目: companies before one kind of project.
      const kind = /^(.+?)等(.+)$/.exec(item.text);
      if (kind && !counted && !/(街|路|道|片区|区|延|拓|桥|站|园)$/.test(kind[1]) && kind[1].length <= 8) {
        const companies = [...enumerationBefore(text, item.start, clause.start).filter((x) => x.end < item.start), { start: item.start, end: item.start + kind[1].length, text: kind[1] }];
        for (const c of companies) {
          const eid = addEnterprise(c.start, c.text);
          const pid = addProject(c.start, c.text + kind[2]);
          if (eid && pid) doc.relate('UNDERTAKES', eid, pid, c.start, m.index! + m[0].length);
        }
        continue;
      }
      // 建成投产A和B、C等3个项目: projects named only by their companies give the companies.
      if (counted && !projectSuffixes().some((x) => item.text.endsWith(x))) {
        let offset = item.start;
        for (const part of item.text.split(/[和及]/)) { addEnterprise(offset, part); offset += part.length + 1; }
        continue;
      }
      addProject(item.start, item.text);
    }
  }
  // 实施韩国LG、西安庆安压缩机整机生产等项目: bare companies, then the last company with the kind of project
  // they all carry out — one project per company (韩国LG压缩机整机生产, 西安庆安压缩机整机生产).
  function sharedKindList(items: Span[]): boolean {
    if (items.length < 2) return false;
    const companyAt = (item: Span) => {
      const place = placeWithin(places, item.start, item.end, true);
      if (!place || place.start !== item.start) return undefined;
      const rest = text.slice(place.end, item.end);
      const trade = /^([A-Za-z]+|[\p{Script=Han}]{2})/u.exec(rest);
      return trade ? place.end - item.start + trade[0].length : undefined;
    };
    const heads = items.slice(0, -1);
    if (!heads.every((i) => companyAt(i) === i.text.length)) return false;
    const last = items[items.length - 1];
    const cut = companyAt(last);
    if (!cut || last.text.length - cut < 4) return false;
    const kind = last.text.slice(cut);
    for (const item of [...heads, { ...last, text: last.text.slice(0, cut), end: last.start + cut }]) {
      const eid = addEnterprise(item.start, item.text);
      const pid = addProject(item.start, item.text + kind);
      if (eid && pid) doc.relate('UNDERTAKES', eid, pid, item.start, last.end);
    }
    return true;
  }

  // Facilities that are being planned, built or opened: …电站, …产业园, …高速 + a build verb.
  const suffixRe = new RegExp(`(?:${alternation(projectSuffixes())})(?:[一二三四五]期|扩容|扩建)?(?:\\(([^)]{1,12})\\))?`, 'gu');
  let lastEnd = 0;
  for (const sm of text.matchAll(suffixRe)) {
    // The name runs back from its ending to the clause start (at most 24 characters before the ending).
    let from = sm.index!;
    while (from > lastEnd && sm.index! - from < 24 && !/[,;:。、\n“”"《》]/.test(text[from - 1])) from--;
    lastEnd = sm.index! + sm[0].length;
    if (sm.index! - from < 2) continue;
    const paren = sm[1];
    const m = Object.assign([text.slice(from, lastEnd), text.slice(from, sm.index! + sm[0].length - (paren !== undefined ? paren.length + 2 : 0)), paren], { index: from });
    const s = doc.sentenceAt(m.index!);
    const before = text.slice(Math.max(s.start, m.index! - 6), m.index!);
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 8);
    const sc = doc.sentenceAt(m.index!);
    const cl = clauseBounds(text, m.index!, sc.start, sc.end);
    const building = /(实施|推进|建设|加快|开工|启动|新建|打造|完成|争取|建成|投产)/.test(text.slice(cl.start, m.index!))
      || /^、/.test(after) && /(开工建设|开工|建成|投产|开业|营业|启用|通车|完工|落地|加快推进|加快建设)/.test(text.slice(m.index! + m[0].length, cl.end))
      || /(开工建设|加快建设|建设|建成|打造|启动|新建|推进|实施|完成|抓好|改造|争取|创建|申建)$/.test(before) || PROJECT_FOLLOW.test(after) || /^、/.test(after) && PROJECT_FOLLOW.test(text.slice(m.index! + m[0].length).replace(/^(、[^,;。、]{2,24})+/, ''));
    let name = m[2] && /期|段/.test(m[2]) ? `${m[1]}(${m[2]})` : m[1];
    let offset = m.index!;
    const verbInside = LEAD_VERBS.map((v) => ({ v, at: name.lastIndexOf(v) })).filter((x) => x.at >= 0 && name.length - x.at - x.v.length >= 4)
      .sort((a, b) => b.at + b.v.length - (a.at + a.v.length))[0];
    if (verbInside) { offset += verbInside.at + verbInside.v.length; name = name.slice(verbInside.at + verbInside.v.length); }
    if (!building && !verbInside) continue;
    const lead = afterLeadVerbs(name);
    if (orgs.some((o) => o.start <= offset + lead && o.end >= offset + name.length)) continue;
    const suffix = projectSuffixes().find((x) => m[1].endsWith(x)) ?? '';
    // A bare kind of facility (抽水蓄能电站) names no particular one.
    if (name.length - lead - suffix.length < 2 || /^(抽水蓄能|污水处理|垃圾处理|综合)/.test(name.slice(lead)) && !placeWithin(places, offset + lead, offset + name.length)) continue;
    const head = name.slice(lead, name.length - suffix.length);
    const placed = !!placeWithin(places, offset + lead, offset + name.length);
    if (GENERIC_FACILITY_HEAD.test(head) && !placed) continue;
    // Endings that name a kind of work (改造, 基地, 中心) need a proper name in front: a place, a street, a company.
    if (WEAK_SUFFIX.test(suffix) && !placed && !/(路|街|大道|广场|桥|公园|片区|河|湖|[A-Za-z])/.test(head) && ![...enterprises.keys()].some((e) => head.startsWith(e))) continue;
    const pid = addProject(offset, name);
    // 隰吉、黎霍、浮临高速: short names before one shared ending are each a facility of that kind.
    if (pid && suffix.length >= 2) {
      let k = offset + lead - 1;
      while (text[k] === '、') {
        let j = k;
        while (j > cl.start && text[j - 1] !== '、' && isHanChar(text[j - 1])) j--;
        const short = text.slice(j, k);
        if (short.length < 2 || short.length > 4 || LEAD_VERBS.some((v) => short.includes(v))) break;
        addProject(j, short + suffix);
        k = j - 1;
      }
    }
  }

  // Enterprises listed as 重点/骨干企业 in a sentence about one sector belong to it (做强钢铁产业…支持A、B等重点企业).
  for (const [, e] of enterprises) {
    const m = doc.get(e.id);
    if (!m) continue;
    for (const ev of m.evidence) {
      const s = doc.sentenceAt(ev.start);
      // The sentence itself, or a short topic sentence heading its paragraph (发展精品钢产业。…).
      const previous = doc.sentenceAt(Math.max(0, s.start - 2));
      const topic = previous.end - previous.start <= 14 && DEVELOP_VERB.test(previous.text.slice(0, 4)) ? previous.start : s.start;
      const sectors = new Set(industryAt.filter((i) => i.start >= topic && i.end <= s.end).map((i) => i.id));
      if (sectors.size === 1 && /等[^,;。]{0,8}(企业|项目)/.test(text.slice(ev.end, s.end))) doc.relate('IN_INDUSTRY', e.id, [...sectors][0], ev.start, ev.end);
    }
  }

  // A project named after a nationally known group (华能风电二期): the group is an enterprise too.
  for (const p of projects) {
    const group = centralEnterprises().find((g) => p.name.startsWith(g.short) && p.name.length > g.short.length + 1);
    if (group && !enterprises.has(group.short)) {
      const id = doc.mention('Enterprise', group.short, p.start, p.start + group.short.length, { aliases: [group.full] });
      enterprises.set(group.short, { id, aliases: [] });
    }
  }

  // A project named after a local company (霍州煤电谭坪煤矿): place + trade name + a company ending.
  for (const p of projects) {
    const place = placeWithin(places, p.start, p.end, true);
    if (!place || place.start !== p.start) continue;
    for (const { suffix } of enterpriseSuffixes()) {
      const at = p.name.indexOf(suffix, place.end - p.start);
      if (at < 0 || at + suffix.length >= p.name.length || at - (place.end - p.start) > 4) continue;
      addEnterprise(p.start, p.name.slice(0, at + suffix.length));
      break;
    }
  }

  // UNDERTAKES: a project named after an enterprise (建邦高纯铁 ← 侯马建邦), or the only project of a chain sentence's single leader.
  for (const p of projects) {
    for (const [name, e] of enterprises) {
      if ([name, ...e.aliases].some((n) => n.length >= 2 && p.name.startsWith(n))) doc.relate('UNDERTAKES', e.id, p.id, p.start, p.end);
    }
    const chain = chainSentences.find((c) => p.start > c.start && p.start < c.end);
    if (chain && chain.leaders.length === 1 && ![...enterprises.entries()].some(([n, e]) => e.id !== chain.leaders[0] && [n, ...e.aliases].some((a) => a.length >= 2 && p.name.startsWith(a)))) {
      doc.relate('UNDERTAKES', chain.leaders[0], p.id, chain.start, p.end);
    }
    // IN_INDUSTRY: a sector the project's name carries (华能风电二期 → 风电), or the chain its sentence builds.
    const carried = [...industryLexicon().entries()].filter(([form]) => form.length >= 2 && p.name.includes(form))
      .sort((a, b) => b[0].length - a[0].length)[0];
    if (carried) {
      const at = p.start + p.name.indexOf(carried[0]);
      const id = doc.mention('Industry', carried[1], at, at + carried[0].length, { surfaceIsAlias: carried[0] !== carried[1] });
      doc.relate('IN_INDUSTRY', p.id, id, p.start, p.end);
    }
    if (chain) {
      for (const ind of industryAt) if (ind.start > chain.start && ind.start < p.start) doc.relate('IN_INDUSTRY', p.id, ind.id, chain.start, p.end);
    }
  }
}
