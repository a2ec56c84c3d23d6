// Relations between what the other economy modules found: which company carries out which project
// (UNDERTAKES) and which sector a company or project belongs to (IN_INDUSTRY).
import { ancestorPlaceIds } from '../places.js';
import { SpansByStart } from '../../spans.js';
import type { EconomyScan } from './scan.js';
import { DEVELOP_VERB, findIndustryTerms, industryLexicon, industryName } from './vocabulary.js';

/** Companies listed as 重点/骨干企业 in a sentence about one sector belong to it (发展精品钢产业。…支持A、B等重点企业). */
export function sectorsOfListedCompanies(scan: EconomyScan): void {
  const { text, doc } = scan;
  const industriesAt = new SpansByStart(scan.industries);
  for (const [, e] of scan.enterprises) {
    const m = doc.get(e.id);
    if (!m) continue;
    for (const ev of m.evidence) {
      const s = doc.sentenceAt(ev.start);
      // The sentence itself, or a short topic sentence heading its paragraph.
      const previous = doc.sentenceAt(Math.max(0, s.start - 2));
      const topic = previous.end - previous.start <= 14 && DEVELOP_VERB.test(previous.text.slice(0, 4)) ? previous.start : s.start;
      const sectors = new Set<string>();
      for (const i of industriesAt.startingIn(topic, s.end + 1)) if (i.end <= s.end) { sectors.add(i.id); if (sectors.size > 1) break; }
      if (sectors.size === 1 && /等[^,;。]{0,8}(企业|项目)/.test(text.slice(ev.end, s.end))) doc.relate('IN_INDUSTRY', e.id, [...sectors][0], ev.start, ev.end);
    }
  }
}

/**
 * UNDERTAKES: a project named after an enterprise (宏远精密钢 ← 江油宏远), or a project of a chain sentence
 * with a single leader that no other named company claims. IN_INDUSTRY: the sector a project's name
 * carries (华能风电二期 → 风电), and the chain its sentence builds.
 */
const SECTOR_PARK = /^(.+?)(?:产业园|产业基地|产业城|产业小镇)(?:\(.*\))?$/;

export function projectLinks(scan: EconomyScan): void {
  const { doc } = scan;
  const industriesAt = new SpansByStart(scan.industries);
  const chainsAt = new SpansByStart(scan.chains);
  // Enterprises by the first two characters of each of their names: a project asks only those its name could start with.
  const byPrefix = new Map<string, { form: string; id: string }[]>();
  for (const [name, e] of scan.enterprises) {
    for (const form of [name, ...e.aliases]) {
      if (form.length < 2) continue;
      const key = form.slice(0, 2);
      byPrefix.set(key, [...(byPrefix.get(key) ?? []), { form, id: e.id }]);
    }
  }
  // A registered name's trade name (云鹰 of 广东云鹰农业集团有限公司) opens the names of its projects too.
  for (const [trade, id] of scan.tradeNames) byPrefix.set(trade.slice(0, 2), [...(byPrefix.get(trade.slice(0, 2)) ?? []), { form: trade, id }]);
  // The longest name that opens the project's (牧原集团永济分公司, not 牧原集团 as well).
  const namers = (projectName: string) => {
    const all = (byPrefix.get(projectName.slice(0, 2)) ?? []).filter((x) => projectName.startsWith(x.form));
    const longest = Math.max(0, ...all.map((x) => x.form.length));
    return new Set(all.filter((x) => x.form.length === longest || all.some((y) => y.id === x.id && y.form.length === longest)).map((x) => x.id));
  };
  for (const p of scan.projects) {
    const named = namers(p.name);
    for (const id of named) doc.relate('UNDERTAKES', id, p.id, p.start, p.end);
    // A chain lies inside the sentence it was read from, so one around p starts in p's sentence.
    const chain = chainsAt.startingIn(doc.sentenceAt(p.start).start, p.start).find((c) => p.start < c.end);
    if (chain && chain.leaders.length === 1 && ![...named].some((id) => id !== chain.leaders[0])) {
      doc.relate('UNDERTAKES', chain.leaders[0], p.id, chain.start, p.end);
    }
    const term = findIndustryTerms()(p.name).filter((t) => t.term.length >= 2).sort((a, b) => b.term.length - a.term.length)[0];
    if (term) {
      const at = p.start + term.start;
      const canonical = industryLexicon().get(term.term)!;
      const id = doc.mention('Industry', canonical, at, at + term.term.length, { surfaceIsAlias: term.term !== canonical });
      doc.relate('IN_INDUSTRY', p.id, id, p.start, p.end);
    }
    if (chain) {
      for (const ind of industriesAt.startingIn(chain.start + 1, p.start)) doc.relate('IN_INDUSTRY', p.id, ind.id, chain.start, p.end);
    }
    // A sector's park (钼产业园, 智能网联产业园, 婚庆产业园): what stands between the place and 产业园 is the sector.
    const park = SECTOR_PARK.exec(p.name);
    if (park && !term) {
      const place = scan.places.get(p.start);
      const from = place && place.end < p.start + park[1].length ? place.end - p.start : 0;
      const sectorText = park[1].slice(from).replace(/^(国家级|国家|省级|国际|现代|特色|生态|绿色)+/, '');
      const at = p.start + park[1].length - sectorText.length;
      const sector = sectorText.length <= 4 ? industryName(sectorText, true) : undefined;
      // 中小企业产业园, 创业产业园: a kind of tenant, not a sector.
      if (sector && !/[的了在和与]|企业|创业|双创|总部|孵化/.test(sectorText)) doc.relate('IN_INDUSTRY', p.id, doc.mention('Industry', sector, at, at + sectorText.length), p.start, p.end);
    }
  }
}

// 某区与A公司、B公司签约(的)P项目 / A公司签署P项目 / A公司投资建设P: the companies named before the signing
// or building verb of a sentence undertake the projects named just after it.
const SIGN_OR_BUILD = /签约|签署|签订|合作建设|投资建设|投资兴建|承建|投资/g;

export function signedProjects(scan: EconomyScan): void {
  const { text, doc } = scan;
  if (!scan.projects.length || !scan.enterprises.size) return;
  const enterpriseSpans: { id: string; start: number; end: number }[] = [];
  for (const [, e] of scan.enterprises) for (const ev of doc.get(e.id)?.evidence ?? []) enterpriseSpans.push({ id: e.id, start: ev.start, end: ev.end });
  for (const m of text.matchAll(SIGN_OR_BUILD)) {
    const at = m.index!, after = at + m[0].length;
    // 投资10亿元的P项目: the sum describes the project; no company before it invests.
    if (m[0] === '投资' && /^(?:约|超|近)?[\d.]+(?:亿|万)元的/.test(text.slice(after, after + 12))) continue;
    const s = doc.sentenceAt(at);
    // Before the verb: back to the clause's start (a comma ends it unless it separates the companies).
    let from = at;
    while (from > s.start && !/[。;:\n]/.test(text[from - 1]) && at - from < 80) from--;
    const companies = enterpriseSpans.filter((e) => e.start >= from && e.end <= at);
    if (!companies.length) continue;
    const projects = scan.projects.filter((p) => p.start >= after && p.start - after <= 12 && p.end <= s.end);
    // 分别与A、B签订了P项目和Q项目: each company its own project, in order (the projects follow one another).
    const chain = scan.projects.filter((p) => p.start >= after && p.end <= s.end).sort((a, b) => a.start - b.start)
      .filter((p, k, all) => k === 0 ? p.start - after <= 12 : p.start - all[k - 1].end <= 6);
    if (/分别/.test(text.slice(from, at)) && companies.length >= 2 && companies.length === chain.length) {
      chain.forEach((p, k) => doc.relate('UNDERTAKES', companies[k].id, p.id, companies[k].start, p.end));
      continue;
    }
    for (const p of projects) for (const c of companies) doc.relate('UNDERTAKES', c.id, p.id, c.start, p.end);
    // 镇安县与某公司签订的P项目: the signing county or city is where the project is built.
    const signer = signingPlace(scan, from, at);
    if (signer && /签/.test(m[0])) {
      const placeId = doc.mention('Place', signer.place.name, signer.start, signer.end, { level: signer.place.level, code: signer.place.code });
      for (const p of projects) doc.relate('LOCATED_IN', p.id, placeId, signer.start, p.end);
    }
  }
}

/** A county or city that signs with a company (X县与Y公司签订): named just before 与/和/同 in [from, to). */
function signingPlace(scan: EconomyScan, from: number, to: number) {
  for (let i = from; i < to; i++) {
    const p = scan.places.get(i);
    if (!p) continue;
    if ((p.place.level === 'county' || p.place.level === 'city') && /^(人民政府|政府)?[与和同]/.test(scan.text.slice(p.end, p.end + 5))) return { start: i, end: p.end, place: p.place };
    i = p.end - 1;
  }
  return undefined;
}

/**
 * A county's own news about projects (集中开工, 签约) builds them where it is: a project whose name and
 * list give no place of its own is located in the document's own county. (A city's or a province's
 * text often names projects of its counties without saying which; those are left open.)
 */
export function projectsInOwnPlace(scan: EconomyScan): void {
  const { doc, text } = scan;
  // A city's own ceremony (吉林市举行春季项目集中开工仪式) builds its projects where it is, as a county's news does.
  const city = doc.places.city;
  const ceremony = !doc.places.county && city && new RegExp(`${city.name}(?:举行|召开)[^。]{0,30}?(?:开工|签约|投产|竣工)[^。]{0,30}?(?:仪式|活动|大会)`).test(text);
  // A city's or municipality's news whose headline is about its projects (重点项目多点突破) lists its own projects.
  const headline = text.slice(0, Math.max(0, text.indexOf('\n')) || 60);
  // (A province's or region's own project news, 新疆兵团重点项目…, lists its projects as the province's when
  // no lower place is given.)
  const upper = city ?? doc.places.province;
  // (A government work report locates a project only by the place in its own name.)
  const workReport = /政府工作报告|向大会报告|在[^。\n]{2,30}人民代表大会[^。\n]{2,12}会议上/.test(text.slice(0, 400));
  const projectNews = !doc.places.county && upper && !workReport && /项目|开工|签约|投产/.test(headline);
  const own = doc.places.county ?? (ceremony || projectNews ? upper : undefined);
  if (!own || doc.places.placeholder) return;
  const placeId = `Place:${own.name}`;
  if (!doc.has(placeId)) return;
  // A project whose name carries only the province or city around the county (湖北某某项目 in a county's news),
  // or a town within it (久长街道), is in the county too.
  const around = ancestorPlaceIds(own.code);
  const within = (t: string) => {
    const code = doc.get(t)?.code;
    return !!code && ancestorPlaceIds(code).has(placeId);
  };
  for (const p of scan.projects) {
    const places = doc.relationTargets(p.id, 'LOCATED_IN');
    // In a county's news a town's project is the county's too; a city's keeps its lower place alone.
    if (places.every((t) => around.has(t) || doc.places.county && within(t))) doc.relate('LOCATED_IN', p.id, placeId, p.start, p.end);
  }
}
