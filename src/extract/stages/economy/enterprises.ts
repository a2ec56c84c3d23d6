// Enterprises in the constructions that name them: chain leaders (以A、B等企业为"链主"), leaders and
// exemplars (以A为龙头/为代表), lists of companies (A、B等重点企业), and names with a company ending.
import { lazy } from '../../lexicon.js';
import { placeWithin } from '../places.js';
import type { EconomyScan } from './scan.js';
import { SpansByStart } from '../../spans.js';
import { charSet } from '../../text.js';
import { afterLeadVerbs, clauseBounds, enterpriseSuffixes, enumerationBefore, industryLexicon, listItems, industryName, knownEnterprises, lastClauseVerbEnd, opensProduct, COMPANY_THEN_PRODUCT } from './vocabulary.js';

/** 以A、B等企业为"链主",培育C产业链 (LEADS_CHAIN) / 以A为龙头的C集聚区 (IN_INDUSTRY). */
export function chainLeaders(scan: EconomyScan): void {
  const { text, doc } = scan;
  const industriesAt = new SpansByStart(scan.industries);
  for (const m of text.matchAll(/以([^,;。:以]{2,60}?)(?:等(?:企业|公司|龙头企业))?为(?:"|“)?(链主|龙头|代表|引领)/gu)) {
    const ids: string[] = [];
    let offset = m.index! + 1;
    for (const part of m[1].split('、')) {
      const id = scan.addEnterprise(offset, part);
      if (id) ids.push(id);
      offset += part.length + 1;
    }
    if (!ids.length) continue;
    const s = doc.sentenceAt(m.index!);
    scan.chains.push({ start: m.index!, end: s.end, leaders: ids });
    const restStart = m.index! + m[0].length;
    const rest = text.slice(restStart, s.end);
    // 以A为"链主",培育B产业链: the chain follows the comma; 以A为龙头的B集聚区: the sector is in the same clause.
    const firstClauseEnd = restStart + ((m[2] === '链主' || !rest.startsWith('的') ? /[;。]|实施/ : /[,;。]/).exec(rest)?.index ?? rest.length);
    for (const ind of industriesAt.startingIn(restStart, firstClauseEnd + 1)) {
      for (const id of ids) doc.relate(m[2] === '链主' ? 'LEADS_CHAIN' : 'IN_INDUSTRY', id, ind.id, m.index!, ind.end);
    }
  }
  // 以A“链主”企业为核心: A leads the chain (…产业链) its sentence names.
  for (const m of text.matchAll(/以([^,;。:以]{2,40}?)["“]?链主["”]?企业为(?:核心|龙头|引领|牵引)/gu)) {
    const id = scan.addEnterprise(m.index! + 1, m[1]);
    if (!id) continue;
    const s = doc.sentenceAt(m.index!);
    for (const ind of industriesAt.startingIn(s.start, s.end)) {
      if (/^产业链/.test(text.slice(ind.end, ind.end + 3))) doc.relate('LEADS_CHAIN', id, ind.id, m.index!, m.index! + m[0].length);
    }
  }
  // 特钢材料产业链促成A等企业与链主太钢集团深度配套: the 链主 named in a sentence of one chain leads it.
  if (text.includes('链主')) for (const m of text.matchAll(/链主(?:企业)?([\p{Script=Han}]{2,8}?(?:集团|公司|股份))/gu)) {
    const s = doc.sentenceAt(m.index!);
    const chains = industriesAt.startingIn(s.start, s.end).filter((ind) => /^产业链/.test(text.slice(ind.end, ind.end + 3)));
    if (new Set(chains.map((c) => c.id)).size !== 1) continue;
    const id = scan.addEnterprise(m.index! + m[0].length - m[1].length, m[1]);
    if (id) doc.relate('LEADS_CHAIN', id, chains[0].id, m.index!, m.index! + m[0].length);
  }
}

const KIND_OF_ENTERPRISE = /^(相关|有关|各类|同类|上游|下游|配套|关联|目标|生产型|[\p{Script=Han}]{0,3}(制造|加工|生产|服务))/u;

/** A、B等(重点|骨干|网络货运)企业; a sector word before 企业 places them in it. */
export function listedEnterprises(scan: EconomyScan): void {
  const { text, doc } = scan;
  // (Matched from the 等 backwards: a lazy prefix group in the regex would be tried at every position.)
  for (const e of text.matchAll(/等(?:[\d×]+[家户个]|[一二三四五六七八九十]+[家户个])?([\p{Script=Han}]{0,6}?)(?:企业|公司|国企|央企|民企|龙头(?!产业|项目))/gu)) {
    const s = doc.sentenceAt(e.index!);
    const clause = clauseBounds(text, e.index!, s.start, s.end);
    if (e.index! - clause.start < 2) continue;
    // 入驻A、B等相关企业 / 纺织服装、鞋帽等下游鞋服制造企业: kinds of enterprise, not enterprises.
    if (KIND_OF_ENTERPRISE.test(e[1])) continue;
    const items = enumerationBefore(text, e.index!, clause.start);
    if (items.some((i) => industryLexicon().has(i.text.replace(/^[和及与]/, '')))) continue;
    const named = items.map((i) => {
      const skip = /^[和及与]/.test(i.text) ? 1 : 0;
      const lead = descriptionLength(i.text.slice(skip));
      return { start: i.start + skip + lead, text: i.text.slice(skip + lead) };
    });
    const ids = named.map((i) => scan.addEnterprise(i.start, i.text)).filter((x): x is string => !!x);
    const sectorWord = e[1];
    const sector = industryName(sectorWord.replace(/^(重点|骨干|龙头|头部|规上|领军|优质|链主)+/, ''));
    if (sector && sectorWord) {
      const end = e.index! + e[0].length - 2;
      const sectorId = doc.mention('Industry', sector, end - sectorWord.length, end);
      for (const id of ids) doc.relate('IN_INDUSTRY', id, sectorId, clause.start, e.index! + e[0].length);
    }
  }
}

// What only companies do to a list of short names: go public (助力A、B登陆资本市场) or take an investment
// (完成对A、B战略性投资).
const LISTED_ON_MARKET = /^(?:成功)?(?:登陆(?:资本市场|[\p{Script=Han}]{0,6}?(?:板|交易所))|在[\p{Script=Han}]{2,6}?上市|上市|挂牌上市|首发上市)/u;
const INVESTED_IN = /对((?:[\p{Script=Han}A-Za-z]{2,8}、)*[\p{Script=Han}A-Za-z]{2,8}?)(?:的)?(?:战略性|战略|股权)?(?:投资|入股|注资)/gu;
export function marketCompanies(scan: EconomyScan): void {
  const { text, doc } = scan;
  const add = (start: number, list: string) => {
    for (const item of listItems(list, start)) {
      if (!industryLexicon().has(item.text) && !scan.places.get(item.start)) scan.addEnterprise(item.start, item.text);
    }
  };
  if (/上市|登陆/.test(text)) for (const m of text.matchAll(/(?:登陆|上市)/gu)) {
    const s = doc.sentenceAt(m.index!);
    const clause = clauseBounds(text, m.index!, s.start, s.end);
    let end = m.index!;
    while (end > clause.start && !LISTED_ON_MARKET.test(text.slice(end, end + 12))) end--;
    if (!LISTED_ON_MARKET.test(text.slice(end, end + 12)) || end - clause.start < 2) continue;
    if (text.slice(end - 2, end) === '成功') end -= 2;
    const items = enumerationBefore(text, end, clause.start);
    if (items.length < 2 && !/助力|推动|支持|推进/.test(text.slice(clause.start, items[0]?.start ?? end))) continue;
    for (const i of items) {
      const lead = /^(?:助力|推动|支持|推进|帮助)/.exec(i.text)?.[0].length ?? 0;
      const name = i.text.slice(lead);
      if (/^[\p{Script=Han}A-Za-z]{2,8}$/u.test(name) && !industryLexicon().has(name)) scan.addEnterprise(i.start + lead, name);
    }
  }
  if (text.includes('投资') || text.includes('入股')) for (const m of text.matchAll(INVESTED_IN)) add(m.index! + 1, m[1]);
  // 晶科能源、金瑞投资入选全省民营企业营收百强; 捷泰科技获评…示范企业: honours only companies receive, given to
  // names with a company's ending.
  // (Read back from each honour word: a pattern that opens with a run of any characters would be tried everywhere.)
  if (/入选|荣登|获评|被评为|上榜/.test(text)) for (const h of text.matchAll(/(?:成功)?(?:入选|荣登|获评|被评为|上榜)/g)) {
    if (!HONOUR.test(text.slice(h.index!, h.index! + 40))) continue;
    let from = h.index!;
    while (from > 0 && h.index! - from < 80 && /[\p{Script=Han}、]/u.test(text[from - 1])) from--;
    const m = HONOURED_LIST.exec(text.slice(from, h.index!));
    if (!m) continue;
    for (const { start, text: item } of listItems(m[1], from + m.index)) {
      if (enterpriseSuffixes().some((x) => item.endsWith(x.suffix) && item.length - x.suffix.length >= 2) && !industryLexicon().has(item)) scan.addEnterprise(start, item);
    }
  }
}
const HONOUR = /^(?:成功)?(?:入选|荣登|获评|被评为|上榜)[^,。;]{0,24}?(?:百强|\d+强|企业|名单|榜|示范|冠军)/u;
const HONOURED_LIST = /((?:[\p{Script=Han}]{3,10}、)*[\p{Script=Han}]{3,10})$/u;

/** The length of a description before a company's name (世界500强企业吉利控股集团, 领军企业某某): up to its last 企业 or N强. */
function descriptionLength(s: string): number {
  return /^.*(?:企业|链主|\d+强)(?=.{2})/u.exec(s)?.[0].length ?? 0;
}

/** Names with a company ending (…集团, …有限公司), cut at the verb before them (化解青投集团 → 青投集团). */
export function companiesByEnding(scan: EconomyScan): void {
  const { text, places } = scan;
  const persons = scan.doc.all('Person').map((p) => p.name);
  for (const { suffix, strong } of enterpriseSuffixes()) {
    if (!strong) continue;
    for (let at = text.indexOf(suffix); at >= 0; at = text.indexOf(suffix, at + suffix.length)) {
      // 某某集团有限公司: the shorter ending inside a longer one is read with the longer one.
      if (/^(有限|股份|公司|控股)/.test(text.slice(at + suffix.length, at + suffix.length + 2))) continue;
      let start = at;
      // Registered names are long (湖北某某无机非金属新材料有限公司, 某某米业(仙桃)有限公司): up to 24 characters back.
      const longForm = suffix.endsWith('公司');
      while (start > 0 && at - start < (longForm ? 24 : 10) && (TRADE_NAME_CHAR()[text.charCodeAt(start - 1)] || longForm && /[()]/.test(text[start - 1]))) start--;
      // 甘肃容和矿用设备集团: a 和 inside the trade name, when the name then opens with a place.
      let throughAnd = false;
      if (text[start - 1] === '和' && longForm) {
        let ext = start - 1;
        while (ext > 0 && at - ext < 24 && TRADE_NAME_CHAR()[text.charCodeAt(ext - 1)]) ext--;
        if (ext < start - 2 && scan.places.get(ext) && scan.places.get(ext)!.end < start) { start = ext; throughAnd = true; }
      }
      while (text[start] === ')' || text[start] === '(') start++;
      const raw = text.slice(start, at + suffix.length);
      // After the lead verbs, and after the last clause verb that leaves at least two characters before the ending.
      let cut = throughAnd ? 0 : Math.max(afterLeadVerbs(raw), lastClauseVerbEnd(raw, raw.length - suffix.length - 2));
      const described = descriptionLength(raw.slice(cut, raw.length - suffix.length));
      if (described) cut += described;
      // (…500|强某某集团: the walk back stopped at the digits of the description.)
      else if (raw[cut] === '强' && /\d/.test(text[start + cut - 1] ?? '')) cut += 1;
      const name = raw.slice(cut);
      const tradeName = name.slice(0, name.length - suffix.length);
      if (tradeName.length < 2 || scan.orgCovered(start + cut, at + suffix.length) || GENERIC_TRADE_NAME.test(tradeName)) continue;
      if (tradeName.length > 6 && !placeWithin(places, start + cut, at) && !longForm) continue;
      // A person's name inside (某某听取公司…) makes it prose.
      if (persons.some((p) => name.includes(p))) continue;
      const eid = scan.addEnterprise(start + cut, name);
      // 某某有限公司30万吨/年煤制乙二醇项目: a project named by its company and product.
      const end = at + suffix.length;
      const product = longForm && eid ? /^[^,。;、:\n“”()]{2,30}?(?=项目)/.exec(text.slice(end, end + 34)) : null;
      if (product && !/^(的|是|在|和|与|等|及|签|投|将|已|正|拟|计划|抢|抓|推|加快|实施|建设|打造|争取|引进|落实)/.test(product[0]) && !/抢抓|推进|实施|打造|争取|落实/.test(product[0])) {
        const pid = scan.addProject(start + cut, name + product[0]);
        if (pid) scan.doc.relate('UNDERTAKES', eid!, pid, start + cut, end + product[0].length);
      }
    }
  }
}
/** Characters a trade name is walked back over: /[\p{Script=Han}A-Za-z]/u but not /[、和及与的在]/, as a flag per UTF-16 code unit. */
const TRADE_NAME_CHAR = lazy(() => {
  const flags = new Uint8Array(0x10000);
  const letter = /[\p{Script=Han}A-Za-z]/u;
  const stop = charSet('、和及与的在了是为到对向从由将把被给也就');
  for (let c = 0; c < 0x10000; c++) if (!stop[c] && letter.test(String.fromCharCode(c))) flags[c] = 1;
  return flags;
});

// What stands before a company ending without being a trade name (市属国有平台公司, 完成改制的公司 …).
const GENERIC_TRADE_NAME = /^[市省县区]|^(医疗|果业|建筑|国有|平台|资产|投资|交通|城投|文旅|旅游|信息科技|四建)$|[个户未]|完成|经营|资产|听取|了解|介绍|汇报/;

/** Companies a project's name carries: a central enterprise (华能风电二期) or place + trade name + ending (平遥煤电东山煤矿). */
export function enterprisesFromProjects(scan: EconomyScan, centralEnterprises: { short: string; full: string }[]): void {
  for (const p of scan.projects) {
    const group = centralEnterprises.find((g) => p.name.startsWith(g.short) && p.name.length > g.short.length + 1);
    if (group && !scan.enterprises.has(group.short)) {
      const id = scan.doc.mention('Enterprise', group.short, p.start, p.start + group.short.length, { aliases: [group.full] });
      scan.enterprises.set(group.short, { id, aliases: [] });
    }
  }
  // 汉狮高档砂纸, 汇宏新材料12万吨电解铝: a trade name, then a quantity or a quality word that opens the product.
  for (const p of [...scan.projects]) {
    const m = COMPANY_THEN_PRODUCT.exec(p.name);
    if (!m || GENERIC_TRADE_NAME.test(m[1]) || opensProduct(m[1]) || placeWithin(scan.places, p.start, p.start + m[1].length, true)?.end === p.start + m[1].length) continue;
    if ([...scan.enterprises.keys()].some((e) => p.name.startsWith(e))) continue;
    const eid = scan.addEnterprise(p.start, m[1]);
    if (eid) scan.doc.relate('UNDERTAKES', eid, p.id, p.start, p.end);
  }
  // 晶科光电蓝宝石生产, 华象科技多种金属复合板, 忠信科技控股无碱玻璃纤维: a trade name and the ending a company's
  // name keeps, then the product.
  for (const p of [...scan.projects]) {
    if ([...scan.enterprises.keys()].some((e) => p.name.startsWith(e))) continue;
    const company = tradeNameAndEnding(p.name);
    if (!company || placeWithin(scan.places, p.start, p.start + company.length, true)?.start === p.start) continue;
    const eid = scan.addEnterprise(p.start, company);
    if (eid) scan.doc.relate('UNDERTAKES', eid, p.id, p.start, p.end);
  }
  // 好未来镇江教育基地运营中心, 东鹏饮料天津基地, 国药(丹阳)器械产业园: a trade name, then the place where this
  // company builds (in parentheses or not), then the facility.
  for (const p of [...scan.projects]) {
    if ([...scan.enterprises.keys()].some((e) => p.name.startsWith(e))) continue;
    for (let n = 2; n <= 6 && n < p.name.length - 3; n++) {
      const paren = p.name[n] === '(';
      const place = scan.places.get(p.start + n + (paren ? 1 : 0));
      if (!place || place.place.level === 'country' || placeWithin(scan.places, p.start, p.start + n, true)) continue;
      const trade = p.name.slice(0, n);
      const rest = p.start + p.name.length - place.end - (paren ? 1 : 0);
      if (!/^[\p{Script=Han}A-Za-z]+$/u.test(trade) || GENERIC_TRADE_NAME.test(trade) || NOT_A_TRADE_NAME_END.test(trade) || opensProduct(trade) || rest < 2
        || paren && p.name[place.end - p.start] !== ')') break;
      const eid = scan.addEnterprise(p.start, trade);
      if (eid) scan.doc.relate('UNDERTAKES', eid, p.id, p.start, p.end);
      break;
    }
  }
  for (const p of scan.projects) {
    const place = placeWithin(scan.places, p.start, p.end, true);
    if (!place || place.start !== p.start) continue;
    for (const { suffix } of enterpriseSuffixes()) {
      const at = p.name.indexOf(suffix, place.end - p.start);
      if (at < 0 || at + suffix.length >= p.name.length || at - (place.end - p.start) > 2) continue;
      const candidate = p.name.slice(0, at + suffix.length);
      // Already known by its registered name (山东某某化工有限公司): not a second enterprise.
      if ([...scan.enterprises.keys()].some((e) => e.startsWith(candidate) && e !== candidate)) break;
      scan.addEnterprise(p.start, candidate);
      break;
    }
  }
}

// What ends a route, a facility or a unit, never a company's trade name (京唐城际铁路|北京隧道段, 农十师|北屯…).
const NOT_A_TRADE_NAME_END = /(铁路|公路|高速|城际|轨道|线|桥|隧道|港|机场|路|师|团|局|委|厅|院|所|站)$/;
// A facility word alone after a company's ending (永丰数字科技|中心) names a facility, not the company's product.
const FACILITY_ONLY = /^(中心|大厦|大楼|园|园区|馆|城|广场|基地)$/;

// Endings that mark a short company name inside a project's name when a product follows: the strong
// endings of enterprise-suffixes.txt and the weak ones that name no product themselves.
const TRADE_ENDINGS_BEFORE_PRODUCT = lazy(() => [...enterpriseSuffixes().filter((x) => x.strong).map((x) => x.suffix), '控股', '科技', '能源', '光电']
  .filter((x) => !/公司$/.test(x)).sort((a, b) => b.length - a.length));
function straddlingSector(name: string, at: number): boolean {
  const lex = industryLexicon();
  for (let k = Math.max(0, at - 3); k < at; k++) for (let e = at + 1; e <= Math.min(name.length, k + 6); e++) if (lex.has(name.slice(k, e))) return true;
  return false;
}
function tradeNameAndEnding(name: string): string | undefined {
  for (let n = 2; n <= 4; n++) {
    const trade = name.slice(0, n);
    if (!TRADE_ENDINGS_BEFORE_PRODUCT().some((x) => name.startsWith(x, n))) continue;
    if (!/^[\p{Script=Han}]+$/u.test(trade) || GENERIC_TRADE_NAME.test(trade) || opensProduct(trade)) continue;
    // A sector that straddles the trade name's end (融嘉|新能源汽车) makes it no trade name.
    if (straddlingSector(name, n)) continue;
    let end = n;
    // Endings may follow one another (科技控股).
    for (let guard = 0; guard < 2; guard++) {
      const ending = TRADE_ENDINGS_BEFORE_PRODUCT().find((x) => name.startsWith(x, end));
      if (!ending) break;
      end += ending.length;
    }
    if (end > n && name.length - end >= 2 && !FACILITY_ONLY.test(name.slice(end))) return name.slice(0, end);
  }
  return undefined;
}

// Enterprises known by their usual short name (比亚迪, 宁德时代, 中交海投), wherever the text names one as a
// word: what stands before it ends a word, and what follows is an ending, a product or a clause word.
const BEFORE_KNOWN = charSet('与和及暨的、同由向对在为到是将以把被从让给等:,;。“”"()《》 \n');
const AFTER_KNOWN = /^($|[^\p{Script=Han}]|[、等的在与和及将已也就是为对把从向于签投建落实推]|集团|公司|股份|有限|控股|科技|汽车|能源|新能源|项目|分公司|子公司)/u;
const VERB_BEFORE_KNOWN = /(引进|对接|携手|联合|落户|签约|来到|走进|调研|考察|视察|参观|实施|推进|建设|投资)$/;

export function knownEnterpriseNames(scan: EconomyScan): void {
  const { text } = scan;
  const known = knownEnterprises();
  for (const { start, end, term } of known.find(text)) {
    const before = text.charCodeAt(start - 1);
    const opens = start === 0 || BEFORE_KNOWN[before] || VERB_BEFORE_KNOWN.test(text.slice(Math.max(0, start - 2), start));
    // A two-character name needs a clear end too (not 中交 in 中交通); a longer one may run into its product.
    const closes = AFTER_KNOWN.test(text.slice(end, end + 3)) || term.length >= 3;
    if (!opens || !closes || scan.orgCovered(start, end)) continue;
    // 国电投氢能 read as one company already: its group's short name inside it is no second mention.
    if ([...scan.enterprises.keys()].some((e) => e.length > term.length && e.startsWith(term) && text.startsWith(e, start))) continue;
    const id = scan.addEnterprise(start, term);
    const full = known.byShort.get(term);
    if (id && full && full !== term) scan.doc.mention('Enterprise', term, start, end, { aliases: [full], surfaceIsAlias: false });
  }
}
