// Projects: the items of 实施A、B、C等项目 lists, and facilities being planned, built or opened
// (…电站, …产业园, …高速) with a build verb around them.
import { SpansByStart } from '../../spans.js';
import { charSet } from '../../text.js';
import type { PlaceLevel } from '../../records.js';
import { placeWithin } from '../places.js';
import type { EconomyScan } from './scan.js';
import {
  afterLeadVerbs, clauseBounds, COMPANY_THEN_PRODUCT, enumerationBefore, findProjectSuffixes, GENERIC_FACILITY_HEAD, isHanChar, LEAD_VERBS, lastVerbEnd, PROJECT_AFTER, PROJECT_FOLLOW,
  projectSuffixes, type Span, tradeNameLength, WEAK_SUFFIX,
} from './vocabulary.js';

/** What follows 等 in a list of projects when it names their size or category, not a kind of work. */
const PROJECT_CATEGORY = /^([\d.一二三四五六七八九十百千万]+(亿元|万元|个)|一批|多个|[\d一二三四五六七八九十]+个)|产业|转移|重点|重大|招商|引进|以上|新兴/;

/** A clause's subject that is an action on projects (详细了解项目开工…), not a project. */
const NOT_A_REPORTED_NAME = /^(详细|深入|认真|仔细|实地|全面|积极|加快|推动|推进|了解|查看|察看|听取|督促|协调|确保|要求|各|全|本|该|此)|(了解|查看|察看|听取|推进|调研|情况)$/;
/** What follows a project that is the subject of a report on its progress. */
const PROGRESS_AFTER = /^(已|正在|目前|规划|计划|预计|于\d|于今年|全面|进入|建成|竣工|投产|试生产|开工|总投资|计划总投资|一期|二期)/;

/** What a project item ends with when it names the work rather than the company doing it. */
const PROJECT_ACTIVITY_END = /(生产|建设|工程|扩能|扩建|改造|改扩建|技改|搬迁|入园|升级|新建|续建|迁建|[一二三四五六七八九十]期|生产线|加工|制造|开发)$/;

/** A capacity (120万吨, 30兆瓦, 年产) names what a project makes, never a company. */
const CAPACITY = /[\d.]+万?(吨|千瓦|兆瓦|瓦|立方米?|平方米|亩|头|只|套|台|辆|件|双)|年产/;

/** Characters the optional groups before 项目 in projectWords' regex can consist of. */
const PROJECT_WORD_PREFIX = charSet('等一批多个0123456789二三四五六七八九十重点大高端产业链工民生招商');

/**
 * The matches of /(等)?(一批|多个|\d+个|[一二三四五六七八九十]+个)?(重点|重大)?项目/gu in text, as matchAll
 * gives them, without trying the regex at every position (all its groups are optional, so nothing lets
 * the engine skip ahead): each match ends at the next 项目 and starts within the run of prefix characters
 * just before it, so the regex is run from the start of that run.
 */
function* projectWords(text: string): Generator<RegExpExecArray> {
  const re = /(等)?(一批|多个|\d+个|[一二三四五六七八九十]+个)?((?<=[个等批])产业链|重点|重大|高端|产业|工业|民生|招商)?项目/gu;
  let from = 0;
  for (let q = text.indexOf('项目'); q >= 0; q = text.indexOf('项目', from)) {
    let start = q;
    while (start > from && PROJECT_WORD_PREFIX[text.charCodeAt(start - 1)]) start--;
    re.lastIndex = start;
    const m = re.exec(text)!;
    from = m.index + m[0].length;
    yield m;
  }
}

/** 实施A、B、C等项目 / A项目; companies before one kind (A、B等煤机制造改造升级项目); companies counted as projects. */
export function projectLists(scan: EconomyScan): void {
  const { text, doc } = scan;
  for (const m of projectWords(text)) {
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 4);
    // …签订了A项目和B项目: a 和 that joins two projects.
    const joined = /^[和及与]/.test(after) && /^[和及与][^,。;:]{2,30}?项目/.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 36));
    // A、B、C等23个重点项目: a counted list names projects whatever follows it.
    // A、B等项目10个: the count may follow the 项目.
    const countedAfter = !!m[1] && /^(?:\d+|[一二三四五六七八九十]+)个/.test(after);
    const countedList = !!m[1] && !!m[2] || countedAfter;
    if (!PROJECT_AFTER.test(after) && !joined && !countedList) continue;
    const s = doc.sentenceAt(m.index!);
    // A name ending in parentheses (馕产业园(中央厨房)项目): the clause is looked for before them.
    const open = text[m.index! - 1] === ')' ? text.lastIndexOf('(', m.index!) : -1;
    const bounds = clauseBounds(text, open > s.start ? open : m.index!, s.start, s.end);
    const clause = { start: bounds.start, end: Math.max(bounds.end, m.index! + m[0].length) };
    if (m.index! - clause.start < 2) continue;
    const counted = /\d+个|[一二三四五六七八九十]+个|一批|多个/.test(m[2] ?? '') || countedAfter;
    const listed = enumerationBefore(text, m.index!, clause.start);
    if (sharedKindList(scan, listed)) continue;
    for (const whole of listed) {
      // A项目和B: the item after the last 项目 it carries.
      const joinedAt = Math.max(whole.text.lastIndexOf('项目和'), whole.text.lastIndexOf('项目及'), whole.text.lastIndexOf('项目与'));
      const item = joinedAt > 0 ? { ...whole, start: whole.start + joinedAt + 3, text: whole.text.slice(joinedAt + 3) } : whole;
      // A、B等煤机制造改造升级项目: companies before one kind of project.
      const kind = /^(.+?)等(.+)$/.exec(item.text);
      const category = kind && PROJECT_CATEGORY.test(kind[2]);
      if (kind && !counted && !/(街|路|道|片区|区|延|拓|桥|站|园)$/.test(kind[1]) && (category || kind[1].length <= 8)) {
        const companies = [...enumerationBefore(text, item.start, clause.start).filter((x) => x.end < item.start), { start: item.start, end: item.start + kind[1].length, text: kind[1] }];
        // A、B等10亿元以上项目 / A、B等一批战略性新兴产业项目 / A等京津转移项目: the 等 is followed by a size
        // or a category, not a kind of work, so each item is a whole project named after its company
        // (place + trade name + product).
        if (category) {
          for (const c of companies) {
            const pid = scan.addProject(c.start, c.text);
            const place = placeWithin(scan.places, c.start, c.end, true);
            if (!pid || !place || place.start !== c.start || c.end - place.end < 4) continue;
            const trade = tradeNameLength(text.slice(place.end, c.end));
            const eid = scan.addEnterprise(c.start, text.slice(c.start, place.end + trade));
            if (eid) doc.relate('UNDERTAKES', eid, pid, c.start, c.end);
          }
          continue;
        }
        for (const c of companies) {
          const eid = scan.addEnterprise(c.start, c.text);
          const pid = scan.addProject(c.start, c.text + kind[2]);
          if (eid && pid) doc.relate('UNDERTAKES', eid, pid, c.start, m.index! + m[0].length);
        }
        continue;
      }
      // 建成投产A和B、C等3个项目: projects named only by their companies give the companies.
      // (An item that ends in what is done — 生产, 技改扩能, 迁建 — is a project, not a company.)
      // (Only a list closed by 等 names companies: 保康举行十个项目…, 广元共签约82个项目 name none.)
      if (counted && !(m[1] || listed.length > 1)) continue;
      // A company is named short; a place, a kind of facility or a product in the item make it a project.
      const companyLike = item.text.split(/[和及]/).every((part) => part.length <= 8) && !/[楼城区馆院场袋]$/.test(item.text);
      if (counted && companyLike && !projectSuffixes().some((x) => item.text.endsWith(x)) && !PROJECT_ACTIVITY_END.test(item.text) && !item.text.endsWith('项目') && !CAPACITY.test(item.text)) {
        let offset = item.start;
        for (const part of item.text.split(/[和及]/)) { scan.addEnterprise(offset, part); offset += part.length + 1; }
        continue;
      }
      // A lone item with nothing proper in it (大中型灌区续建配套与现代化节水改造项目) names a kind of
      // programme, unless a chain leader's sentence gives it an owner.
      // Signed for (签约某某项目), it is a particular project.
      const signed = /(签约|签署|签订)(了)?$/.test(text.slice(Math.max(clause.start, item.start - 3), item.start)) || /(签约|签署|签订)/.test(item.text)
        // …签订了A项目和建设B项目: the second of two projects joined after one signing verb.
        || /(签约|签署|签订)了?[^,。;]{2,40}项目[和及与]/.test(text.slice(Math.max(s.start, item.start - 50), item.start));
      // A ceremony's venue (某某项目主会场) is a particular project too.
      const venue = /^(主会场|分会场|分现场)/.test(after);
      // So is the subject of a clause that reports its progress (顺天精密材料项目已全面进入试生产; 其中,A项目总投资…).
      const reported = listed.length === 1 && (item.start === clause.start || /其中[,]?$/.test(text.slice(clause.start - 3, item.start)))
        && PROGRESS_AFTER.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 6))
        && !/\d|[省市县区]$/.test(item.text) && !NOT_A_REPORTED_NAME.test(item.text);
      if (listed.length === 1 && !signed && !venue && !reported && !hasProperElement(scan, item) && !scan.chains.some((c) => item.start > c.start && item.start < c.end)) continue;
      // A和B项目分别投资5亿元和3亿元: two projects; so are two facilities joined by 和 (微型马达厂和城市综合体项目).
      const facilityPair = /^(.{2,20}?)[和及与](.{2,20})$/u.exec(item.text);
      const twoFacilities = facilityPair && [facilityPair[1], facilityPair[2]].every((x) => /[厂馆站港园]$|综合体$/.test(x) || projectSuffixes().some((sfx) => sfx.length >= 2 && x.endsWith(sfx)));
      const pair = /^分别/.test(after) || twoFacilities ? facilityPair : null;
      if (pair) {
        scan.addProject(item.start, pair[1]);
        scan.addProject(item.start + pair[1].length + 1, pair[2]);
        continue;
      }
      // 设某某项目主会场: the verb that sets up the venue is no part of the name.
      if (venue && /^设(?![施备计])/.test(item.text)) { scan.addProject(item.start + 1, item.text.slice(1), true); continue; }
      // An item that carries its own 项目 (A项目、B项目等4个项目) is named as a project by the text itself.
      // (Items of a counted list, A、B等5个项目, are named as projects by the count.)
      const pid = scan.addProject(item.start, item.text, /项目$/.test(item.text) || counted && !!m[1]);
      // 位于鹿泉区的A项目、藁城区的B项目: the place an item opens with, before its 的.
      const where = pid ? /^(?:有|包括|其中)?(?:位于|地处)?([^的]{2,12})的/.exec(item.text) : null;
      const placeStart = where ? item.start + where[0].length - 1 - where[1].length : -1;
      const place = where ? scan.places.get(placeStart) : undefined;
      if (pid && place && place.end === item.start + where![0].length - 1) scan.relateToPlace(pid, { start: placeStart, ...place }, item.start, item.end);
    }
  }
}

/** A place, a company, a brand in Latin letters, or a river, mountain, road or bridge in the name. */
function hasProperElement(scan: EconomyScan, item: Span): boolean {
  if (placeWithin(scan.places, item.start, item.end, true)) return true;
  if (/[A-Za-z]|[河湖山江海路街桥]/.test(item.text) || COMPANY_THEN_PRODUCT.test(item.text)) return true;
  const ending = projectSuffixes().find((x) => item.text.endsWith(x));
  if (ending && !WEAK_SUFFIX.test(ending)) return true;
  return [...scan.enterprises.entries()].some(([name, e]) => [name, ...e.aliases].some((n) => n.length >= 2 && item.text.includes(n)))
    || [...scan.tradeNames.keys()].some((t) => item.text.startsWith(t));
}

/**
 * 实施德国ABC、成都川工电池模组等项目: bare companies, then the last company with the kind of project
 * they all carry out — one project per company (德国ABC电池模组, 成都川工电池模组).
 */
function sharedKindList(scan: EconomyScan, items: Span[]): boolean {
  if (items.length < 2) return false;
  const companyAt = (item: Span) => {
    const place = placeWithin(scan.places, item.start, item.end, true);
    if (!place || place.start !== item.start) return undefined;
    const trade = /^([A-Za-z]+|[\p{Script=Han}]{2})/u.exec(scan.text.slice(place.end, item.end));
    return trade ? place.end - item.start + trade[0].length : undefined;
  };
  const heads = items.slice(0, -1);
  if (!heads.every((i) => companyAt(i) === i.text.length)) return false;
  const last = items[items.length - 1];
  const cut = companyAt(last);
  if (!cut || last.text.length - cut < 4) return false;
  const kind = last.text.slice(cut);
  for (const item of [...heads, { ...last, text: last.text.slice(0, cut), end: last.start + cut }]) {
    const eid = scan.addEnterprise(item.start, item.text);
    const pid = scan.addProject(item.start, item.text + kind);
    if (eid && pid) scan.doc.relate('UNDERTAKES', eid, pid, item.start, last.end);
  }
  return true;
}

const NAME_BREAKS = charSet(',;:。、\n“”"《》 ');
const BUILD_BEFORE = /(开工建设|加快建设|建设|建成|打造|启动|新建|推进|实施|完成|抓好|改造|争取|创建|申建)$/;
const BUILD_IN_CLAUSE = /(实施|推进|建设|加快|开工|启动|新建|打造|完成|争取|建成|投产)/;
const COMPLETION_LATER = /(完成前期|全线通车|全面竣工|竣工|开工建设|开工|建成|投产|开业|营业|启用|通车|完工|落地|加快推进|加快建设)/;
// A stage of the works reported right after a facility's name, in its clause (金河电站成功截流, …机组投产发电,
// …工程主体框架也已完成).
const STAGE_AFTER = /^[^,。;、]{0,10}?(开工|竣工|投产|建成|通车|截流|并网|封顶|完工|合龙|贯通|进展顺利|主体(?:框架|工程)?(?:也|已经|已|基本)*完成)/;

/** Facilities being planned, built or opened: a name ending in a facility word, with a build verb around it. */
export function facilities(scan: EconomyScan): void {
  const { text, doc, places, orgs } = scan;
  const orgsAt = new SpansByStart(orgs);
  let lastEnd = 0;
  for (const found of findProjectSuffixes()(text)) {
    if (found.start < lastEnd) continue;
    // The ending may carry a phase (二期, 扩建) and a parenthesis (三期 / 永和至永和关段).
    const extra = /^([一二三四五]期|扩容|改扩建工程|改扩建|扩建工程|扩建|改建工程|改建)?(?:\(([^)]{1,12})\))?/.exec(text.slice(found.end, found.end + 16))!;
    const sm = Object.assign([text.slice(found.start, found.end + extra[0].length), extra[2]], { index: found.start });
    // The name runs back from its ending to the clause start (at most 24 characters before the ending).
    let from = sm.index!;
    while (from > lastEnd && sm.index! - from < 24 && !NAME_BREAKS[text.charCodeAt(from - 1)]) from--;
    lastEnd = sm.index! + sm[0].length;
    if (sm.index! - from < 2) continue;
    // 位于某某基地的X项目: where a project is, not a project.
    if (/位于$/.test(text.slice(from - 2, from)) && text[lastEnd] === '的') continue;
    const paren = sm[1];
    const base = text.slice(from, lastEnd - (paren !== undefined ? paren.length + 2 : 0));
    const s = doc.sentenceAt(from);
    const clause = clauseBounds(text, from, s.start, s.end);
    const before = text.slice(Math.max(s.start, from - 6), from);
    const after = text.slice(lastEnd, lastEnd + 8);
    const building = BUILD_IN_CLAUSE.test(text.slice(clause.start, from))
      || /^、/.test(after) && COMPLETION_LATER.test(text.slice(lastEnd, clause.end))
      || BUILD_BEFORE.test(before) || PROJECT_FOLLOW.test(after) || STAGE_AFTER.test(text.slice(lastEnd, lastEnd + 20))
      || /^、/.test(after) && PROJECT_FOLLOW.test(text.slice(lastEnd, lastEnd + 200).replace(/^(、[^,;。、]{2,24})+/, ''));
    let name = paren && /期|段/.test(paren) ? `${base}(${paren})` : base;
    let offset = from;
    const verbInside = lastVerbEnd(name, 4);
    if (verbInside) { offset += verbInside; name = name.slice(verbInside); }
    if (!building && !verbInside) continue;
    const lead = afterLeadVerbs(name);
    if (orgsAt.covering(offset + lead, offset + name.length).length) continue;
    const suffix = projectSuffixes().find((x) => base.endsWith(x)) ?? '';
    const placed = !!placeWithin(places, offset + lead, offset + name.length);
    // A bare kind of facility (抽水蓄能电站) names no particular one.
    if (name.length - lead - suffix.length < 2 || /^(抽水蓄能|污水处理|垃圾处理|综合)/.test(name.slice(lead)) && !placed) continue;
    const head = name.slice(lead, name.length - suffix.length);
    if (GENERIC_FACILITY_HEAD.test(head) && !placed) continue;
    // X项目一期工程: the project is named before its 项目; the works of its phase are no other project.
    if (suffix === '工程' && name.includes('项目')) continue;
    // 西藏重点工程: a place and a generic word name no particular work.
    const placeAtHead = places.get(offset + lead);
    if (placeAtHead && /^(重点|重大|民生|基础设施|骨干|大型)$/.test(text.slice(placeAtHead.end, offset + name.length - suffix.length))) continue;
    // Endings that name a kind of work (改造, 基地, 中心) need a proper name in front: a place, a street, a company.
    if (WEAK_SUFFIX.test(suffix) && !placed && !/(路|街|大道|广场|桥|公园|片区|河|湖|江|渠|[A-Za-z])/.test(head) && ![...scan.enterprises.keys()].some((e) => head.startsWith(e))) continue;
    // 金宝南线金湖段和环湖大道: two works joined by 和, the first ending like a work itself.
    const joined = /^(.{2,20}?[段路道桥站线港厂馆])[和及与](.{2,20})$/u.exec(name.slice(lead));
    if (joined) {
      scan.addProject(offset + lead, joined[1]);
      scan.addProject(offset + lead + joined[1].length + 1, joined[2]);
      continue;
    }
    const pid = scan.addProject(offset, name);
    if (pid && suffix.length >= 2) sharedEnding(scan, offset + lead, clause.start, suffix);
  }
}

const OWN_WORK_END = /[段路道桥站线港厂馆]$/;
/** 平介、太古、榆和高速: short names before one shared ending are each a facility of that kind. */
function sharedEnding(scan: EconomyScan, nameStart: number, clauseStart: number, suffix: string): void {
  const text = scan.text;
  let k = nameStart - 1;
  while (text[k] === '、') {
    let j = k;
    while (j > clauseStart && text[j - 1] !== '、' && isHanChar(text[j - 1])) j--;
    const short = text.slice(j, k);
    if (short.length < 2 || short.length > 4 || LEAD_VERBS.some((v) => short.includes(v))) break;
    // 金湖二桥、金湖港口工程: an item that ends like a work of its own keeps its name.
    scan.addProject(j, OWN_WORK_END.test(short) ? short : short + suffix);
    k = j - 1;
  }
}

// Lists a cue announces as projects: "13个项目分别是A、B、C", "续建项目(6个):A、B(包括C、D)", a heading
// "预备重点项目(2个)。" with the list on the next line. Every item is a project, whatever its ending;
// a parenthesis after an item lists its parts, which are projects too.
const LIST_CUE = /项目(?:\(\d+个\))?(?:分别是|分别为|包括|主要有|有)[:]?|项目(?:\(\d+个\))?[:]|项目\(\d+个\)。\n/g;

// (…产业发展类项目12个,包括A、B…: after a comma, 包括 and 分别是 announce the list without a colon.)
const COUNTED_LIST_CUE = /(?:\d+|[一二三四五六七八九十]+)[项个](?:项目)?(?:(?:分别)?(?:为|是|包括|有)[:]|[,](?:包括|分别是|分别为)[:]?)/g;

export function cuedProjectLists(scan: EconomyScan): void {
  const { text } = scan;
  if (!text.includes('项目')) return;
  // …项目24项,未达序时进度4项为:A、B…: a count of the projects just named, then their list.
  const counted = !/[项个](?:项目)?(?:(?:分别)?(?:为|是|包括|有):|,(?:包括|分别))/.test(text) ? [] : [...text.matchAll(COUNTED_LIST_CUE)].filter((c) => {
    const s = scan.doc.sentenceAt(c.index!);
    return text.slice(Math.max(s.start, c.index! - 40), c.index!).includes('项目');
  });
  for (const cue of [...text.matchAll(LIST_CUE), ...counted]) {
    const from = cue.index! + cue[0].length;
    let end = from;
    let depth = 0;
    while (end < text.length && !(depth === 0 && /[。;\n]/.test(text[end]))) {
      if (text[end] === '(') depth++;
      else if (text[end] === ')') depth = Math.max(0, depth - 1);
      end++;
    }
    // …A和B等项目,内容涵盖…: the list closes at its 等项目.
    const closing = /等(?:\d+个|[一二三四五六七八九十]+个)?(?:重点|重大)?项目/.exec(text.slice(from, end));
    if (closing) end = from + closing.index;
    // The place the list belongs to: named in the cue's sentence (修文县…集中开工13个项目,分别是…) or in
    // the heading above it (四、文昌市政府 / (一)重点项目(7个)).
    const place = listPlace(scan, cue.index!);
    const located = (id: string | undefined, start: number, end: number) => {
      if (id && place) scan.doc.relate('LOCATED_IN', id, scan.doc.mention('Place', place.name, place.start, place.end, { level: place.level, code: place.code }), start, end);
    };
    // 分别为:总投资20亿元的A项目;总投资8000万元的B项目,…: items that each open with their sum, one per clause.
    const invested = investedItems(text, from);
    if (invested.length >= 2) {
      for (const item of invested) located(scan.addProject(item.start, item.text, true), item.start, item.end);
      continue;
    }
    for (const item of topLevelItems(text, from, end)) {
      // A parenthesis that locates the project (24、26号地块, 一期) is part of its name; one that lists parts is not.
      const paren = /^(.*?)\((?:包括)?(.+)\)$/.exec(item.text);
      if (paren && /号|地块|期$|标段/.test(paren[2])) { located(scan.addProject(item.start, item.text, true), item.start, item.end); continue; }
      const main = paren ? paren[1] : item.text;
      // The last item may join two (A和B等项目): each side long enough to be a name of its own is one.
      const pair = !paren && item.end === end ? /^(.{5,30}?)和(.{5,30})$/u.exec(main) : null;
      if (pair) {
        located(scan.addProject(item.start, pair[1], true), item.start, item.start + pair[1].length);
        const second = item.start + pair[1].length + 1;
        located(scan.addProject(second, pair[2], true), second, item.end);
        continue;
      }
      if (main.length >= 4) located(scan.addProject(item.start, main, true), item.start, item.end);
      if (!paren) continue;
      let offset = item.start + paren[1].length + 1 + (item.text.slice(paren[1].length + 1).startsWith('包括') ? 2 : 0);
      for (const part of paren[2].split('、')) {
        if (part.length >= 4 && !/部分$/.test(part)) located(scan.addProject(offset, part), offset, offset + part.length);
        offset += part.length + 1;
      }
    }
  }
}

const INVESTMENT_LEAD = /^(?:总投资|计划总投资|投资)(?:约|超|近)?[\d.]+(?:亿|万)元(?:人民币)?的/;
/** Items of a cued list that each open with the sum invested and end in 项目, separated by ; or ,, up to the full stop. */
function investedItems(text: string, from: number): Span[] {
  let end = from;
  while (end < text.length && !/[。\n]/.test(text[end])) end++;
  const items: Span[] = [];
  let start = from;
  for (const piece of text.slice(from, end).split(/[;,]/)) {
    const at = start;
    start += piece.length + 1;
    const lead = INVESTMENT_LEAD.exec(piece);
    if (!lead || !/项目$/.test(piece)) continue;
    const name = piece.slice(lead[0].length).replace(/项目$/, '');
    if (name.length >= 4) items.push({ start: at + lead[0].length, end: at + lead[0].length + name.length, text: name });
  }
  return items;
}

/** The 、-separated items of text[from, to), not splitting inside parentheses. */
function topLevelItems(text: string, from: number, to: number): Span[] {
  const items: Span[] = [];
  let depth = 0, start = from;
  for (let i = from; i <= to; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if (i === to || (ch === '、' && depth === 0)) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      const trimmed = raw.trim().replace(/等$/, '');
      if (trimmed) items.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
      start = i + 1;
    }
  }
  return items;
}

/** A county or city named before `at` in its sentence, or in a short heading line within the 400 characters above. */
function listPlace(scan: EconomyScan, at: number): { name: string; code: string; level: PlaceLevel; start: number; end: number } | undefined {
  const { text, places, doc } = scan;
  const pick = (from: number, to: number) => {
    let found: { name: string; code: string; level: PlaceLevel; start: number; end: number } | undefined;
    for (let i = from; i < to; i++) {
      const p = places.get(i);
      if (p && (p.place.level === 'county' || p.place.level === 'city')) { found = { ...p.place, start: i, end: p.end }; i = p.end - 1; }
    }
    return found;
  };
  const s = doc.sentenceAt(at);
  const inSentence = pick(Math.max(s.start, text.lastIndexOf('\n', at - 1) + 1), at);
  if (inSentence) return inSentence;
  for (let lineEnd = text.lastIndexOf('\n', at - 1); lineEnd > 0 && at - lineEnd < 400; lineEnd = text.lastIndexOf('\n', lineEnd - 1)) {
    const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
    if (lineEnd - lineStart > 24) continue;
    const heading = pick(lineStart, lineEnd);
    if (heading) return heading;
  }
  return undefined;
}

// 某公司投资5亿元建设X项目 / 总投资5.8亿元的X项目: a project named after the sum invested in it.
const INVESTED = /投资(?:约|超|近)?[\d.]+(?:亿|万)元(?:人民币)?(?:的|,)?(?:用于)?(?:新建|建设|兴建|实施|打造|投建|启动)?([^,;。:、\n]{2,40}?)项目/gu;

// 总投资160亿元的某某制造基地签约后97天即全面开工: a facility named after its sum, without 项目, when its name
// ends like a facility and what follows says it is being built or opened.
const INVESTED_FACILITY = /投资(?:约|超|近)?[\d.]+(?:亿|万)元(?:人民币)?的([^,;。:、\n的]{3,30}?)(?=签约|投入|进入|开工|建成|竣工|落地|投产|开业|正式|全面|顺利|加快|有序|即将|、|等|,|。)/gu;

export function investedProjects(scan: EconomyScan): void {
  const { text } = scan;
  if (!text.includes('投资')) return;
  for (const m of text.matchAll(INVESTED)) {
    const start = m.index! + m[0].length - m[1].length - 2;
    scan.addProject(start, m[1], true);
  }
  for (const m of text.matchAll(INVESTED_FACILITY)) {
    const name = m[1];
    const suffix = projectSuffixes().find((x) => name.endsWith(x));
    if (!suffix || name.length - suffix.length < 2 || GENERIC_FACILITY_HEAD.test(name) || name.includes('项目')) continue;
    scan.addProject(m.index! + m[0].length - name.length, name, true);
  }
}

// 分别是某某加工分会场、某某产业园分会场: the venues of a groundbreaking ceremony are its projects, unless a
// venue is a place (某某县分会场) or a body.
const VENUE = /([^,;。:、\n“”()]{3,30}?)(?:项目)?(?:主会场|分会场|分现场)/gu;
export function ceremonyVenues(scan: EconomyScan): void {
  const { text, places } = scan;
  if (!/[主分]会场|分现场/.test(text)) return;
  for (const m of text.matchAll(VENUE)) {
    let name = m[1], start = m.index!;
    const lead = /^.*(?:分别是|分别为|设在|设有|位于|是|在|为|设)/.exec(name);
    if (lead) { name = name.slice(lead[0].length); start += lead[0].length; }
    if (name.length < 4) continue;
    const place = placeWithin(places, start, start + name.length, true);
    if (place && place.end >= start + name.length - 1) continue;
    if (!projectSuffixes().some((x) => name.endsWith(x)) && !PROJECT_ACTIVITY_END.test(name) && !/[产业链]$/.test(name)) continue;
    scan.addProject(start, name, true);
  }
}
