// The words of the economy stage: sector, company and project lexicons, the verbs that open lists,
// and the small text helpers (clauses, enumerations) the economy modules share.
import { lastWordEnd, lazy, lexiconLines, lexiconRows, longestFirst, splitList, termFinder } from '../../lexicon.js';
import { charSet } from '../../text.js';

export const industryLexicon = lazy(() => {
  const canonical = new Map<string, string>();
  for (const [name, aliases] of lexiconRows('industries.txt', 2)) {
    canonical.set(name, name);
    for (const a of splitList(aliases)) canonical.set(a, name);
  }
  return canonical;
});
/** A project named by its company, then a quantity or a quality word that opens the product (汉狮高档砂纸). */
export const COMPANY_THEN_PRODUCT = /^([\p{Script=Han}]{2,6}?)(?=[\d.]+万?吨|年产|年处理|年加工|年生产|高档|高品质|高性能|高端)/u;

const productWords = lazy(() => new Set(lexiconLines('product-words.txt').map((l) => l.trim()).filter(Boolean)));

/** Whether a product description opens `s`: a quantity (12万吨), a product word or a sector of the lexicon. */
export function opensProduct(s: string): boolean {
  if (/^[\d.]/.test(s)) return true;
  const lex = industryLexicon(), words = productWords();
  for (let n = 1; n <= Math.min(6, s.length); n++) {
    const head = s.slice(0, n);
    if (words.has(head) || n >= 2 && lex.has(head)) return true;
  }
  return false;
}

/**
 * The length of the trade name that opens `rest` (what follows the place in 清河中航上大高温合金): the
 * shortest of two to four characters after which a product description opens; two when none does.
 */
export function tradeNameLength(rest: string): number {
  for (let n = 2; n <= 4; n++) if (rest.length - n >= 2 && opensProduct(rest.slice(n))) return n;
  return 2;
}
export const umbrella = lazy(() => new Set(lexiconLines('industry-umbrella.txt').map((l) => l.trim())));
export const findIndustryTerms = lazy(() => termFinder(industryLexicon().keys()));
export const findProjectSuffixes = lazy(() => termFinder(projectSuffixes()));

export const projectSuffixes = lazy(() => longestFirst(lexiconLines('project-suffixes.txt').map((l) => l.trim())));
export const enterpriseSuffixes = lazy(() => lexiconRows('enterprise-suffixes.txt', 2).map(([suffix, kind]) => ({ suffix, strong: kind === 'strong' })));

export const centralEnterprises = lazy(() => lexiconRows('central-enterprises.tsv', 2).map(([short, full]) => ({ short, full })));
/** Every enterprise known by its usual short name: the central enterprises and data/lexicon/known-enterprises.tsv. */
export const knownEnterprises = lazy(() => {
  const byShort = new Map<string, string>();
  for (const [short, full] of [...lexiconRows('central-enterprises.tsv', 2), ...lexiconRows('known-enterprises.tsv', 2)]) byShort.set(short, full || short);
  return { byShort, find: termFinder(byShort.keys()) };
});
export const INDUSTRY_TAIL = /^(产业集群|产业链|产业|行业|集群|生产基地|产业园|集聚区|基地|业)/;
// A sector's output or scale reported for the place (新材料产业产值增长15%) is development too.
// A list a place declares as its sectors (产业链是:…, 优势产业有…, 以A、B为重点/主导) is development too.
export const DEVELOP_VERB = /(发展|培育|打造|壮大|做强|做优|做大|布局|延伸|聚焦|集聚|引进|提升|建设|推动|推进|支持|振兴|培植|构建|改造|产值|产量|产能|增加值|营业收入|规模突破|规模达到|产业链是|产业链有|产业有|产业为|为重点|为主导|为支柱|为主攻|为方向|为关键|为基础)/;
// Verbs that open a list of projects or enterprises; the first item starts after the last of them.
export const LEAD_VERBS = longestFirst([
  '开工建设', '加快建设', '建成投产', '建成', '实施', '推进', '推动', '加快', '建设', '启动', '争取', '完成', '抓好', '引进', '引入', '吸引', '招引', '促成',
  '谋划', '新建', '开工', '打造', '支持', '对接', '培育', '扶持', '重点', '大力', '全力', '积极', '着力', '扎实', '发展',
  '规划', '做强', '做优', '壮大', '依托', '落地', '确保', '力争', '促进', '提速', '以', '开复工', '复工', '计划开复工', '计划开工', '共有', '还有', '听取', '审议',
]);
export const COUNTED = /^(\d+|[一二三四五六七八九十百千×]+)(个|家|项|批|大)|^(一批|多个|若干|各类|重点|重大|一系列|其他|相关|有关|各)/;
// Verbs that end the words before a company name found by its ending (化解青投集团 → 青投集团).
export const CLAUSE_VERBS = ['化解', '做好', '增加', '依法', '推动', '支持', '组建', '成立', '整合', '重组', '引进', '对接', '培育', '壮大', '做强', '发挥', '听取', '了解', '走访', '参观', '考察', '慰问', '代表', '即以', '由', '对', '与', '和', '把', '将', '让', '使', '的'];
export const NOT_IN_REGISTERED_NAME = /深入|实施|推进|加快|支持|引导|鼓励|开展|挂牌|^(对接|引进)|^[又还也共已另再]有|^有/;
export const NOT_IN_ENTERPRISE = /深入|实施|推进|加快|支持|发展|培育|建设|打造|振兴|提升|转型|升级|改造|扩建|技改|扩能|引导|鼓励|开展|国企|央企|民企|挂牌|^(对接|引进)|^[又还也共已另再]有|^有/;
export const PROJECT_AFTER = /^(建设|开工|落地|投产|建成|加快|早日|完工|签约|集中|分别投资|将|[一二三四五]期|合同|协议|总投资|计划总投资|计划投资|投资\d|框架协议|合作协议|投资协议|前期|顺利|全面|正式|已|年内|举行|相继|陆续|主会场|分会场|分现场|现场|点|有序|稳步|扎实|进展|进入|投入|竣工|即将|正在|如期|均已|全部|为例|投资[约超近]|等(?=[,。;、]|$)|[,。、;:(]|$)/;
// Facility names made only of generic words (城镇污水处理厂, 口袋公园, 企业技术中心) name no particular facility.
export const GENERIC_FACILITY_HEAD = /^(城镇|城市|农村|乡村|乡镇|企业|市级|省级|县级|国家级|智能|智慧|龙头|口袋|中试|民航|区域|全省|全市|市区|现代|综合|新型|一批|各类|重点|大型|小型|公共|社区|街道|雨污|污水|垃圾|技术|研发|创新|孵化|数据|算力|物流|体育|文化|安全|绿色|标准化|示范)/;
export const WEAK_SUFFIX = /^(改造|提质改造|拓宽改造|修复活化|基地|中心|园区|示范园|连接线|生产线|工程)$/;
// A list item that ends like a statement or a campaign, not like the name of a thing being built.
// Tails that end a clause even in a list of projects, and those that end a clause in prose but a name in
// a list (…一体化项目, …示范项目).
const CLAUSE_TAILS = '公司|落地|分别对|第[一二三四五六七八九十]|谋划|招引|投资|举行|召开|开展';
const PROSE_TAILS = '大|示范|发展|解决|引进|惠民|振兴|传承|一体化|性|类|量高|配置|硬化|绿化|全覆盖|服务';
export const NOT_A_PROJECT_TAIL = new RegExp(`(${PROSE_TAILS}|${CLAUSE_TAILS})$`);
export const NOT_A_LISTED_PROJECT_TAIL = new RegExp(`(${CLAUSE_TAILS})$`);
// Parts of a clause that make a project list item a statement instead of a name.
export const NOT_IN_PROJECT = /[为×等]|\d{4}年|\d{1,2}月|发力|^\d(?![\d.]*万?(?:省道|国道|县道|吨|头|只|羽|亩|平方米|立方米|千瓦|兆瓦|GW|MW|套|台|辆|件))|A级|要|做好|开展|加强|更多|参与|我们|全面|进一步|持续|不断|积极|从|通过|以及|等一批|^在|^对|^把|列入|争列|纳入|入选/;
// Kinds of programme (老旧小区改造, 补短板): a name holding one is a programme, unless a list of projects names it.
export const PROGRAMME_WORDS = /城中村|老旧小区|棚户区|基础设施|公共服务|补短板|产业平台|综合治理/;
export const PROJECT_FOLLOW = /^(项目|工程)?(即将|已经|已)?(全线|全面|基本|顺利|主体|加快)?(开工建设|推进|竣工|完成前期|总投资|计划总投资|开工|建成投产|建成通车|建成启用|建成|投产|开业|营业|开门营业|启用|通车|完工|落地|加快建设|加快推进|建设|早日|正式)/;

export const isHanChar = (ch: string) => /\p{Script=Han}/u.test(ch);

export interface Span { start: number; end: number; text: string }

/** Cut a list's leading verbs: "实施宏远精密钢" → "宏远精密钢". */
export function afterLeadVerbs(s: string): number {
  let cut = 0;
  for (;;) {
    let verb: string | undefined;
    for (let k = 0; k < LEAD_VERBS.length; k++) {
      if (s.startsWith(LEAD_VERBS[k], cut)) { verb = LEAD_VERBS[k]; break; }
    }
    if (!verb || s.length - cut - verb.length < 2) return cut;
    cut += verb.length;
    // (引进了X: the aspect particle goes with its verb.)
    if (s[cut] === '了' && s.length - cut > 3) cut++;
  }
}

const leadVerbEnd = lastWordEnd(LEAD_VERBS);
const clauseVerbEnd = lazy(() => lastWordEnd(CLAUSE_VERBS));

/** Where the last list-opening verb in `s` ends (0 if none). Each verb counts at its last occurrence only. */
export function lastVerbEnd(s: string, minRest = 0): number {
  return leadVerbEnd(s, s.length - minRest);
}

/** Where the last of CLAUSE_VERBS in `s` ends, among those ending at or before `limit` (each at its last occurrence; 0 if none). */
export function lastClauseVerbEnd(s: string, limit: number): number {
  return clauseVerbEnd()(s, limit);
}

/** The 、-separated items of a list written at `start`, each with its offsets. */
export function listItems(list: string, start: number): Span[] {
  const items: Span[] = [];
  let offset = start;
  for (const text of list.split('、')) {
    items.push({ start: offset, end: offset + text.length, text });
    offset += text.length + 1;
  }
  return items;
}

/** Items of the enumeration that ends at `end`, back to the clause start; each with its offsets. */
export function enumerationBefore(text: string, end: number, clauseStart: number): Span[] {
  const items = listItems(text.slice(clauseStart, end), clauseStart);
  // The first item starts after the verb that opens the list (it may be preceded by other words).
  const first = items[0];
  let cut = lastVerbEnd(first.text);
  // (引进了A、B: the aspect particle goes with its verb.)
  if (cut > 0 && first.text[cut] === '了') cut++;
  if (cut > 0 && first.text.length - cut >= 2) {
    first.start += cut; first.text = first.text.slice(cut);
  }
  const lead = afterLeadVerbs(first.text);
  first.start += lead; first.text = first.text.slice(lead);
  return items.filter((i) => i.text.length > 0);
}

const CLAUSE_START_BREAKS = charSet(',:;()“”"');
const CLAUSE_END_BREAKS = charSet(',:;“”"');
export function clauseBounds(text: string, at: number, s0: number, s1: number): { start: number; end: number } {
  let start = at, end = at;
  while (start > s0 && !CLAUSE_START_BREAKS[text.charCodeAt(start - 1)]) start--;
  while (end < s1 && !CLAUSE_END_BREAKS[text.charCodeAt(end)]) end++;
  return { start, end };
}

// Words that never stand inside a sector's name: verbs, pronouns and function words of the clause around it.
export const NOT_IN_SECTOR = /[把要即了在是为对从以其将我各全该]|格局|重塑|形成|保护|引擎|片区|扩规|强县|民营|主导|优势|特色|传统|用好|好|创新|推动|开创|强化|提升|构建|通过|努力|延长|探索|抢滩|统筹|立足|目前|领域|现代化(?!工)|支持|听取|审议|研究|汇报|实现|加快|推进|促进|培育|打造|发展|聚焦|做好|上游|中游|下游|产品|转型|三次|结合|融合|升级|一体化|丰富|形态/;

/** The sector a candidate names, or undefined. `declared`: the text lists it as a sector (产业链是:…), so
 * clause words are not feared and a one-character sector the text calls one (竹产业) counts. */
export function industryName(raw: string, declared = false): string | undefined {
  let name = raw.replace(/(产业集群|产业链条|产业链|产业|行业|集群)$/, '').replace(/^[百千万]亿级/, '').replace(/^(大力|加快|重点|积极|着力|全力)?(发展|培育|打造|壮大|布局|延伸)/, '');
  const lex = industryLexicon();
  if (lex.has(name)) return lex.get(name);
  if (name.endsWith('业') && lex.has(name.slice(0, -1))) return lex.get(name.slice(0, -1));
  const modifier = /^(先进|绿色|高品质|智慧|特色|道地|优质|高端|新型|现代)/.exec(name);
  // A list that declares its sectors names them as written (现代化工, 新型材料).
  const asWritten = declared && /^(新型|现代)/.test(name) && name.length >= 4;
  if (modifier && !asWritten && lex.has(name.slice(modifier[0].length))) return lex.get(name.slice(modifier[0].length));
  if (modifier && umbrella().has(name.slice(modifier[0].length))) return undefined;
  name = name.replace(/[的等]$/, '');
  if (name.length < (declared ? 1 : 2) || name.length > 14 || !declared && NOT_IN_SECTOR.test(name.replace(/^新能源/, ''))) return undefined;
  if (umbrella().has(name) || /经济$|服务业$/.test(name) || /^(各|全|新|多|一)/.test(name) && !asWritten) return undefined;
  if (!/^[\p{Script=Han}]+(\([\p{Script=Han}]+\))?[\p{Script=Han}]*$/u.test(name)) return undefined;
  return name;
}



/** A run of two or more lexicon sectors written without separators, split into them; undefined otherwise. */
export function segmentSectors(run: string): { start: number; term: string }[] | undefined {
  const lex = industryLexicon();
  // best[i]: the fewest-pieces cover of run[0, i) by lexicon terms of two or more characters.
  const best: ({ start: number; term: string }[] | undefined)[] = [[]];
  for (let i = 1; i <= run.length; i++) {
    for (let j = Math.max(0, i - 8); j <= i - 2; j++) {
      const term = run.slice(j, i);
      if (!best[j] || !lex.has(term)) continue;
      const cover = [...best[j]!, { start: j, term }];
      if (!best[i] || cover.length < best[i]!.length) best[i] = cover;
    }
  }
  const cover = best[run.length];
  return cover && cover.length >= 2 ? cover : undefined;
}
