// Extraction on texts written for these tests (a fictional 绵阳 CPPCC plenary, a 分工 notice and a
// report paragraph): each stage's output as a domain reader would expect it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDocument, extractDocumentWithText } from '../src/extract/pipeline.js';
import { DocRecord, type DocRecord as Record } from '../src/extract/records.js';
import { documentDate, documentTitle } from '../src/extract/stages/document.js';
import { buildGraph } from '../src/graph/build.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/extract/${name}`, import.meta.url), 'utf8');
const extract = (name: string) => extractDocument({ doc: name, text: fixture(name), format: 'text' });
const names = (r: Record, type: string) => r.mentions.filter((m) => m.type === type).map((m) => m.name);
const rel = (r: Record, type: string) => r.relations.filter((x) => x.type === type)
  .map((x) => `${x.from.split(':')[1]}>${x.to.split(':')[1]}${x.title ? `|${x.title}` : ''}${x.basis ? `|${x.basis}` : ''}`);

describe('meeting news', () => {
  const r = extract('meeting.txt');
  it('is a valid record about its city', () => {
    expect(DocRecord.parse(r)).toBeTruthy();
    expect(r.place).toBe('绵阳市');
  });
  it('finds persons from title chains, lists and bylines', () => {
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['赵明远', '钱立新', '吴德厚', '孙文博', '郑晓岚', '冯启航', '何书凝', '周海涛', '林雪芳', '许嘉禾']));
    expect(names(r, 'Person')).not.toContain('市长');
  });
  it('splits a title chain into one post per body, place-qualified', () => {
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '赵明远>中共绵阳市委|副书记', '赵明远>绵阳市人民政府|市长', '吴德厚>中共绵阳市委|常委', '吴德厚>中共绵阳市委统战部|部长',
      '吴德厚>中共绵阳市政协党组|副书记', '郑晓岚>绵阳市政协|副主席', '何书凝>绵阳市政协|副主席', '周海涛>江油市政协|主席',
      '林雪芳>绵阳市发展和改革委员会|副主任',
    ]));
  });
  it('attaches roles to the plenary the news reports', () => {
    const plenary = '绵阳市政协八届三次会议第二次全体会议';
    expect(names(r, 'Meeting')).toEqual(expect.arrayContaining(['绵阳市政协八届三次会议', plenary]));
    expect(rel(r, 'PRESIDES')).toEqual([`钱立新>${plenary}`]);
    expect(rel(r, 'ATTENDS')).toEqual(expect.arrayContaining([`赵明远>${plenary}`, `何书凝>${plenary}`]));
    expect(rel(r, 'ATTENDS')).not.toContain(`周海涛>${plenary}`);
    expect(rel(r, 'ADDRESSES')).toEqual(expect.arrayContaining([`周海涛>${plenary}|推动县域产业协同发展的几点建议`, `赵明远>${plenary}`]));
  });
  it('places bodies in their place, and not titles as aliases', () => {
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['江油市政协>江油市', '绵阳市人民政府>绵阳市']));
    const gov = r.mentions.find((m) => m.name === '绵阳市人民政府')!;
    expect(gov.aliases).toContain('绵阳市政府');
    expect(gov.aliases).not.toContain('市长');
  });
});

describe('division of labour', () => {
  const r = extract('division.txt');
  it('gives one OVERSEES per item, to an Area or to the body named', () => {
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '赵明远>绵阳市人民政府|主持', '郑国栋>发展和改革|分管', '郑国栋>审计|分管', '郑国栋>绵阳市总工会|联系',
      '孙文博>交通运输|分管', '孙文博>应急管理|分管', '孙文博>教育|分管', '孙文博>绵阳市妇联|联系', '孙文博>绵阳市工商联|联系',
    ]));
    expect(names(r, 'Area')).not.toContain('日常');
    expect(rel(r, 'HOLDS_POSITION')).toContain('郑国栋>绵阳市人民政府|常务副市长');
  });
});

describe('report paragraph', () => {
  const r = extract('report.txt');
  it('reads chain leaders, their projects and sectors', () => {
    expect(names(r, 'Enterprise')).toEqual(expect.arrayContaining(['三台天峰集团', '江油宏远', '梓潼长丰']));
    expect(rel(r, 'LEADS_CHAIN')).toEqual(['三台天峰集团>高端装备制造']);
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['三台天峰集团>天峰精密轴承', '三台天峰集团>天峰智能传动']));
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['三台天峰集团>三台县', '江油宏远>江油市', '江油抽水蓄能电站>江油市']));
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['天峰精密轴承', '天峰智能传动', '江油抽水蓄能电站']));
  });
  it('gives the city the sectors it develops, without umbrella words', () => {
    expect(rel(r, 'DEVELOPS')).toEqual(expect.arrayContaining(['绵阳市>高端装备制造', '绵阳市>新材料', '绵阳市>生物医药', '绵阳市>现代物流']));
    expect(names(r, 'Industry')).not.toContain('现代产业体系');
  });
  it('keeps the place prefix in the enterprise name and the bare name as alias', () => {
    expect(r.mentions.find((m) => m.name === '江油宏远')!.aliases).toContain('宏远');
  });
});

describe('input forms', () => {
  it('reads a Traditional, pinyin-annotated sentence as Simplified', () => {
    const { record, text } = extractDocumentWithText({ doc: 't', text: fixture('traditional.txt'), format: 'text' });
    expect(text).not.toMatch(/zhǎng|長/);
    expect(rel(record, 'HOLDS_POSITION')).toContain('赵明远>绵阳市人民政府|市长');
    expect(rel(record, 'ADDRESSES')).toContain('赵明远>绵阳市第八届人民代表大会第三次会议|政府工作报告');
  });
  it('names no body in a text whose place is a placeholder (×市)', () => {
    const r = extract('placeholder.txt');
    expect(names(r, 'Organization')).toEqual([]);
  });
  it('keeps every evidence span inside the text, and the sentence of every relation', () => {
    for (const f of ['meeting.txt', 'division.txt', 'report.txt']) {
      const { record, text } = extractDocumentWithText({ doc: f, text: fixture(f), format: 'text' });
      for (const m of record.mentions) for (const e of m.evidence) {
        expect(e.end).toBeLessThanOrEqual(text.length);
        expect(e.start).toBeLessThan(e.end);
      }
      for (const r of record.relations) for (const e of r.evidence) {
        expect(e.end).toBeLessThanOrEqual(text.length);
        expect(e.text).toContain(text.slice(e.start, e.end));
      }
    }
  });
});

describe('resolution across documents', () => {
  it('merges the same body and city from two documents into one node each, with PART_OF', () => {
    const graph = buildGraph([extract('meeting.txt'), extract('division.txt'), extract('report.txt')]);
    const gov = graph.filterNodes((_, a) => a.type === 'Organization' && a.name === '绵阳市人民政府');
    expect(gov).toHaveLength(1);
    expect(new Set(graph.getNodeAttribute(gov[0], 'evidence').map((e) => e.doc))).toEqual(new Set(['meeting.txt', 'division.txt', 'report.txt']));
    expect(graph.hasEdge('PART_OF|Place:江油市|Place:绵阳市|')).toBe(true);
  });
  it('keeps the bodies of different cities apart even though both texts say 市政府 and 市长', () => {
    const graph = buildGraph([extract('meeting.txt'), extract('municipality.txt')]);
    const govs = graph.filterNodes((_, a) => a.type === 'Organization' && a.name.endsWith('人民政府')).map((k) => graph.getNodeAttribute(k, 'name'));
    expect(govs.sort()).toEqual(['上海市人民政府', '绵阳市人民政府']);
    const mayorOf = (person: string) => graph.outEdges(`Person:${person}`).filter((e) => graph.getEdgeAttribute(e, 'title') === '市长').map((e) => graph.target(e));
    expect(mayorOf('赵明远')).toEqual(['Organization:绵阳市人民政府']);
    expect(mayorOf('龚海峰')).toEqual(['Organization:上海市人民政府']);
    for (const k of graph.filterNodes((_n, a) => a.type !== 'Document')) expect((graph.getNodeAttribute(k, 'aliases') as string[]).some((a) => /^(中共)?[市省县区]/.test(a))).toBe(false);
  });
});

describe('other levels of government', () => {
  it('reads a municipality: 市 is the province-level city', () => {
    const r = extract('municipality.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['龚海峰>上海市人民政府|市长', '刘振华>上海市公安局|局长', '黄文涛>上海市人大常委会|主任']));
    expect(rel(r, 'PRESIDES')).toEqual(['黄文涛>上海市第十六届人民代表大会第三次会议']);
    expect(rel(r, 'ATTENDS')).toContain('刘振华>上海市第十六届人民代表大会第三次会议');
  });
  it('reads a province 分工 notice with 同志 and 领导/负责 duties', () => {
    const r = extract('province-division.txt');
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '王志刚>河北省人民政府|领导', '张立新>河北省人民政府|负责', '张立新>发展改革|分管', '张立新>审计|分管', '张立新>河北省工商联|联系',
    ]));
    expect(rel(r, 'HOLDS_POSITION')).toContain('张立新>河北省人民政府|常务副省长');
  });
  it('reads a county session: 县 bodies, and a Party group as its own body', () => {
    const r = extract('county-meeting.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '王建国>中共平遥县委|书记', '李文华>平遥县人民政府|县长', '赵德明>中共平遥县人大常委会党组|书记', '赵德明>平遥县人大常委会|主任', '孙丽>平遥县政协|主席',
    ]));
    expect(rel(r, 'ADDRESSES')).toContain('李文华>平遥县第十八届人民代表大会第三次会议|政府工作报告');
  });
});

describe('a CPPCC opening and a projects paragraph', () => {
  it('names reports by what they are called, and the long form of a CPPCC session', () => {
    const r = extract('cppcc-opening.txt');
    const session = '宝鸡市政协十届三次会议';
    expect(r.mentions.find((m) => m.name === session)?.aliases).toContain('政协宝鸡市第十届委员会第三次会议');
    expect(rel(r, 'ADDRESSES')).toEqual(expect.arrayContaining([`王秀英>${session}|关于十届二次会议以来提案工作情况的报告`, `杨建华>${session}`]));
    expect(rel(r, 'HOLDS_POSITION')).toContain('何文军>宝鸡日报社|社长');
    expect(rel(r, 'ATTENDS')).toContain(`何文军>${session}`);
  });
  it('reads facilities being built, chain leaders and their sectors', () => {
    const r = extract('report-projects.txt');
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['宝鸡至麟游高速公路', '眉县第二水厂', '凤翔区陈仓大道改造', '吉利汽车宝鸡基地二期', '陕汽宝鸡专用车产业园']));
    expect(rel(r, 'UNDERTAKES')).toContain('吉利汽车>吉利汽车宝鸡基地二期');
    expect(rel(r, 'IN_INDUSTRY')).toContain('宝钛集团>钛及钛合金');
    expect(rel(r, 'IN_INDUSTRY').filter((x) => x.startsWith('秦川机床'))).toEqual([]);
    expect(names(r, 'Industry')).not.toContain('现代服务业');
  });
});

describe('names without a title', () => {
  it('takes a name that opens a headline clause before a meeting verb', () => {
    const text = '韦思成出席 钱雨农主持 韩立群作政府工作报告\n芜湖市第十七届人民代表大会第四次会议在芜湖隆重开幕。';
    const r = extractDocument({ doc: 'h', text, format: 'text' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['韦思成', '钱雨农', '韩立群']));
    expect(rel(r, 'PRESIDES')).toEqual(['钱雨农>芜湖市第十七届人民代表大会第四次会议']);
  });
  it('does not take ordinary words before the same verbs', () => {
    const r = extractDocument({ doc: 'h', text: '会议由市长主持。全体代表出席。', format: 'text' });
    expect(names(r, 'Person')).toEqual([]);
  });
});

describe('division of labour written name first', () => {
  it('reads "某某 副市长:分管…" lines', () => {
    const text = '绵阳市人民政府领导分工\n赵明远 市长:主持市政府全面工作。\n孙文博同志(副市长):分管交通运输、教育工作。';
    const r = extractDocument({ doc: 'n', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['赵明远>绵阳市人民政府|市长', '孙文博>绵阳市人民政府|副市长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining(['赵明远>绵阳市人民政府|主持', '孙文博>交通运输|分管', '孙文博>教育|分管']));
  });
});

describe('division of labour in other layouts', () => {
  it('reads name-before-title headings with the duties on the lines below', () => {
    const r = extract('fengong-name-first.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['李红梅>株洲市人民政府|常务副市长', '张志强>株洲市人民政府|副市长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '王建国>株洲市人民政府|领导', '王建国>审计|负责', '李红梅>株洲市人民政府|负责', '李红梅>株洲市财政局|分管',
      '李红梅>国家统计局株洲调查队|联系', '张志强>财政|协助分管', '张志强>株洲市商务局|分管',
    ]));
    // A duty belongs to the official whose block it is in, never to the one before.
    expect(rel(r, 'OVERSEES').filter((x) => x.startsWith('王建国>'))).toHaveLength(5);
  });
  it('reads an autonomous region: 自治区 bodies and titles, and a Party-group member', () => {
    const r = extract('fengong-autonomous-region.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '赵永明>内蒙古自治区人民政府|自治区主席', '周海涛>中共内蒙古自治区人民政府党组|成员']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '钱文华>内蒙古自治区财政厅|分管', '孙立新>内蒙古自治区公安厅|分管', '周海涛>乡村振兴|协助负责']));
  });
  it('reads names on their own line, titles on the next, 兼 between posts and 协助州长负责', () => {
    const r = extract('fengong-name-on-own-line.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '向东升>湘西土家族苗族自治州人民政府|副州长', '向东升>湘西土家族苗族自治州公安局|局长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining(['龙建华>湘西土家族苗族自治州人民政府|主持', '彭小燕>口岸|协助负责']));
  });
  it('reads a league in Traditional script: 盟 bodies and 行署', () => {
    const r = extract('fengong-league-traditional.txt');
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '乌日娜>锡林郭勒盟行政公署|主持', '张海涛>锡林郭勒盟农牧局|分管', '张海涛>锡林郭勒盟气象局|联系']));
  });
});

describe('division of labour as a table and with colons or commas between name and title', () => {
  it('reads table rows (name | post | areas), 副市长:某某 and 某某,副市长,负责…', () => {
    const r = extract('fengong-table-and-colons.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['吴丽华>安顺市人民政府|副市长', '陈国栋>安顺市人民政府|副市长', '马文涛>安顺市人民政府|副市长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '周建明>机构编制|分管', '吴丽华>卫生健康|分管', '陈国栋>水务|负责', '马文涛>招商引资|负责', '马文涛>安顺市商务局|主管']));
    // The header row names no one.
    expect(names(r, 'Person')).not.toContain('姓名');
  });
});

describe('project lists a cue announces', () => {
  it('takes every item as a project, parts in parentheses too, and keeps 工程 in the name', () => {
    const r = extract('key-projects-list.txt');
    expect(names(r, 'Project')).toEqual(expect.arrayContaining([
      '青龙湾生态旅游区开发', '青龙湾度假酒店', '青龙湾游客中心', '滨江大桥', '滨江大桥主体工程', '滨江大桥至环城大道连接线',
      '北城污水处理厂扩建工程', '丰源食品加工园', '东湖湿地公园提升改造工程', '南山隧道']));
    expect(names(r, 'Project').some((n) => n.includes('个'))).toBe(false);
  });
});

describe('projects of a list belong to the place the list is about', () => {
  it('locates each listed project in the city of the heading above its list', () => {
    const text = '二、青州市政府\n(一)重点项目(2个)。\n1.续建项目(2个):东湖湿地公园提升改造工程、北城污水处理厂扩建工程。';
    const r = extractDocument({ doc: 'list.txt', text, format: 'text' });
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['东湖湿地公园提升改造工程>青州市', '北城污水处理厂扩建工程>青州市']));
  });
});

describe('people named in credits, rosters and removals', () => {
  it('reads credit lines, roster lines with Party-group posts, and people removed from posts', () => {
    const text = [
      '青州市人民政府领导成员',
      '- 高文博:青州市人民政府党组成员、副市长',
      '决定免去孙立群的青州市财政局局长职务。',
      '作者:许嘉禾  责任编辑:沈静怡',
    ].join('\n');
    const r = extractDocument({ doc: 'credits.txt', text, format: 'text' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['高文博', '孙立群', '许嘉禾', '沈静怡']));
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['高文博>中共青州市人民政府党组|成员', '高文博>青州市人民政府|副市长']));
    // A removal is no post held.
    expect(rel(r, 'HOLDS_POSITION').some((x) => x.startsWith('孙立群>'))).toBe(false);
  });
});

describe('a province report that names a city in passing', () => {
  it('is the province’s text: its sectors are the province’s, with clean spans', () => {
    const r = extract('province-report.txt');
    expect(r.place).toBe('贵州省');
    expect(rel(r, 'DEVELOPS')).toEqual(expect.arrayContaining(['贵州省>新能源汽车', '贵州省>生物医药', '贵州省>茶叶', '遵义市>白酒', '贵州省>新材料']));
    // An item cut out of "生物医药等战略性新兴" keeps its own span, not the words after it.
    expect(r.mentions.find((m) => m.name === '生物医药')?.aliases ?? []).toEqual([]);
  });
});

describe('who undertakes a signed or company-named project', () => {
  it('gives the companies before a signing verb the project after it, and a company-named project its company', () => {
    const text = '青州市与山东恒润新材料有限公司、青州华研科技有限公司签约高端铝材深加工项目。\n当天开工的是山东鲁丰化工有限公司20万吨/年聚碳酸酯项目。';
    const r = extractDocument({ doc: 'signing.txt', text, format: 'text' });
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining([
      '山东恒润新材料有限公司>高端铝材深加工', '青州华研科技有限公司>高端铝材深加工',
      '山东鲁丰化工有限公司>山东鲁丰化工有限公司20万吨/年聚碳酸酯']));
  });
});

describe('a division of labour as an HTML table', () => {
  it('reads each row (name, post, duties), with the duties spelled out or only listed', () => {
    const r = extractDocument({ doc: 't.html', text: fixture('fengong-html-table.html'), format: 'html' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['周建明>安顺市人民政府|市长', '吴丽华>安顺市人民政府|副市长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining(['周建明>安顺市审计局|分管', '吴丽华>教育|分管', '吴丽华>卫生健康|分管']));
  });
});

describe('a division of labour as profile fields and numbered duties', () => {
  it('reads 姓名/职务/分工 fields, items after commas and semicolons, and numbered duty lines', () => {
    const r = extract('fengong-profile-fields.txt');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['刘晓东>德阳市人民政府|市长', '孙立平>德阳市人民政府|副市长']));
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '刘晓东>编制|分管', '孙立平>商务|负责', '孙立平>德阳市投资促进局|分管', '王海燕>医疗保障|负责', '王海燕>德阳市妇联|联系']));
  });
});

describe('sector lists a cue announces', () => {
  it('takes each item, asides included, as a sector the declaring city develops', () => {
    const text = '德阳市优化产业布局。调整后的8条产业链是:白酒、能源、化工新材料、装备制造(含机器人、军民融合)、食品和农产品加工(含竹产业)。';
    const r = extractDocument({ doc: 'chains.txt', text, format: 'text' });
    expect(rel(r, 'DEVELOPS')).toEqual(expect.arrayContaining([
      '德阳市>白酒', '德阳市>化工新材料', '德阳市>机器人', '德阳市>军民融合', '德阳市>农产品加工', '德阳市>竹']));
  });
});

describe('a legislature session and its plenary', () => {
  it('attaches the people on the rostrum to the plenary the news reports', () => {
    const text = '德阳市第九届人民代表大会第三次会议1月10日上午举行第一次全体会议。大会执行主席李国平主持会议。王建华、赵文静等在主席台就座。';
    const r = extractDocument({ doc: 'npc.txt', text, format: 'text' });
    const plenary = '德阳市第九届人民代表大会第三次会议第一次全体会议';
    expect(names(r, 'Meeting')).toContain(plenary);
    expect(rel(r, 'ATTENDS')).toEqual(expect.arrayContaining([`王建华>${plenary}`, `赵文静>${plenary}`]));
    expect(rel(r, 'PRESIDES')).toEqual([`李国平>${plenary}`]);
  });
});

describe('what a document says about itself', () => {
  it('takes the first line as the title when it reads as a heading, and nothing when it is body text', () => {
    expect(documentTitle('\n  芜湖市人民政府关于市政府领导同志工作分工的通知\n各区、县人民政府：\n')).toBe('芜湖市人民政府关于市政府领导同志工作分工的通知');
    expect(documentTitle('各区、县、市人民政府，市政府各部门：\n因人事变动')).toBeUndefined();
    expect(documentTitle('本报讯 1月16日上午，芜湖市第十七届人民代表大会第四次会议在芜湖大剧院隆重开幕。')).toBeUndefined();
    expect(documentTitle('Annual report')).toBeUndefined();
  });

  it('reads the first date the text states, in Arabic or Chinese numerals, as YYYY-MM-DD (YYYY-MM without a day)', () => {
    expect(documentDate('会议于2023年1月5日召开，2024年3月1日起施行。')).toBe('2023-01-05');
    expect(documentDate('芜湖市人民政府\n二〇二三年十二月二十一日')).toBe('2023-12-21');
    expect(documentDate('二O二四年三月十日')).toBe('2024-03-10');
    expect(documentDate('2022年10月，全市完成……')).toBe('2022-10');
    expect(documentDate('1月16日上午，会议开幕。')).toBeUndefined();
    expect(documentDate('2023年13月40日')).toBeUndefined();
  });

  it('puts title, date and the document place into the per-document record', () => {
    const { record } = extractDocumentWithText({ doc: 'n.txt', format: 'text', text: '绵阳市人民政府第八次常务会议召开\n2023年1月5日，市长赵明远主持召开市政府第八次常务会议。' });
    expect(DocRecord.parse(record)).toMatchObject({ title: '绵阳市人民政府第八次常务会议召开', date: '2023-01-05', place: '绵阳市' });
  });
});

describe('bodies in no list', () => {
  it('reads a place, a plain stem and an organ ending as a body, and not a session term', () => {
    const text = '德阳市投资促进局、市乡村振兴局负责人参加。中国人民政治协商会议德阳市第十届委员会第三次会议开幕。';
    const r = extractDocument({ doc: 'organs.txt', text, format: 'text' });
    expect(names(r, 'Organization')).toEqual(expect.arrayContaining(['德阳市投资促进局', '德阳市乡村振兴局']));
    expect(names(r, 'Organization').some((n) => n.includes('届委员会'))).toBe(false);
  });
});

describe('name lists that share one post', () => {
  it('gives each name the post counted after the list or announced before it', () => {
    const text = '德阳市人民政府领导班子调整。张立新、王海燕、孙立平3名新任副市长到岗。另外五位副市长,分别是:刘晓东、陈国栋、马文涛、吴丽华、周建明。';
    const r = extractDocument({ doc: 'list.txt', text, format: 'text' });
    for (const n of ['张立新', '孙立平', '刘晓东', '周建明']) expect(rel(r, 'HOLDS_POSITION')).toContain(`${n}>德阳市人民政府|副市长`);
  });
});

describe('name lists in running prose', () => {
  it('reads a list after a lead-in, a two-name list with a counted title, a list continued after a comma, and a duty after 则', () => {
    const text = '浙江省人民政府通知。随着周立新、王海、孙平3名新任副省长履新,分工调整。马林、王江两位副省长分工不变。'
      + '出席的还有:李国华、张为、陈通,郑明、宗亮。由某市市长升任副省长的孙平,则分管民政、水利工作。';
    const r = extractDocument({ doc: 'prose.txt', text, format: 'text' });
    for (const n of ['周立新', '王海', '孙平', '马林', '王江']) expect(rel(r, 'HOLDS_POSITION')).toContain(`${n}>浙江省人民政府|副省长`);
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['李国华', '张为', '陈通', '郑明', '宗亮']));
    expect(names(r, 'Person')).not.toContain('随着周立新');
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining(['孙平>民政|分管', '孙平>水利|分管']));
  });
});

describe('projects named after their company', () => {
  it('splits place + trade name + product where the product opens, and a trade name before a quality word', () => {
    const text = '2023年,邢台市推进清河华远上林高温合金、隆尧明泰智能检测装备等一批战略性新兴产业项目。金诚高档砂纸项目建成投产。';
    const r = extractDocument({ doc: 'company-projects.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['清河华远上林高温合金', '隆尧明泰智能检测装备', '金诚高档砂纸']));
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['清河华远上林>清河华远上林高温合金', '隆尧明泰>隆尧明泰智能检测装备', '金诚>金诚高档砂纸']));
  });
});

describe('a notice that adds duties', () => {
  it('reads 增加分管 and 联系 in separate sentences, older organ names and 团省委, and drops 等方面工作的落实', () => {
    const text = '四川省人民政府关于调整省政府领导同志分工的通知\n副省长周明同志,增加分管省卫生计生委、省旅游发展委。联系省社科院、省作协、团省委。\n副省长李平:负责抓好交通运输、国防科技工业等方面工作的落实。';
    const r = extractDocument({ doc: 'adds.txt', text, format: 'text' });
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '周明>四川省卫生和计划生育委员会|分管', '周明>四川省旅游发展委员会|分管', '周明>四川省社会科学院|联系', '周明>四川省作家协会|联系',
      '周明>共青团四川省委|联系', '李平>交通运输|负责', '李平>国防科技工业|负责',
    ]));
  });
});

describe('projects of a county’s own news', () => {
  it('are located in the county when nothing places them elsewhere', () => {
    const text = '蕲水县重大项目集中开工\n4月8日,蕲水县举行重大项目集中开工仪式。县委书记王明出席。本次开工的东坡生态养殖基地建设项目、文昌路改造工程项目总投资12亿元。';
    const r = extractDocument({ doc: 'county.txt', text: text.replaceAll('蕲水县', '蕲春县'), format: 'text' });
    expect(rel(r, 'LOCATED_IN')).toContain('文昌路改造工程>蕲春县');
    expect(names(r, 'Project')).not.toContain('蕲春县举行');
    // A project named with the province around the county is in the county too.
    const named = extractDocument({ doc: 'county2.txt', text: '蕲春县重大项目集中开工。县委书记王明出席。湖北鑫鸿水产养殖基地建设项目开工。', format: 'text' });
    expect(rel(named, 'LOCATED_IN')).toEqual(expect.arrayContaining(['湖北鑫鸿水产养殖基地建设>湖北省', '湖北鑫鸿水产养殖基地建设>蕲春县']));
    // A city's report leaves them open (its projects lie in its counties); its project news does not.
    const city = extractDocument({ doc: 'city.txt', text: '黄冈市政府工作报告\n市委书记王明出席。文昌路改造工程项目开工。', format: 'text' });
    expect(rel(city, 'LOCATED_IN').filter((x) => x.startsWith('文昌路'))).toEqual([]);
    const news = extractDocument({ doc: 'city-news.txt', text: '黄冈市重大项目集中开工\n市委书记王明出席。文昌路改造工程项目开工。', format: 'text' });
    expect(rel(news, 'LOCATED_IN').filter((x) => x.startsWith('文昌路'))).toEqual(['文昌路改造工程>黄冈市']);
  });
});

describe('roster lines and transliterated names', () => {
  it('gives a Party group its own posts, keeps the body for the title after it, and reads names in two parts', () => {
    const text = '漳州市人民政府领导名单\n- 陈一鸣:漳州市人民政府党组成员、副市长。\n- 林立:漳州市委副书记,市政府市长、党组书记。\n- 黄涛:漳州市委常委、秘书长,市政府党组成员。\n市委书记阿依肯·阿斯拉汗出席。';
    const r = extractDocument({ doc: 'roster.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '陈一鸣>中共漳州市人民政府党组|成员', '陈一鸣>漳州市人民政府|副市长', '林立>中共漳州市人民政府党组|书记',
      '黄涛>中共漳州市委|常委', '黄涛>中共漳州市委|秘书长', '阿依肯·阿斯拉汗>中共漳州市委|书记',
    ]));
    expect(rel(r, 'HOLDS_POSITION')).not.toContain('黄涛>中共漳州市委|常委、秘书长');
  });
});

describe('a county’s own report', () => {
  it('is recognised by 县十八届人大 and 全县 even when its city is named more often', () => {
    const text = '王明在县十八届人大五次会议上作的政府工作报告\n2019年,全县上下在滨州市委、滨州市政府和县委的领导下,发展成效显著。全县地区生产总值增长5.7%。惠民县绳网产业园建成。滨州市下达的任务全部完成。';
    const r = extractDocument({ doc: 'county-report.txt', text, format: 'text' });
    expect(r.place).toBe('惠民县');
  });
});

describe('a profile paragraph that ends with duties', () => {
  it('gives the duties after the biography to the person the paragraph opens with', () => {
    const text = '大连市政府领导分工\n周立,男,汉族,1965年3月出生,大学学历,现任大连市人民政府副市长。负责联系驻连部队、市科协、科研院所。';
    const r = extractDocument({ doc: 'profile.txt', text, format: 'text' });
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining(['周立>驻连部队|联系', '周立>大连市科协|联系', '周立>科研院所|联系']));
  });
});

describe('a counted list of projects', () => {
  it('reads the items after 4项为: when the sentence is about projects, programme words and plot numbers included', () => {
    const text = '城乡建设工作指挥部:项目24项,未达序时进度3项为:南平县老旧小区洋桃片区改造工程、城区雨污管网修复工程、民俗文化村落(24、26号地块)。';
    const r = extractDocument({ doc: 'counted.txt', text: text.replaceAll('南平县', '闽清县'), format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['闽清县老旧小区洋桃片区改造工程', '城区雨污管网修复工程', '民俗文化村落(24、26号地块)']));
    // Without projects in the sentence, a count is no cue.
    const other = extractDocument({ doc: 'tasks.txt', text: '主要任务3项为:城区雨污管网修复工程、社区服务。', format: 'text' });
    expect(names(other, 'Project')).not.toContain('社区服务');
  });
});

describe('more bodies', () => {
  it('reads a zone’s Party working committee and a CPPCC standing committee named with its term', () => {
    const text = '福建省福州新区党工委副书记兰文出席。政协上海市第十四届委员会常务委员会工作报告获通过。';
    const r = extractDocument({ doc: 'bodies.txt', text, format: 'text' });
    expect(names(r, 'Organization')).toEqual(expect.arrayContaining(['福建省福州新区党工委', '上海市政协常委会']));
    expect(rel(r, 'HOLDS_POSITION')).toContain('兰文>福建省福州新区党工委|副书记');
  });
});

describe('an executive meeting with its government’s term', () => {
  it('is named, reported on when it follows 召开, and presided over by whoever convenes it', () => {
    const text = '7月2日,区委副书记、区长王立新主持召开西青区第十八届人民政府第八十四次常务会议。会议传达市政府常务会议精神。';
    const r = extractDocument({ doc: 'exec.txt', text, format: 'text' });
    expect(names(r, 'Meeting')).toContain('西青区第十八届人民政府第八十四次常务会议');
    expect(rel(r, 'PRESIDES')).toContain('王立新>西青区第十八届人民政府第八十四次常务会议');
  });
});

describe('a county’s division of labour', () => {
  it('gives bare bodies to the county, not its city, and splits a lone item joined by 与', () => {
    const text = '房县人民政府领导分工\n副县长袁立:负责工业与企业工作,分管工业局、粮食局、政府办。';
    const r = extractDocument({ doc: 'county-fengong.txt', text, format: 'text' });
    expect(rel(r, 'OVERSEES')).toEqual(expect.arrayContaining([
      '袁立>工业|负责', '袁立>企业|负责', '袁立>房县工业局|分管', '袁立>房县粮食局|分管', '袁立>房县人民政府办公室|分管',
    ]));
    expect(rel(r, 'OVERSEES').some((x) => x.includes('十堰市'))).toBe(false);
  });
});

describe('projects named after the sum invested', () => {
  it('reads 某公司投资5亿元建设X项目 and 总投资5.8亿元的X项目, with the company undertaking it', () => {
    const text = '本次签约的项目分别是:浙江燕山纺织有限公司投资5亿元建设喷水织布项目;十堰青竹食品有限公司投资3000万元建设香菇植物肉项目。另有总投资5.8亿元的天然油脂深加工项目。';
    const r = extractDocument({ doc: 'invested.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['喷水织布', '香菇植物肉', '天然油脂深加工']));
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['浙江燕山纺织有限公司>喷水织布', '十堰青竹食品有限公司>香菇植物肉']));
  });
});

describe('items that carry their own 项目', () => {
  it('are projects whatever their last word, and keep their 年产 quantity', () => {
    const text = '12月18日,古田县城乡生活垃圾治理一体化项目、翠屏湖环湖景观慢道建设项目、年产1万吨铸件及100万件机械加工件项目等3个项目举行集中开工仪式。';
    const r = extractDocument({ doc: 'own-word.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['古田县城乡生活垃圾治理一体化', '翠屏湖环湖景观慢道建设', '年产1万吨铸件及100万件机械加工件']));
  });
});

describe('a district that names its city at the head of a sector clause', () => {
  it('develops the sector itself', () => {
    const text = '福绵区政府工作报告\n全区上下奋力拼搏。区委、区政府全力打造玉林工业发展新增长极、广西纺织服装产业领头羊。福绵区坚持发展纺织服装产业。';
    const r = extractDocument({ doc: 'district.txt', text, format: 'text' });
    expect(rel(r, 'DEVELOPS')).toContain('福绵区>纺织服装');
    expect(rel(r, 'DEVELOPS')).not.toContain('玉林市>纺织服装');
  });
});

describe('names that prose characters open or close', () => {
  it('reads 杜和平 before 任, and takes no word of a source line or a team for a name', () => {
    const text = '来源:重庆日报\n市委组织部原常务副部长杜和平任江北区委书记。领导班子调整后,王和李明出席。';
    const r = extractDocument({ doc: 'names.txt', text, format: 'text' });
    expect(names(r, 'Person')).toContain('杜和平');
    expect(names(r, 'Person')).not.toEqual(expect.arrayContaining(['来源']));
    expect(names(r, 'Person')).not.toContain('班子');
    expect(names(r, 'Person')).not.toContain('王和李');
  });
});

describe('company names at their edges', () => {
  it('keeps a 和 inside a registered name that opens with a place, and reads no clause as a company', () => {
    const text = '项目点、甘肃容和矿用设备集团有限公司、白银赛诺公司。书记王明听取公司经营情况介绍。又有197个重点项目开工。';
    const r = extractDocument({ doc: 'company-edges.txt', text, format: 'text' });
    expect(names(r, 'Enterprise')).toContain('甘肃容和矿用设备集团有限公司');
    expect(names(r, 'Enterprise').some((n) => /听取|又有/.test(n))).toBe(false);
  });
});

describe('two companies that each sign their own project', () => {
  it('pairs 分别与A、B签订了P项目和建设Q项目 in order, a name ending in parentheses included', () => {
    const text = '签约仪式上,市长王明代表市人民政府分别与新疆广远投资有限公司、新疆百味鲜食有限公司签订了乌苏美酒文化旅游产业园项目和建设馕产业园(中央厨房)项目。';
    const r = extractDocument({ doc: 'paired.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['乌苏美酒文化旅游产业园', '馕产业园(中央厨房)']));
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['新疆广远投资有限公司>乌苏美酒文化旅游产业园', '新疆百味鲜食有限公司>馕产业园(中央厨房)']));
    expect(rel(r, 'UNDERTAKES')).not.toContain('新疆百味鲜食有限公司>乌苏美酒文化旅游产业园');
  });
});

describe('a sector’s park', () => {
  it('is in the sector its name carries, even one the word list lacks', () => {
    const text = '市长王明代表市人民政府与新疆广远投资有限公司签订了馕产业园(中央厨房)项目。';
    const r = extractDocument({ doc: 'park.txt', text, format: 'text' });
    expect(rel(r, 'IN_INDUSTRY')).toContain('馕产业园(中央厨房)>馕');
  });
});

describe('organs of a body and a post taken in a clause', () => {
  it('reads 省委第一巡视组, 人大常委会办公厅 and 某某任…组长', () => {
    const text = '经河南省委巡视工作领导小组研究,米剑峰任省委第一巡视组组长。河南省人大常委会办公厅主任杨汝北出席。';
    const r = extractDocument({ doc: 'organs.txt', text, format: 'text' });
    expect(names(r, 'Organization')).toEqual(expect.arrayContaining(['中共河南省委巡视工作领导小组', '中共河南省委第一巡视组', '河南省人大常委会办公厅']));
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['米剑峰>中共河南省委第一巡视组|组长', '杨汝北>河南省人大常委会办公厅|主任']));
  });
});

describe('branches and corps', () => {
  it('reads a bureau’s district branch and an armed-police corps, with their places', () => {
    const text = '北京市公安局西城分局局长梁虎出席。武警甘肃省总队司令员王明讲话。';
    const r = extractDocument({ doc: 'branches.txt', text, format: 'text' });
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['北京市公安局西城分局>西城区', '武警甘肃省总队>甘肃省']));
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['梁虎>北京市公安局西城分局|局长', '王明>武警甘肃省总队|司令员']));
  });
});

describe('a division of labour reported in prose', () => {
  it('reads 某某副市长则负责…, drops 等 and connectives, and takes no comment for an area', () => {
    const text = '厦门市政府发出领导分工的通知。\n林文生副市长则负责农村、水利、海洋等,以及安全生产、应急管理,有利于推进城乡统筹发展;此外还有信访、机关事务等。';
    const r = extractDocument({ doc: 'prose-fengong.txt', text, format: 'text' });
    const items = rel(r, 'OVERSEES').map((x) => x.split('|')[0]);
    expect(items).toEqual(expect.arrayContaining(['林文生>农村', '林文生>海洋', '林文生>安全生产', '林文生>信访', '林文生>机关事务']));
    expect(items.some((x) => /等|以及|此外|有利于/.test(x))).toBe(false);
  });
});

describe('a work conference named by 全市', () => {
  it('takes the document’s own city into its name, and drops the 的 that ties a name to its verb', () => {
    const text = '绵阳市召开全市工业经济高质量发展推进会\n3月5日,全市工业经济高质量发展推进会召开。市委书记王明出席会议并讲话。在随后召开的全市招商引资工作座谈会上,市长李强讲话。';
    const r = extractDocument({ doc: 'conference.txt', text, format: 'text' });
    expect(names(r, 'Meeting')).toEqual(expect.arrayContaining(['绵阳市工业经济高质量发展推进会', '绵阳市招商引资工作座谈会']));
    expect(names(r, 'Meeting').some((n) => n.startsWith('的'))).toBe(false);
    expect(rel(r, 'ATTENDS')).toContain('王明>绵阳市工业经济高质量发展推进会');
  });
});

describe('declared sector lists', () => {
  it('take no example clause (产业链为例) and no kind of sector (战略性新兴) for a sector', () => {
    const text = '泸州市政府工作报告\n以能源产业链为例,我市的优势产业有页岩气开发利用,战略性新兴产业有新能源。';
    const r = extractDocument({ doc: 'declared.txt', text, format: 'text' });
    expect(names(r, 'Industry').some((n) => /我市|优势|战略性新兴/.test(n))).toBe(false);
    expect(rel(r, 'DEVELOPS')).toContain('泸州市>页岩气开发利用');
  });
});

describe('enterprises known by their short names', () => {
  it('finds a known enterprise where it stands as a word, with its registered name as an alias', () => {
    const r = extractDocument({ doc: 'known.txt', text: '德阳市与宁德时代签约，推进比亚迪锂电池项目建设。中交通运输规划调整。', format: 'text' });
    expect(names(r, 'Enterprise')).toEqual(expect.arrayContaining(['宁德时代', '比亚迪']));
    expect(r.mentions.find((m) => m.name === '宁德时代')?.aliases).toContain('宁德时代新能源科技股份有限公司');
    // 中交 inside 中交通… is no enterprise.
    expect(names(r, 'Enterprise')).not.toContain('中交');
  });
});

describe('who presides', () => {
  it('takes everyone named just before 分别主持 or 共同主持', () => {
    const text = '德阳市第九届人民代表大会常务委员会第五次会议10日召开。市人大常委会副主任刘晓东、陈国栋分别主持会议。';
    const r = extractDocument({ doc: 'p.txt', text, format: 'text' });
    expect(rel(r, 'PRESIDES').map((x) => x.split('>')[0]).sort()).toEqual(['刘晓东', '陈国栋']);
  });
});

describe('where a meeting is held', () => {
  it('locates a meeting in the city the text says it opens in, not in its hall', () => {
    const text = '政协德阳市第十届委员会第三次会议1月26日上午在德阳开幕。会议在市会议中心举行。';
    const r = extractDocument({ doc: 'v.txt', text, format: 'text' });
    expect(rel(r, 'LOCATED_IN').filter((x) => x.startsWith('德阳市政协十届三次会议'))).toEqual(['德阳市政协十届三次会议>德阳市']);
  });
});

describe('a title after the name', () => {
  it('gives the post the title implies, or the body named just before the name', () => {
    const text = '德阳市人民政府召开常务会议。市长刘晓东主持。刘晓东市长在会上强调，要抓好安全生产。市委王海燕书记出席。';
    const r = extractDocument({ doc: 't.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['刘晓东>德阳市人民政府|市长', '王海燕>中共德阳市委|书记']));
  });
});

describe('a Party group or committee of a body', () => {
  it('is a body of its own', () => {
    const text = '德阳市生态环境局党组书记、局长张立新,德阳市公安局党委委员王海燕出席。';
    const r = extractDocument({ doc: 'pg.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining([
      '张立新>中共德阳市生态环境局党组|书记', '张立新>德阳市生态环境局|局长', '王海燕>中共德阳市公安局委员会|委员']));
  });
});

describe('a division of labour written by a reporter', () => {
  const text = '某某市政府近日发出分工通知,市长裴明主持市政府全面工作。\n'
    + '记者发现,郑云海作为常务副市长,负责市政府常务工作。发展改革、财税金融、国有资产等宏观经济管理,以及老厂房改造提升等专项工作,均由郑云海负责。\n'
    + '教育、文化、卫生等归口由国桂英副市长负责,她还负责医药卫生体制改革。公安、司法、人防等业务关联性较强,统一由林锋副市长负责。\n'
    + '林文华副市长则负责农村、水利、海洋等农业口,以及移民和企业迁移专项工作,有利于推进城乡统筹发展;同时,他还分管安全生产、信访等。';
  const r = extractDocument({ doc: 'reporter-fengong.txt', text: text.replace('某某市', '厦门市'), format: 'text' });
  const items = rel(r, 'OVERSEES').map((x) => x.split('|')[0]);
  it('reads 某某作为常务副市长 and 由某某副市长负责 for posts', () => {
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['郑云海>厦门市人民政府|常务副市长', '国桂英>厦门市人民政府|副市长', '林锋>厦门市人民政府|副市长']));
  });
  it('gives the duties listed before 均由/归口由/统一由 to the official named after it', () => {
    expect(items).toEqual(expect.arrayContaining(['郑云海>发展改革', '郑云海>国有资产', '郑云海>老厂房改造提升', '国桂英>教育', '国桂英>卫生', '林锋>公安', '林锋>人防']));
  });
  it('drops the kind that closes a list (等农业口, 等专项工作) and reads on after a comment', () => {
    expect(items).toEqual(expect.arrayContaining(['林文华>海洋', '林文华>移民', '林文华>企业迁移', '林文华>安全生产', '林文华>信访']));
    expect(items.some((x) => /等|农业口|专项|业务|有利于|推进/.test(x))).toBe(false);
  });
});

describe('posts with a note or a second line', () => {
  it('reads 副县长(挂职)某某, the organ of 公安局长, and 兼…局长 under a name-first heading', () => {
    const county = extractDocument({ doc: 'county-fengong.txt', format: 'text',
      text: '磐安县人民政府领导班子成员工作分工\n县委常委、副县长(挂职)陈志远分管教育、科技等工作。\n副县长、公安局长何孝文分管公安、司法等工作。' });
    expect(rel(county, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['陈志远>中共磐安县委|常委', '陈志远>磐安县人民政府|副县长', '何孝文>磐安县公安局|局长']));
    expect(rel(county, 'OVERSEES').map((x) => x.split('|')[0])).toEqual(expect.arrayContaining(['陈志远>教育', '何孝文>公安']));
    const city = extractDocument({ doc: 'city-fengong.txt', format: 'text',
      text: '上海市市长、副市长工作分工\n舒明副市长\n兼市公安局局长,负责公安、司法行政等工作。\n分管市发展和改革委员会(市物价局)及市粮食和物资储备局,市政府信访办公室。\n负责中国(上海)自由贸易试验区建设工作。' });
    expect(rel(city, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['舒明>上海市人民政府|副市长', '舒明>上海市公安局|局长']));
    const overseen = rel(city, 'OVERSEES').map((x) => x.split('|')[0]);
    expect(overseen).toEqual(expect.arrayContaining(['舒明>上海市发展和改革委员会', '舒明>上海市粮食和物资储备局', '舒明>上海市人民政府信访办公室', '舒明>中国(上海)自由贸易试验区建设']));
    expect(overseen).not.toContain('舒明>上海');
  });
});

describe('projects in groundbreaking and signing news', () => {
  const text = '兴山县重点项目集中开工仪式举行\n7月12日,兴山县三季度重大项目集中开工活动在法麦克斯三期项目现场举行。县委书记汪小波宣布兴山县2017年第二批重点项目正式开工。'
    + '全县以招商签约和项目集中开工为新起点。本次集中开工昭君山庄二期、古夫绕城公路、百果园至水月寺公路改建工程、两河口水库等4个重点项目。'
    + '华中服装制造产业园项目、新能源电动车整车组装项目等12个项目集中签约。';
  const r = extractDocument({ doc: 'groundbreaking.txt', text, format: 'text' });
  it('reads roads and reservoirs in a counted list as projects, never as enterprises', () => {
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['古夫绕城公路', '百果园至水月寺公路改建工程', '两河口水库', '昭君山庄二期']));
    expect(names(r, 'Enterprise')).toEqual([]);
  });
  it('cuts the clause before a project (活动在…项目现场) and keeps the longer of two readings', () => {
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['法麦克斯三期', '华中服装制造产业园', '新能源电动车整车组装']));
    expect(names(r, 'Project')).not.toContain('百果园至水月寺公路');
  });
  it('takes no period, batch or clause fragment for a project', () => {
    expect(names(r, 'Project').some((n) => /季度|年|批|和$|活动/.test(n))).toBe(false);
  });
});

describe('sessions of a standing committee or a government written with their verb', () => {
  it('reads 县十五届人大常委会召开第36次会议 and 政府召开第九次全体(扩大)会议 as meetings, the first reported on', () => {
    const text = '3月25日,和县十五届人大常委会召开第36次会议。县人大常委会主任张达华,副主任王旺来、施爱枝出席会议。\n8月5日,和县政府召开第九次全体(扩大)会议。';
    const r = extractDocument({ doc: 'standing-committee.txt', text, format: 'text' });
    expect(names(r, 'Meeting')).toEqual(expect.arrayContaining(['和县第十五届人民代表大会常务委员会第三十六次会议', '和县人民政府第九次全体会议']));
    expect(rel(r, 'ATTENDS')).toEqual(expect.arrayContaining(['张达华>和县第十五届人民代表大会常务委员会第三十六次会议', '施爱枝>和县第十五届人民代表大会常务委员会第三十六次会议']));
  });
  it('cuts 企业代表 before a signing company', () => {
    const r = extractDocument({ doc: 'signing.txt', format: 'text', text: '筠连县举行项目集中签约仪式。签约企业代表东莞市蜀江新能源科技有限公司总经理曾伟作了发言。' });
    expect(names(r, 'Enterprise')).toEqual(['东莞市蜀江新能源科技有限公司']);
  });
});

describe('a county-level text that names itself only by its short form', () => {
  const text = '6月2日上午,市长王新明主持召开市十七届政府第30次常务会议。副市长王伟、何瑞红出席会议。\n'
    + '会议指出,要结合建德产业基础,发挥建德生态优势,大力发展休闲旅游等产业,引导和推动市委、市政府确定的产业发展。';
  const r = extractDocument({ doc: 'short-form.txt', text, format: 'text' });
  it('is about the unit whose short form it repeats, and its bare 市 bodies are that unit’s', () => {
    expect(r.place).toBe('建德市');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['王新明>建德市人民政府|市长', '王伟>建德市人民政府|副市长']));
    expect(names(r, 'Meeting')).toEqual(['建德市第十七届人民政府第三十次常务会议']);
  });
  it('takes no body for a sector', () => {
    expect(names(r, 'Industry')).not.toContain('市委');
  });
  it('takes no short form on its own when the text names no body of its own', () => {
    const plain = extractDocument({ doc: 'plain.txt', format: 'text', text: '结合建德产业基础,发挥建德生态优势。' });
    expect(plain.place).toBeUndefined();
  });
});

describe('a place named in full before a title', () => {
  it('gives the body of that place (磐安县县长 何浩挺)', () => {
    const r = extractDocument({ doc: 'report-head.txt', format: 'text', text: '政府工作报告\n\n  2024年2月4日在磐安县第十四届人民代表大会第三次会议上\n\n  磐安县县长 何浩然\n\n  各位代表:' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(['何浩然>磐安县人民政府|县长']);
  });
});

describe('members counted after their names in a CPPCC text', () => {
  it('hold the post of 委员 of the CPPCC the text names', () => {
    const r = extractDocument({ doc: 'cppcc.txt', format: 'text', text: '天津市政协十四届二次会议举行大会发言。会上,王红英、范小云、吕彤等3位委员分别作了发言。' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['王红英>天津市政协|委员', '吕彤>天津市政协|委员']));
  });
});

describe('a town named by its bare name', () => {
  it('is the town right after its county or city, or where the text also names it in full', () => {
    const r = extractDocument({ doc: 'towns.txt', format: 'text', text: '海南省琼海市重点项目。续建项目:琼海博鳌宝莲城项目。博鳌镇新建博鳌机场。' });
    expect(names(r, 'Place')).toContain('博鳌镇');
    const bare = extractDocument({ doc: 'bare.txt', format: 'text', text: '海南省琼海市重点项目。新建博鳌机场。' });
    expect(names(bare, 'Place')).not.toContain('博鳌镇');
  });
});

describe('a county’s own text whose province stands in company names', () => {
  it('is the county’s, and its source line names the outlet', () => {
    const text = '石万田调研我县开复工重点工作\n发布时间:2025-03-10 来源:朝阳县融媒体中心\n3月9日,县委副书记、县长石万田就我县开复工重点工作进行调研。'
      + '石万田先后来到辽宁华锆新材料有限公司、辽宁荃吉康医药科技有限公司和蜂盛能源科技(辽宁)有限公司。';
    const r = extractDocument({ doc: 'county.txt', text, format: 'text' });
    expect(r.place).toBe('朝阳县');
    expect(names(r, 'Organization')).toEqual(expect.arrayContaining(['朝阳县融媒体中心', '朝阳县人民政府']));
    expect(rel(r, 'HOLDS_POSITION')).toContain('石万田>朝阳县人民政府|县长');
  });
});

describe('a city’s text that names its city only inside company names', () => {
  it('is the city’s when it calls its bodies 市委 and 市长, however often the province is named', () => {
    const text = '4月8日下午,市委书记孙道明,市委副书记、市长熊享平深入部分重点企业调研。\n中粮米业(仙桃)有限公司去年实现产值8.05亿元。'
      + '湖北新鑫无纺布有限公司、湖北威普新材料有限公司、湖北展鹏电子材料有限公司、仙桃安必盛熔铸设备有限公司负责人汇报了生产情况。';
    const r = extractDocument({ doc: 'city.txt', text, format: 'text' });
    expect(r.place).toBe('仙桃市');
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['孙道明>中共仙桃市委|书记', '熊享平>仙桃市人民政府|市长']));
  });
});

describe('transport works in a report', () => {
  it('reads roads, bridges, stations and port works with their completion verbs, split at 和, each keeping its own ending', () => {
    const text = '金湖县政府工作报告。实施交通建设十大工程。金宝南线金湖段和环湖大道全线通车,新汽车客运总站全面竣工,金湖二桥、金湖港口工程加快推进,331省道金湖至马坝段高速线、宁淮东线金湖段工程完成前期准备工作。';
    const r = extractDocument({ doc: 'transport.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['金宝南线金湖段', '环湖大道', '新汽车客运总站', '金湖二桥', '金湖港口工程', '331省道金湖至马坝段高速线', '宁淮东线金湖段工程']));
    expect(names(r, 'Project')).not.toContain('金湖二桥港口工程');
  });
});

describe('duties handed over (接手) and removals by resignation', () => {
  it('reads 由某某接手, 某某接手…工作 and a counted kind closing a list', () => {
    const text = '广州市政府调整领导分工。发展和改革、物价、能源、政务管理四个领域工作由陈如松接手;法制由谢晓红接手;工业和统计由周亚明分管。此轮调整,常务副市长陈如松接手金融工作。';
    const r = extractDocument({ doc: 'handover.txt', text, format: 'text' });
    const items = rel(r, 'OVERSEES').map((x) => x.split('|')[0]);
    expect(items).toEqual(expect.arrayContaining(['陈如松>发展和改革', '陈如松>政务管理', '谢晓红>法制', '周亚明>工业', '周亚明>统计', '陈如松>金融']));
    expect(items.some((x) => /四个领域/.test(x))).toBe(false);
  });
  it('finds the person who resigns (接受某某辞去…职务) without a post', () => {
    const r = extractDocument({ doc: 'resign.txt', format: 'text', text: '甘谷县人大常委会会议表决通过了关于接受孙忠明辞去甘谷县人民政府县长职务的决定。' });
    expect(names(r, 'Person')).toContain('孙忠明');
    expect(rel(r, 'HOLDS_POSITION')).toEqual([]);
  });
});

describe('sectors that share one head', () => {
  it('distributes the head over short modifiers (硅基、磁性、铝基新材料产业链), and a city’s own chain is a sector it develops', () => {
    const text = '阜阳日报讯 12月17日,市硅基、磁性、铝基新材料产业链链长、市政协主席李志强带队到界首市调研。要加强铝基新材料产业发展的运行监测分析。';
    const r = extractDocument({ doc: 'chain.txt', text: text.replace('阜阳日报讯', '阜阳日报讯 阜阳市'), format: 'text' });
    expect(names(r, 'Industry').sort()).toEqual(['硅基新材料', '磁性新材料', '铝基新材料'].sort());
    expect(rel(r, 'DEVELOPS')).toEqual(expect.arrayContaining(['阜阳市>硅基新材料', '阜阳市>磁性新材料', '阜阳市>铝基新材料']));
    expect(rel(r, 'HOLDS_POSITION')).toContain('李志强>阜阳市政协|主席');
  });
});

describe('companies named inside the projects they carry out', () => {
  const text = '始兴县举行项目签约仪式。4个签约项目分别是投资10亿元的东强有限公司年产20000吨铜箔生产项目,投资10亿元的忠信科技控股无碱电子级玻璃纤维项目,'
    + '投资7.5亿元的晶科光电蓝宝石生产项目。牧原集团永济分公司生猪养殖及饲料厂建设项目开工。牧原集团董事长出席。';
  const r = extractDocument({ doc: 'signing-sums.txt', text, format: 'text' });
  const undertakes = rel(r, 'UNDERTAKES');
  it('reads a trade name with the ending a company keeps (科技控股, 光电) as the undertaker', () => {
    expect(undertakes).toEqual(expect.arrayContaining(['忠信科技控股>忠信科技控股无碱电子级玻璃纤维', '晶科光电>晶科光电蓝宝石生产']));
  });
  it('gives a project the longest company name that opens it, and no company the sum of another project', () => {
    expect(undertakes.filter((x) => x.startsWith('东强有限公司>'))).toEqual(['东强有限公司>东强有限公司年产20000吨铜箔生产']);
    expect(undertakes).not.toContain('牧原集团>牧原集团永济分公司生猪养殖及饲料厂建设');
  });
});

describe('words that look like a legislature', () => {
  it('reads no legislature in a standing committee’s session or in a school’s name', () => {
    const r = extractDocument({ doc: 'npc.txt', format: 'text', text: '黑龙江省十届人大常委会第三十一次会议25日结束。三亚市人大附中安居房项目开工。' });
    expect(names(r, 'Organization')).not.toContain('黑龙江省人民代表大会');
    expect(names(r, 'Organization')).not.toContain('三亚市人民代表大会');
    expect(names(r, 'Meeting')).toContain('黑龙江省第十届人民代表大会常务委员会第三十一次会议');
  });
});

describe('elections at a session', () => {
  it('give each person elected the post, whatever form the body takes', () => {
    const text = '太和县政协十届一次会议胜利闭幕。选举杨代明同志为县政协第十届委员会主席,选举张亚林、尚卫红两位同志为县第十届政协委员会副主席,'
      + '选举耿新民同志为县第十届政协秘书长。大会选举黎滨海为政协第十届玉屏侗族自治县委员会副主席。';
    const r = extractDocument({ doc: 'elections.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['杨代明>太和县政协|主席', '张亚林>太和县政协|副主席', '尚卫红>太和县政协|副主席',
      '耿新民>太和县政协|秘书长', '黎滨海>玉屏侗族自治县政协|副主席']));
    expect(names(r, 'Organization')).not.toContain('太和县政协第十届委员会');
  });
});

describe('posts in a profile and in a zone’s two bodies', () => {
  it('reads the posts after 现任 in a profile, a Party group after a post, and a masked 中共', () => {
    const text = '大连市副市长分工\n1、卢林\n卢林,男,汉族,1963年7月生,中***党员,研究生学历,现任中***大连市委常委,常务副市长、党组副书记。';
    const r = extractDocument({ doc: 'profile.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['卢林>中共大连市委|常委', '卢林>大连市人民政府|常务副市长', '卢林>中共大连市人民政府党组|副书记']));
  });
  it('gives 管委会主任 after a zone’s 党工委 to the zone’s 管委会', () => {
    const r = extractDocument({ doc: 'zone.txt', format: 'text', text: '福州市政府领导分工。\n- 兰武:福州市人民政府党组成员,福建省福州新区党工委副书记、管委会主任。' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['兰武>福建省福州新区党工委|副书记', '兰武>福建省福州新区管委会|主任']));
  });
});

describe('the author of a work report', () => {
  it('addresses the session the report is given at, even when no person stands in the 我代表 sentence', () => {
    const text = '政府工作报告\n\n2024年2月4日在磐安县第十四届人民代表大会第三次会议上\n\n磐安县县长 何浩然\n\n各位代表:\n\n'
      + '现在,我代表县人民政府向大会作工作报告,请予审议。\n我们深入学习贯彻习近平总书记重要讲话精神。';
    const r = extractDocument({ doc: 'report.txt', text, format: 'text' });
    expect(rel(r, 'ADDRESSES')).toEqual(['何浩然>磐安县第十四届人民代表大会第三次会议|政府工作报告']);
  });
  it('in a report that names its session only as the one that adopted it', () => {
    const text = '各乡镇人民政府,县政府各部门:\n《政府工作报告》已经县十八届人民代表大会第五次会议审议通过,现印发给你们。\n中宁县人民政府\n政府工作报告\n县长 周永福\n各位代表:\n现在,我代表县人民政府向大会报告工作,请予审议。';
    const r = extractDocument({ doc: 'report2.txt', text, format: 'text' });
    expect(rel(r, 'ADDRESSES')).toEqual(['周永福>中宁县第十八届人民代表大会第五次会议|政府工作报告']);
  });
});

describe('kinds of enterprises and a chain’s leader', () => {
  it('reads no enterprise in a list of kinds (等相关企业, 等下游…企业) and the 链主 of a named chain', () => {
    const text = '余庆县以智能缝纫设备产业链招商为抓手,即以华厦智能装备科技有限公司“链主”企业为核心,以纺织服装、鞋帽、箱包等下游鞋服制造企业15家开展招商。'
      + '产业园将入驻无人机整机生产制造、低空应用展示交易、无人机培训等相关企业。';
    const r = extractDocument({ doc: 'chain-kinds.txt', text, format: 'text' });
    expect(names(r, 'Enterprise')).toEqual(['华厦智能装备科技有限公司']);
    expect(rel(r, 'LEADS_CHAIN')).toEqual(['华厦智能装备科技有限公司>智能缝纫设备']);
  });
});

describe('clause fragments that are no project', () => {
  it('takes no project holding a person, a month, a body or an official’s title', () => {
    const text = '六安市委书记叶露中到裕安区调研。叶露中听取了产业园项目建设情况汇报。修文县8月集中开工项目。县政府贯彻落实全省项目建设会议精神。市人大常委会副主任项目观摩。项目位于高铁新城站前大道。';
    const r = extractDocument({ doc: 'fragments.txt', text, format: 'text' });
    expect(names(r, 'Project').filter((n) => /叶露中|8月|县政府|副主任|位于/.test(n))).toEqual([]);
  });
});

describe('a counted list of key projects', () => {
  it('names projects whatever follows it, and a capacity makes an item a project, not a company', () => {
    const text = '吉林市举行春季项目集中开工仪式。除了化工领域的吉化转型升级120万吨乙烯、吉化80万吨二氧化碳气体回收等23个重点项目外,还有新材料项目。而在前不久,吉林化纤年产3.5万吨生物质新型人造丝项目一期也开车投产。';
    const r = extractDocument({ doc: 'counted.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['吉化转型升级120万吨乙烯', '吉化80万吨二氧化碳气体回收', '吉林化纤年产3.5万吨生物质新型人造丝']));
    expect(names(r, 'Enterprise')).not.toContain('吉化转型升级');
  });
});

describe('numbered meetings of a Party committee’s commissions', () => {
  it('names 市委全面深化改革委员会第五次会议 with the committee, and its presider', () => {
    const r = extractDocument({ doc: 'commission.txt', text: '长沙市委书记李强明主持召开市委全面深化改革委员会第五次会议。', format: 'text' });
    expect(names(r, 'Meeting')).toEqual(['中共长沙市委全面深化改革委员会第五次会议']);
    expect(rel(r, 'PRESIDES')).toEqual(['李强明>中共长沙市委全面深化改革委员会第五次会议']);
  });
});

describe('named conferences with a quoted slogan', () => {
  it('reads the quoted part as part of the name, without its quotation marks', () => {
    const text = '4月28日,习近平总书记在合肥主持召开部分省区市“十五五”时期经济社会发展座谈会。';
    const r = extractDocument({ doc: 'slogan.txt', text, format: 'text' });
    expect(names(r, 'Meeting')).toContain('部分省区市十五五时期经济社会发展座谈会');
  });
});

describe('who attends which meeting', () => {
  it('names a session’s preparatory meeting and its presidium’s meetings, and gives each the people of its sentences', () => {
    const text = '昨日下午,天津市河西区第二届人民代表大会第二次会议预备会议举行。\n区人大常委会副主任刘明杰、杨树林出席会议。\n又讯河西区第二届人民代表大会第二次会议主席团昨日下午举行第一次会议。区人大常委会主任赵建明主持会议。';
    const r = extractDocument({ doc: 'presidium.txt', text, format: 'text' });
    const session = '河西区第二届人民代表大会第二次会议';
    expect(names(r, 'Meeting')).toEqual(expect.arrayContaining([`${session}预备会议`, `${session}主席团第一次会议`]));
    expect(rel(r, 'ATTENDS').sort()).toEqual([`刘明杰>${session}预备会议`, `杨树林>${session}预备会议`]);
    expect(rel(r, 'PRESIDES')).toEqual([`赵建明>${session}主席团第一次会议`]);
  });
  it('reads a joint meeting (县政府党组会议暨X) as the one reported, and a 和 that joins nothing as the end of a name', () => {
    const text = '1月21日下午,通城县县长徐望明主持召开县政府党组会议暨县政府2026年第1次常务会议。副县长何靖军、赵明亮、姜青和应邀出席会议。';
    const r = extractDocument({ doc: 'joint.txt', text, format: 'text' });
    const meeting = '通城县人民政府2026年第一次常务会议';
    expect(rel(r, 'PRESIDES')).toEqual([`徐望明>${meeting}`]);
    expect(rel(r, 'ATTENDS').sort()).toEqual([`何靖军>${meeting}`, `姜青和>${meeting}`, `赵明亮>${meeting}`]);
  });
  it('attaches a sentence’s people to the session or plenary it names, and reads 到会 as attending', () => {
    const text = '掇刀区五届人大一次会议举行第一次全体会议暨开幕式,许贤明主持会议。\n区委书记周俊林出席掇刀区五届人大一次会议。市政协副主席王能文等同志到会指导。';
    const r = extractDocument({ doc: 'family.txt', text, format: 'text' });
    expect(rel(r, 'ATTENDS')).toEqual(expect.arrayContaining(['周俊林>掇刀区第五届人民代表大会第一次会议', '王能文>掇刀区第五届人民代表大会第一次会议第一次全体会议']));
    expect(rel(r, 'PRESIDES')).toEqual(['许贤明>掇刀区第五届人民代表大会第一次会议第一次全体会议']);
  });
  it('reads a session named over the lines of a title block, with its verb spaced, as the one the seated people attend', () => {
    const text = '11月16日上午\n掇刀区第五届人民代表大会\n第一次会议\n在区会议中心\n开 幕\n大会执行主席周俊明、李鹏飞在主席台前排就座。\n上午8时30分,掇刀区五届人大一次会议举行第一次全体会议暨开幕式。\n王玮明出席会议。';
    const r = extractDocument({ doc: 'title-block.txt', text, format: 'text' });
    const session = '掇刀区第五届人民代表大会第一次会议';
    expect(rel(r, 'ATTENDS').sort()).toEqual([`周俊明>${session}`, `李鹏飞>${session}`, `王玮明>${session}第一次全体会议`]);
  });
  it('reads 第一次全体会议执行主席A、B as a plenary its chairs attend beside the session, and a bare 参加 as attending', () => {
    const text = '10月26日,双流区第十九届人民代表大会第四次会议开幕。\n大会主席团常务主席、第一次全体会议执行主席马烈明、董勇军在主席台前排就座。\n区委副书记王军明出席大会。\n市领导那志华在分会场参加。';
    const r = extractDocument({ doc: 'chairs.txt', text, format: 'text' });
    const session = '双流区第十九届人民代表大会第四次会议';
    expect(rel(r, 'ATTENDS').sort()).toEqual([`王军明>${session}`, `董勇军>${session}`, `董勇军>${session}第一次全体会议`, `那志华>${session}`, `马烈明>${session}`, `马烈明>${session}第一次全体会议`].sort());
  });
  it('gives the people of a sentence that names no meeting to the one last held: the plenary, then the session at its closing', () => {
    const text = '2月11日下午,临泽县第十七届人民代表大会第七次会议圆满完成各项议程后,在县政府会议楼会议厅闭幕。\n大会举行第二次全体会议。\n执行主席郝英明、孙利南在主席台就座。\n下午3时,大会举行闭幕会。\n执行主席郝英明、郭立军在主席台就座。';
    const r = extractDocument({ doc: 'closing.txt', text, format: 'text' });
    const session = '临泽县第十七届人民代表大会第七次会议';
    expect(rel(r, 'ATTENDS').sort()).toEqual([`孙利南>${session}第二次全体会议`, `郝英明>${session}`, `郝英明>${session}第二次全体会议`, `郭立军>${session}`]);
  });
});

describe('posts in a Party committee’s departments written without the committee', () => {
  it('gives 县委常委、政法委书记 / 统战部长 / 宣传部副部长 the department of the committee named before', () => {
    const r = extractDocument({ doc: 'subunits.txt', text: '临高县委常委、政法委书记李瑞明出席。临高县委常委、统战部长王明华出席。临高县委常委、宣传部副部长张伟杰出席。', format: 'text' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['李瑞明>中共临高县委政法委|书记', '王明华>中共临高县委统战部|部长', '张伟杰>中共临高县委宣传部|副部长']));
  });
});

describe('names around function words and counts', () => {
  it('ends a name before 关于, opens none at its 于, and reads no count (三位) as a given name', () => {
    const text = '会议首先就县人民政府县长肖克关于成兵、石庆光、关钟三位同志辞去领导职务的提请报告进行了审查。';
    const r = extractDocument({ doc: 'guanyu.txt', text, format: 'text' });
    expect(names(r, 'Person').sort()).toEqual(['关钟', '成兵', '石庆光', '肖克'].sort());
  });
});

describe('where a province’s project news builds', () => {
  it('locates a listed project with no lower place in the province, but not in a work report', () => {
    const news = '新疆兵团重点项目开工建设\n新疆维吾尔自治区今年重点项目包括基础设施类项目3个,分别是玛纳斯河肯斯瓦特水利枢纽工程、石河子支线机场迁建工程和苏塘灌区水利工程。';
    expect(rel(extractDocument({ doc: 'xj.txt', text: news, format: 'text' }), 'LOCATED_IN')).toContain('玛纳斯河肯斯瓦特水利枢纽工程>新疆维吾尔自治区');
    const report = '推进漳州核电、福厦特高压等项目。\n2023年福建省人民政府工作报告\n——2023年1月11日在福建省第十四届人民代表大会第一次会议上';
    expect(rel(extractDocument({ doc: 'fj.txt', text: report, format: 'text' }), 'LOCATED_IN').filter((r) => r.endsWith('>福建省') && r.startsWith('福厦'))).toEqual([]);
  });
});

describe('the place a text is about', () => {
  it('is the region its headline names when it speaks of 全区, however often its capital names projects', () => {
    const text = '西藏重点工程项目进展顺利\n从西藏自治区发展改革委了解到,去年全区重点项目进展顺利。拉萨贡嘎机场、拉萨柳梧大桥、拉萨水泥厂、拉萨火车站相继开工,拉萨两桥一洞进展顺利。';
    expect(extractDocument({ doc: 'region.txt', text, format: 'text' }).place).toBe('西藏自治区');
  });
});

describe('sectors whose output is reported for the whole place', () => {
  it('reads 全省汽车产量稳居前三 as the province developing 汽车', () => {
    const r = extractDocument({ doc: 'output.txt', text: '吉林省政府工作报告。过去五年,全省汽车产量稳居国内市场前三强。', format: 'text' });
    expect(rel(r, 'DEVELOPS')).toEqual(['吉林省>汽车']);
  });
});

describe('chain leaders and the companies a chain brings in', () => {
  it('reads 光伏产业链先后引入A、B等头部企业 and 与链主X集团深度配套', () => {
    const text = '光伏产业链先后引入中来、晶科等头部企业。特钢材料产业链促成新远宏等企业与链主太钢集团深度配套。';
    const r = extractDocument({ doc: 'chain-companies.txt', text, format: 'text' });
    expect(names(r, 'Enterprise').sort()).toEqual(['中来', '太钢集团', '新远宏', '晶科']);
    expect(rel(r, 'LEADS_CHAIN')).toEqual(['太钢集团>特钢材料']);
  });
});

describe('bodies named by a bare level word after a verb', () => {
  it('reads 听取了市公安边防支队… as the city’s body', () => {
    const r = extractDocument({ doc: 'le.txt', text: '2月28日,莆田市六届人大常委会第一次会议举行。会议书面听取了市公安边防支队创建工作情况报告。', format: 'text' });
    expect(names(r, 'Organization')).toContain('莆田市公安边防支队');
  });
});

describe('people a text quotes or lists without their posts', () => {
  it('reads 出席会议的还有A、B等, and someone quoted as 负责人', () => {
    const text = '出席会议的还有王建明、赵志军等。企业负责人张建国介绍,项目年底投产。负责人向记者介绍了情况。';
    const r = extractDocument({ doc: 'quoted.txt', text, format: 'text' });
    expect(names(r, 'Person').sort()).toEqual(['张建国', '王建明', '赵志军'].sort());
  });
});

describe('credits without a label', () => {
  it('reads a photographer (… 王强 摄, 张三/摄) and the author between a page’s time and its source line', () => {
    const text = '2012-03-05 16:56 宋群明 来源:福建人大网\n长春建设世界一流汽车城。(央广网发 王强明 摄)\n图为施工现场。张三明/摄';
    const r = extractDocument({ doc: 'credits.txt', text, format: 'text' });
    expect(names(r, 'Person').sort()).toEqual(['宋群明', '张三明', '王强明'].sort());
    expect(names(r, 'Organization')).not.toContain('福建省人民代表大会');
  });
});

describe('review credits of a county outlet', () => {
  it('reads 一审/二审/三审 lines as posts at the outlet of the source line', () => {
    const text = '县政府召开常务会议\n来源:通城县融媒体中心 发布日期:2026-01-22\n会议听取了汇报。\n一审:熊明哲\n二审:黄益民 熊晓明\n三审:金宗明';
    const r = extractDocument({ doc: 'review.txt', text, format: 'text' });
    expect(rel(r, 'HOLDS_POSITION').sort()).toEqual(['金宗明>通城县融媒体中心|三审', '熊明哲>通城县融媒体中心|一审', '熊晓明>通城县融媒体中心|二审', '黄益民>通城县融媒体中心|二审'].sort());
  });
});

describe('Party committees named 党委', () => {
  it('reads X镇党委 and X自治区党委 as 中共X委员会', () => {
    const r = extractDocument({ doc: 'dangwei.txt', text: '宁夏回族自治区党委副书记张建国出席。交城县天宁镇党委书记曹仙明陪同。', format: 'text' });
    expect(rel(r, 'HOLDS_POSITION').sort()).toEqual(['张建国>中共宁夏回族自治区委员会|副书记', '曹仙明>中共天宁镇委员会|书记']);
    expect(rel(r, 'LOCATED_IN')).toContain('中共天宁镇委员会>天宁镇');
  });
});

describe('projects in counted lists and names that are clauses', () => {
  it('reads the items of 引进了A、B等9个产业链项目, a capacity in GW included', () => {
    const r = extractDocument({ doc: 'chain-projects.txt', text: '西宁市签约引进了高性能碳纤维二期、50GW直拉单晶硅棒一期等9个产业链项目,签约金额156亿元。', format: 'text' });
    expect(names(r, 'Project').sort()).toEqual(['50GW直拉单晶硅棒一期', '高性能碳纤维二期']);
    expect(names(r, 'Industry')).not.toContain('高性能碳纤维二期');
  });
  it('reads the list after 项目12个,包括 (no colon) as projects, and companies named in them as their undertakers', () => {
    const text = '重点项目中,产业发展类项目12个,包括现代农业节水灌溉示范工程、新疆天恒纺织公司紧密纺、天业集团聚氯乙烯三期等;民生类项目4个。';
    const r = extractDocument({ doc: 'counted-comma.txt', text, format: 'text' });
    expect(names(r, 'Project').sort()).toEqual(['天业集团聚氯乙烯三期', '新疆天恒纺织公司紧密纺', '现代农业节水灌溉示范工程']);
    expect(rel(r, 'UNDERTAKES').sort()).toEqual(['天业集团>天业集团聚氯乙烯三期', '新疆天恒纺织公司>新疆天恒纺织公司紧密纺']);
  });
  it('reads no company in a route, a unit or a facility named before a place or a facility word', () => {
    const text = '开工项目包括京唐城际铁路北京隧道段、永丰数字科技中心项目。新疆兵团目前已有农十师北屯城镇引水工程、北屯热电厂2个项目开工。';
    const r = extractDocument({ doc: 'no-company.txt', text, format: 'text' });
    expect(names(r, 'Enterprise')).toEqual([]);
    expect(rel(r, 'UNDERTAKES')).toEqual([]);
  });
  it('reads a known company after 暨 as the undertaker of the project it names, and no project in 新基建大项目', () => {
    const text = '新基建大项目已经谋划2000多个。当日,2020年吉林省“三早”项目暨中国一汽红旗新能源汽车工厂项目开工仪式在长春举行。';
    const r = extractDocument({ doc: 'known-after-ji.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(['中国一汽红旗新能源汽车工厂']);
    expect(rel(r, 'UNDERTAKES')).toEqual(['中国一汽>中国一汽红旗新能源汽车工厂']);
  });
  it('reads facilities whose stage of works follows them (成功截流, 投产发电, 主体框架已完成) and 工程 after a river or road', () => {
    const text = '西藏重点工程项目进展顺利\n去年,年楚河干流整治一期工程已开工建设。金河电站成功截流,夏曲卡水电站两台机组投产发电。拉萨贡嘎机场改扩建工程主体框架也已完成。总投资60亿元的北汽麦格纳新能源汽车项目一期工程顺利竣工。';
    const r = extractDocument({ doc: 'stages.txt', text, format: 'text' });
    expect(names(r, 'Project').sort()).toEqual(['北汽麦格纳新能源汽车', '夏曲卡水电站', '年楚河干流整治一期工程', '拉萨贡嘎机场改扩建工程', '金河电站'].sort());
  });
  it('gives no project for a company’s legal form or a clause before 重大项目', () => {
    const text = '大唐海南能源开发有限公司、美澜(海南)科技有限责任公司分别作为项目集中开工企业代表发言。市长殷勇明在通州区主会场参加活动并宣布重大项目开工。';
    const r = extractDocument({ doc: 'not-projects.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual([]);
    expect(names(r, 'Enterprise')).toContain('美澜(海南)科技有限责任公司');
  });
});

describe('projects signed by a county with a company', () => {
  it('reads P项目合同书, gives the company the project and the county its place', () => {
    const text = '商洛日报讯 我市举行集中签约仪式。镇安县与陕西矿山冶金有限公司签订的东阳钼产业园项目合同书,总投资19.8亿元;镇安县与陕西恒富源林业有限公司签订的中小企业产业园项目合同书,总投资12.56亿元。';
    const r = extractDocument({ doc: 'contracts.txt', text, format: 'text' });
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['陕西矿山冶金有限公司>东阳钼产业园', '陕西恒富源林业有限公司>中小企业产业园']));
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['东阳钼产业园>镇安县', '中小企业产业园>镇安县']));
    expect(names(r, 'Industry')).not.toContain('中小企业');
  });
});

describe('project lists that give each item its sum', () => {
  it('reads items separated by ; and , each opening with 总投资…的, registered names holding 发展, and two projects sharing 分别投资', () => {
    const text = '卢龙县举行重点项目集中开工仪式,总投资45亿元的7个项目集中开工。这7个项目分别为:总投资20.8亿元的河北领标科技发展有限公司年产800万平方米新型节能超薄岩板和8万套整体橱柜生产线项目;'
      + '总投资20亿元的北京中艺映画文化传媒有限公司棋盘山综合开发项目,总投资2200万元的卢龙县峪兴农业科技有限公司醴泉山谷二期项目。'
      + '涡阳县新开工的十大项目中,智慧水务项目总投资12.2亿元、金刚线硅片切割和电磁继电器生产项目分别投资5亿元和3亿元。大竹县越洋电子电脑配件生产、环州机电技改扩能等8个项目集中开工。';
    const r = extractDocument({ doc: 'sums.txt', text, format: 'text' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['河北领标科技发展有限公司年产800万平方米新型节能超薄岩板和8万套整体橱柜生产线',
      '北京中艺映画文化传媒有限公司棋盘山综合开发', '卢龙县峪兴农业科技有限公司醴泉山谷二期', '金刚线硅片切割', '电磁继电器生产']));
    expect(names(r, 'Enterprise')).toContain('河北领标科技发展有限公司');
    expect(names(r, 'Enterprise').filter((n) => /总投资|大竹|涡阳/.test(n))).toEqual([]);
  });
});

describe('a national session’s opening', () => {
  it('reads a dotted name inside a list and the report of one who speaks for a body', () => {
    const text = '3月3日15时,中国人民政治协商会议第十一届全国委员会第二次会议在北京人民大会堂开幕。\n全国政协主席贾庆明,全国政协副主席王刚、杜青山、帕巴拉·格列朗杰、白立忠在主席台前排就座。\n贾庆明代表政协第十一届全国委员会常务委员会,向大会报告工作。';
    const r = extractDocument({ doc: 'cppcc-national.txt', text, format: 'text' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['帕巴拉·格列朗杰', '白立忠']));
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['帕巴拉·格列朗杰>全国政协|副主席', '白立忠>全国政协|副主席']));
    expect(rel(r, 'ADDRESSES')).toEqual(['贾庆明>中国人民政治协商会议第十一届全国委员会第二次会议']);
  });
});

describe('more local organs', () => {
  it('reads 人武部, 监委 and 供销社 as the county’s bodies', () => {
    const r = extractDocument({ doc: 'organs.txt', format: 'text', text: '磐安县召开全县大会。县委书记王明出席。县人武部部长李强、县监委主任张三、县供销社主任王五参加。' });
    expect(names(r, 'Organization')).toEqual(expect.arrayContaining(['磐安县人民武装部', '磐安县监察委员会', '磐安县供销合作社']));
  });
});

describe('names in credits, bylines and signatures', () => {
  it('reads bylines written without spaces, credit lines with names of any form, spaced titles and the author of a report', () => {
    const r = extractDocument({ doc: 'credits.txt', format: 'text',
      text: '台前县项目正式签约\n河南日报3月28日电(记者段宝山通讯员王为民) 台前县举行签约仪式。\n文图:佳佳 扎来特 赛音巴图' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['段宝山', '王为民', '佳佳', '扎来特', '赛音巴图']));
    expect(rel(r, 'HOLDS_POSITION')).toContain('段宝山>河南日报|记者');
    const report = extractDocument({ doc: 'report.txt', format: 'text',
      text: '中宁县第十八届人民代表大会第五次会议上\n县 长 周永林\n各位代表:\n刘卫国在县十八届人大五次会议上作的政府工作报告指出。' });
    expect(names(report, 'Person')).toEqual(expect.arrayContaining(['周永林', '刘卫国']));
    expect(rel(report, 'HOLDS_POSITION')).toContain('周永林>中宁县人民政府|县长');
  });
});

describe('where projects and zone bodies are', () => {
  it('locates a city ceremony’s projects in the city, a county’s town projects in the county too, and a zone body in the lowest place of its name', () => {
    const city = extractDocument({ doc: 'city-ceremony.txt', format: 'text',
      text: '吉林市举行春季项目集中开工暨低空飞行器制造项目启动仪式。除了化工领域的吉化转型升级120万吨乙烯、吉化80万吨二氧化碳气体回收等23个重点项目外,还有新材料项目。' });
    expect(rel(city, 'LOCATED_IN')).toEqual(expect.arrayContaining(['吉化转型升级120万吨乙烯>吉林市', '吉化80万吨二氧化碳气体回收>吉林市']));
    const zone = extractDocument({ doc: 'zone2.txt', format: 'text', text: '福州市政府领导分工。\n- 兰武:福州市人民政府党组成员,福建省福州新区党工委副书记、管委会主任。' });
    expect(rel(zone, 'LOCATED_IN')).toEqual(expect.arrayContaining(['福建省福州新区党工委>福州市', '福建省福州新区管委会>福州市']));
  });
});

describe('editors, reporters and appointees', () => {
  it('gives credit lines the outlet the page names, a reporter the outlet just before the title, and each appointee the post', () => {
    const credits = extractDocument({ doc: 'credit-lines.txt', format: 'text',
      text: '石万田调研我县开复工工作\n发布时间:2025-03-10 来源:朝阳县融媒体中心\n县委副书记、县长石万田进行调研。\n[编辑:陶玲 校对:胡佳颖]' });
    expect(rel(credits, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['陶玲>朝阳县融媒体中心|编辑', '胡佳颖>朝阳县融媒体中心|校对']));
    const reporter = extractDocument({ doc: 'reporter.txt', format: 'text', text: '余庆县产业链招商\n\n贵州日报天眼新闻记者 黄霞 何美\n\n余庆县举行推介会。' });
    expect(rel(reporter, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['黄霞>贵州日报|记者', '何美>贵州日报|记者']));
    const court = extractDocument({ doc: 'court.txt', format: 'text', text: '北京市通州区人大常委会召开会议。会议以无记名投票方式,任命李春雨、何娇、徐莉等18人为通州区人民法院审判员。' });
    expect(rel(court, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['李春雨>通州区人民法院|审判员', '徐莉>通州区人民法院|审判员']));
    // A district's body is known with its city too.
    expect(court.mentions.find((m) => m.name === '通州区人民法院')?.aliases).toContain('北京市通州区人民法院');
  });
});

describe('a project named after a registered company’s trade name', () => {
  it('is carried out by that company', () => {
    const r = extractDocument({ doc: 'trade-name.txt', format: 'text', text: '东乡县与广东云鹰农业集团有限公司签订了合作协议。云鹰马铃薯全产业链项目将建设加工厂。' });
    expect(rel(r, 'UNDERTAKES')).toEqual(['广东云鹰农业集团有限公司>云鹰马铃薯全产业链']);
  });
});

describe('meetings named in lists', () => {
  it('gives one plenum per ordinal of a joint plenum and names a place’s investment events with the place in front', () => {
    const plenums = extractDocument({ doc: 'plenums.txt', format: 'text', text: '天津市政协召开会议。委员们围绕贯彻落实市委十届十次、十一次全会精神建言献策。' });
    expect(names(plenums, 'Meeting')).toEqual(expect.arrayContaining(['中共天津市委十届十次全会', '中共天津市委十届十一次全会']));
    const events = extractDocument({ doc: 'events.txt', format: 'text',
      text: '镇江市人民政府工作报告。全年举办海工船舶产业招商推介会、航空航天产业合作恳谈会等30场招商活动,参加第24届中国·青海绿色发展投资贸易洽谈会。' });
    expect(names(events, 'Meeting')).toEqual(expect.arrayContaining(['镇江市海工船舶产业招商推介会', '镇江市航空航天产业合作恳谈会', '第24届中国·青海绿色发展投资贸易洽谈会']));
  });
});

describe('outlets in meta lines and datelines', () => {
  it('keeps a counter line that names the source and its editor, and reads datelines with the place after the date or a date in characters', () => {
    const meta = extractDocumentWithText({ doc: 'meta.txt', format: 'text', text: '民权县政协会议开幕\n文章来源:民权网 文章作者:吴杰 责任编辑:薛皓 点击数:1024\n县政协主席周明河主持会议。' });
    expect(names(meta.record, 'Organization')).toContain('民权网');
    expect(names(meta.record, 'Person')).toEqual(expect.arrayContaining(['吴杰', '薛皓']));
    const credited = extractDocument({ doc: 'credited.txt', format: 'text', text: '西青区政府召开常务会议\n来源:天津西青 编辑:李美玲 日期:2024-07-04\n区长殷学武主持会议。' });
    expect(names(credited, 'Organization')).toContain('天津西青');
    const datelines = extractDocument({ doc: 'dateline.txt', format: 'text',
      text: '中国经济新闻联播4月18日黑龙江齐齐哈尔电(记者 魏伯勤)克山县举行开工仪式。\n中新社昆明十一月二十日电 (记者 甘娜) 昆明市人大常委会召开会议。\n国网江苏供电公司参加。' });
    expect(names(datelines, 'Organization')).toEqual(expect.arrayContaining(['中国经济新闻联播', '中新社']));
    expect(names(datelines, 'Organization')).not.toContain('国网');
  });
});

describe('names after titles', () => {
  it('reads a given name that opens with a function character, the surname 代, and a name before a visit verb', () => {
    const r = extractDocument({ doc: 'titled.txt', format: 'text',
      text: '玉屏县召开会议。县人大常委会党组书记于旭峰,县委常委、副县长陈向荣,县委副书记代志华出席。县长代表团出席。区委常委、组织部部长张孝峰随同调研。' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['于旭峰', '陈向荣', '代志华', '张孝峰']));
    expect(names(r, 'Person')).not.toContain('代表团');
  });
});

describe('name lists with a lead-in', () => {
  it('reads names after an electing verb or a joining 以及, and two lists joined by 等…及 in one clause', () => {
    const r = extractDocument({ doc: 'lists.txt', format: 'text',
      text: '会议选举丁新月、王宇等47人为县政协第十届委员会常务委员。省政府副秘书长杨长亚、孟军等省上领导及胡润泽、陈俊、王勇等市上领导出席签约仪式。加上市委书记孙政才,以及刘光磊、徐松南、翁杰明、吴政隆,重庆市委常委班子。以及余姚、慈溪、宁海、象山等地。' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['丁新月', '王宇', '孟军', '胡润泽', '陈俊', '王勇', '刘光磊', '徐松南', '翁杰明', '吴政隆']));
    expect(names(r, 'Person')).not.toContain('宁海');
  });
});

describe('projects named by their sum, their ceremony venue or a 等项目 list', () => {
  it('reads a facility after its investment, the venues of a groundbreaking ceremony and the items of a list that is being carried out', () => {
    const report = extractDocument({ doc: 'invested.txt', format: 'text',
      text: '镇江市人民政府工作报告。总投资160亿元的孚能科技制造基地签约后97天即全面开工。深化全域旅游示范区建设,恒大童世界、魔幻海洋世界等项目有序实施。' });
    expect(names(report, 'Project')).toEqual(expect.arrayContaining(['孚能科技制造基地', '恒大童世界', '魔幻海洋世界']));
    const ceremony = extractDocument({ doc: 'venues.txt', format: 'text',
      text: '克山县举行集中开工仪式。此次集中开工设云鹰马铃薯全产业链项目主会场;同时设有5个分会场,分别是牧原生猪养殖加工分会场、琴洋马铃薯淀粉胶囊产业园分会场、百正物流园分会场、古城镇分会场。' });
    expect(names(ceremony, 'Project').sort()).toEqual(['云鹰马铃薯全产业链', '牧原生猪养殖加工', '琴洋马铃薯淀粉胶囊产业园', '百正物流园'].sort());
  });
});

describe('a cued list of projects and a project reported on', () => {
  it('closes a cued list at its 等项目, splits its last item at 和, and takes the subject of a progress report', () => {
    const r = extractDocument({ doc: 'cued.txt', format: 'text',
      text: '蕲春县举行重大项目集中开工。此次集中开工的项目包括大明医圣酒厂、万吨柴油仓储运输一体化建设和湖北鑫鸿水产养殖销售一体化等项目,内容涵盖红色文旅、生态养殖等领域。其中,东张生态养殖基地建设项目总投资1.66亿元。顺天精密材料项目已全面进入试生产状态。' });
    expect(names(r, 'Project').sort()).toEqual(['万吨柴油仓储运输一体化建设', '东张生态养殖基地建设', '大明医圣酒厂', '湖北鑫鸿水产养殖销售一体化', '顺天精密材料'].sort());
    // Neither a count of a level's key projects nor an action on projects is a project.
    const counts = extractDocument({ doc: 'counts.txt', format: 'text', text: '闽清县重点项目建设。我县6项省重点项目总投资190.27亿元。领导来到项目一线,详细了解项目开工建设情况。' });
    expect(names(counts, 'Project')).toEqual([]);
  });
});

describe('names without a common surname in rosters and lists', () => {
  it('reads minority names in a cued list and between posts of a roster, never a title or a prose word', () => {
    const r = extractDocument({ doc: 'roster.txt', format: 'text',
      text: '贵德县政协会议闭幕。县委副书记、县人民政府县长萨尔娜,县人大常委会主任杜森出席。县级领导马志明、索南项秀、乔凤莲、更青才让出席。大会对苟胡塞、牛文华、扎西本、吴德6名优秀提案人,陈振华、方文成、更藏卓玛3名优秀政协委员进行了表彰。会议表决通过了总监票人、监票人、总计票人名单。' });
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['萨尔娜', '杜森', '索南项秀', '更青才让', '扎西本', '更藏卓玛', '苟胡塞']));
    expect(names(r, 'Person')).not.toEqual(expect.arrayContaining(['票人']));
    expect(names(r, 'Person')).not.toContain('监票人');
  });
});

describe('companies known by their trade names in company contexts', () => {
  it('reads the companies invested in, taken public, and the leaders and projects counted after them', () => {
    const r = extractDocument({ doc: 'market.txt', format: 'text',
      text: '大兴区人民政府工作报告。完成对国氢科技、天科合达战略性投资,助力百奥赛图、华科仪登陆资本市场,国电投氢能、长氢能源、希济生物等一批行业龙头落地生根,美锦能源等一批项目落地时间压减1/3以上。' });
    expect(names(r, 'Enterprise').sort()).toEqual(['华科仪', '国氢科技', '国电投氢能', '天科合达', '希济生物', '百奥赛图', '美锦能源', '长氢能源'].sort());
  });
});

describe('projects and companies in a news lead', () => {
  it('reads a line after a byline, a company that went public, a project given as an example and companies before one kind of project', () => {
    const r = extractDocument({ doc: 'lead.txt', format: 'text',
      text: '天津市工业。本报记者秦铭明 天津大冢饮料宝矿力水特全新无菌生产线竣工投运、电科蓝天成功登陆上交所科创板。以长城汽车DE平台项目为例,此项目于2024年底开工建设,其中曼德、诺博等配套零部件项目投资约18亿元。' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['天津大冢饮料宝矿力水特全新无菌生产线', '长城汽车DE平台', '曼德配套零部件', '诺博配套零部件']));
    expect(names(r, 'Enterprise')).toEqual(expect.arrayContaining(['电科蓝天', '曼德', '诺博']));
  });
});

describe('sectors a place focuses on, and 责编 credits', () => {
  it('reads the items of a 聚焦…等重点领域 list as written, and the editors after 责编', () => {
    const r = extractDocument({ doc: 'focus.txt', format: 'text',
      text: '盐池县聚焦现代化工、新型材料、清洁能源、绿色食品等重点领域,持续在延链补链强链上下功夫。\n(责编:李甜甜、贾茹)' });
    expect(names(r, 'Industry')).toEqual(expect.arrayContaining(['现代化工', '新型材料', '清洁能源', '绿色食品']));
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['李甜甜', '贾茹']));
  });
});

describe('meetings of districts and meetings counted within a year', () => {
  it('names a district’s session with its city too and reads 政府2026年第1次常务会议', () => {
    const district = extractDocument({ doc: 'district-npc.txt', format: 'text', text: '上海市长宁区人民政府工作报告。在区十七届人大五次会议上。' });
    expect(district.mentions.find((m) => m.type === 'Meeting')?.aliases).toContain('上海市长宁区第十七届人民代表大会第五次会议');
    const yearly = extractDocument({ doc: 'yearly.txt', format: 'text', text: '喀喇沁旗召开会议。14日,旗委副书记、政府旗长白玲主持召开喀喇沁旗政府2026年第1次常务会议。' });
    expect(yearly.mentions.find((m) => m.type === 'Meeting')?.aliases).toContain('喀喇沁旗政府2026年第1次常务会议');
  });
});

describe('posts written with 政府 and lists of honoured members', () => {
  it('gives 政府旗长 the government’s post and 6名优秀政协委员 the CPPCC membership', () => {
    const r = extractDocument({ doc: 'posts.txt', format: 'text',
      text: '政协第十届贵德县委员会第二次会议闭幕。县政协主席关却主持。旗委副书记、政府县长白玲出席。大会对陈振华、方文成、更藏卓玛3名优秀政协委员进行了表彰。' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['白玲>贵德县人民政府|县长', '陈振华>贵德县政协|委员', '更藏卓玛>贵德县政协|委员']));
  });
});

describe('two facilities joined by 和 and a project owned by a bare level word', () => {
  it('splits 微型马达厂和城市综合体项目 and reads 市星悦南岸项目 as 星悦南岸, keeping 市区 out of names', () => {
    const r = extractDocument({ doc: 'pair.txt', format: 'text', text: '铁岭市独山县调研。在微型马达厂和城市综合体项目建设点,龙长春听取汇报。现任副市长尹正伟的分管工作中,开原起重机械制造产业集群、市星悦南岸项目建设管委会两项工作,在原来的分工中并未出现。' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['微型马达厂', '城市综合体', '星悦南岸']));
  });
});

describe('a list counted after its 等项目', () => {
  it('reads A、B等项目10个 after 计划开复工, and no count of a place’s projects', () => {
    const r = extractDocument({ doc: 'counted-after.txt', format: 'text',
      text: '扎鲁特旗集中开复工。4月份计划开复工扎鲁特旗动物医院、扎鲁特旗鲁北产业园供水工程等项目10个。扎佐街道项目3个,总投资4.62亿;引进过亿元项目22个。' });
    expect(names(r, 'Project').sort()).toEqual(['扎鲁特旗动物医院', '扎鲁特旗鲁北产业园供水工程'].sort());
  });
});

describe('a company before the place of its project', () => {
  it('reads the trade name before an embedded place as the company that undertakes the project', () => {
    const r = extractDocument({ doc: 'embedded-place.txt', format: 'text', text: '镇江市人民政府工作报告。东鹏饮料天津基地等重点项目陆续投产。总投资50亿元的国药(丹阳)器械产业园等优质项目落地。' });
    expect(rel(r, 'UNDERTAKES')).toEqual(expect.arrayContaining(['东鹏饮料>东鹏饮料天津基地', '国药>国药(丹阳)器械产业园']));
  });
});

describe('bodies named by ellipsis', () => {
  it('reads 省市委 and 省、市委 as the province’s and the city’s committees, and 集中学习 as no school', () => {
    const r = extractDocument({ doc: 'elided.txt', format: 'text', text: '甘谷县召开会议。认真贯彻落实省市委决策部署。会议集中学习文件。' });
    expect(names(r, 'Organization').sort()).toEqual(['中共天水市委', '中共甘肃省委']);
  });
});

describe('the heads of the court and the procuratorate', () => {
  it('reads 市法检两长A、B as the president of the city’s intermediate court and its chief procurator', () => {
    const r = extractDocument({ doc: 'two-heads.txt', format: 'text', text: '晋中市人大会议举行。市法检两长原占斌、周东曙及主席团其他成员出席。' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['原占斌>晋中市中级人民法院|院长', '周东曙>晋中市人民检察院|检察长']));
  });
});

describe('plenaries named on their own', () => {
  it('are plenaries of the session named before them, and a short congress name may keep its 第', () => {
    const r = extractDocument({ doc: 'plenaries.txt', format: 'text',
      text: '省十三届人大常委会第二十八次会议在太原举行。会议首先举行第一次全体会议,蓝佛安作供职发言。第二次全体会议表决通过了决定。青海省第十三届人大一次会议于日前在西宁召开。' });
    expect(names(r, 'Meeting')).toEqual(expect.arrayContaining(['青海省第十三届人民代表大会第一次会议']));
    const sx = extractDocument({ doc: 'plenaries-sx.txt', format: 'text',
      text: '山西日报消息,省十三届人大常委会第二十八次会议在太原举行。会议首先举行第一次全体会议,蓝佛安作供职发言。第二次全体会议表决通过了决定。' });
    expect(names(sx, 'Meeting').sort()).toEqual(['山西省第十三届人民代表大会常务委员会第二十八次会议', '山西省第十三届人民代表大会常务委员会第二十八次会议第一次全体会议', '山西省第十三届人民代表大会常务委员会第二十八次会议第二次全体会议']);
  });
});

describe('congress and CPPCC sessions written without a place before them', () => {
  it('reads a session after 政协 and its place, a session of the document’s own place, and a name broken across lines', () => {
    const cppcc = extractDocument({ doc: 'cppcc-place.txt', format: 'text', text: '荆门市掇刀区人大开幕。参加政协掇刀区五届一次会议的全体政协委员列席会议。' });
    expect(names(cppcc, 'Meeting')).toContain('掇刀区政协五届一次会议');
    const report = extractDocument({ doc: 'report-title.txt', format: 'text', text: '政 府 工 作 报 告\n——2024年1月16日在长宁区第十七届\n人民代表大会第五次会议上\n长宁区区长 侯继军\n过去一年,长宁区全面完成十七届人大三次会议确定的目标任务,全区经济保持平稳。' });
    expect(report.mentions.filter((m) => m.type === 'Meeting').flatMap((m) => [m.name, ...m.aliases]))
      .toEqual(expect.arrayContaining(['上海市长宁区第十七届人民代表大会第五次会议', '长宁区第十七届人民代表大会第三次会议']));
  });
});

describe('presiders and attendees written around their titles', () => {
  it('reads 由某某主席主持, a term-numbered executive meeting and names listed before 及…列席', () => {
    const r = extractDocument({ doc: 'roles.txt', format: 'text',
      text: '武威市政府召开常务会议。1月9日,市委副书记、市长叶万彬主持召开五届市政府第119次常务会议。旗级领导张继涛、王飞出席会议,徐晓东、任林及各相关单位主要负责同志列席会议。' });
    expect(r.mentions.filter((m) => m.type === 'Meeting').flatMap((m) => [m.name, ...m.aliases])).toContain('武威市五届市政府第119次常务会议');
    expect(names(r, 'Person')).toEqual(expect.arrayContaining(['徐晓东', '任林']));
    const closing = extractDocument({ doc: 'closing.txt', format: 'text', text: '政协第十届贵德县委员会第二次会议举行闭幕大会。县政协主席关却出席。闭幕大会由关却主席主持。' });
    expect(rel(closing, 'PRESIDES')).toEqual(['关却>贵德县政协十届二次会议']);
  });
});

describe('a county-level city under a prefecture that is no city', () => {
  it('is the own place of a text that calls its bodies 市委 and 市长', () => {
    const r = extractDocument({ doc: 'chuxiong.txt', format: 'text',
      text: '8月14日上午,市委副书记、市长杨俐昆主持召开九届市人民政府第七次常务会议。会议听取了市扶贫办对楚雄市贫困对象动态管理工作情况汇报。会议还研究了楚雄市海绵城市建设等议题。楚雄经开区管委会主任李援列席会议。' });
    expect(r.place).toBe('楚雄市');
    expect(rel(r, 'HOLDS_POSITION')).toContain('杨俐昆>楚雄市人民政府|市长');
  });
});

describe('companies described before their names and honoured', () => {
  it('drops 世界500强企业 before a name, reads a 等20户企业 list, honours that only companies receive, and central enterprises such as 中储粮', () => {
    const r = extractDocument({ doc: 'described.txt', format: 'text',
      text: '牟定县政府工作报告。成功引进世界领军企业鑫联环保科技、世界500强企业吉利控股集团、中国民营企业500强湖南金荣集团等20户企业入驻园区。晶科能源、捷泰科技入选全省民营企业营收百强。中储粮20万吨粮食储备库建成投用。' });
    expect(names(r, 'Enterprise').sort()).toEqual(['中储粮', '吉利控股集团', '捷泰科技', '晶科能源', '湖南金荣集团', '鑫联环保科技'].sort());
  });
});

describe('an outlet that opens a byline', () => {
  it('reads (庆阳融媒记者 某某) as the outlet of the reporter', () => {
    const r = extractDocument({ doc: 'byline-outlet.txt', format: 'text', text: '庆阳网讯(庆阳融媒记者 雷云龙 )6月30日,市委副书记、市长周继军主持召开座谈会议。' });
    expect(rel(r, 'HOLDS_POSITION')).toContain('雷云龙>庆阳融媒|记者');
  });
});

describe('counted projects that name no companies', () => {
  it('takes no company from a count without 等, and keeps facilities and products in a counted list as projects', () => {
    const r = extractDocument({ doc: 'counted-none.txt', format: 'text',
      text: '保康举行十个项目集中签约开工竣工仪式。广元共签约82个项目,签约资金298.84亿元。共有兴业县环城公路、大水乡村旅游区、卖酒镇现代商贸物流城等3个项目开工。建成投产安泽蔺鑫和古县盛隆泰达等3个项目。' });
    expect(names(r, 'Enterprise').sort()).toEqual(['古县盛隆泰达', '安泽蔺鑫']);
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['兴业县环城公路', '大水乡村旅游区', '卖酒镇现代商贸物流城']));
  });
});

describe('items of a project list that open with their place', () => {
  it('locates 位于鹿泉区的A项目、藁城区的B项目等 in those places, the last item closed by 等 included', () => {
    const r = extractDocument({ doc: 'placed-items.txt', format: 'text',
      text: '石家庄市争列省重点项目。在计划开工项目中,包括位于鹿泉区的中国电科十三所项目、藁城区的石药集团新药制剂和新药原料生产中心项目等;保投产项目中,有高邑县的亿博基业集团冀中南公路联运智能港项目等。' });
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['石药集团新药制剂和新药原料生产中心>藁城区', '亿博基业集团冀中南公路联运智能港>高邑县']));
  });
});

describe('the towns a project’s name goes on to name', () => {
  it('locates a project in the towns after its county and at both ends of a route', () => {
    const r = extractDocument({ doc: 'towns.txt', format: 'text', text: '海南省重点项目。文昌龙楼至昌洒滨海旅游公路、文昌铺前大桥开工建设。' });
    expect(rel(r, 'LOCATED_IN')).toEqual(expect.arrayContaining(['文昌龙楼至昌洒滨海旅游公路>文昌市', '文昌龙楼至昌洒滨海旅游公路>龙楼镇', '文昌龙楼至昌洒滨海旅游公路>昌洒镇', '文昌铺前大桥>铺前镇']));
  });
});

describe('the items of a counted list of projects', () => {
  it('are projects even when their words name a programme, and lose the 有 that lists them', () => {
    const r = extractDocument({ doc: 'counted-items.txt', format: 'text',
      text: '兴业县重点项目推进情况。四是基础设施项目。共有兴业县环城公路、兴业大道基础设施配套工程等5个项目,总投资12.17亿元。列入中央预算内投资的有兴业县生活垃圾收运系统工程、兴业县社会福利院老年养护楼等12个项目。' });
    expect(names(r, 'Project')).toEqual(expect.arrayContaining(['兴业县环城公路', '兴业大道基础设施配套工程', '兴业县生活垃圾收运系统工程', '兴业县社会福利院老年养护楼']));
  });
});

describe('a work report’s title block and a facility about to open', () => {
  it('reads the session broken over a blank line, its author, and a grain reserve about to open', () => {
    const r = extractDocument({ doc: 'title-block.txt', format: 'text',
      text: '  政 府 工 作 报 告\n\n  ——2024年1月5日在来安县第十八届\n\n  人民代表大会第三次会议上\n\n  县人民政府县长 舒宏俊\n\n  各位代表:\n\n  现在,我代表县人民政府向大会作工作报告,请予审议。中储粮20万吨粮食储备库即将建成投产运营。' });
    expect(names(r, 'Meeting')).toContain('来安县第十八届人民代表大会第三次会议');
    expect(rel(r, 'ADDRESSES')).toEqual(['舒宏俊>来安县第十八届人民代表大会第三次会议|政府工作报告']);
    expect(rel(r, 'UNDERTAKES')).toEqual(['中储粮>中储粮20万吨粮食储备库']);
  });
});

describe('a named chain the word list reads as two sectors', () => {
  it('is one sector as the text names it (油气化工产业链)', () => {
    const r = extractDocument({ doc: 'named-chain.txt', format: 'text', text: '庆阳市召开会议。会议听取油气化工产业链延链工作情况汇报。庆阳市着力培育油气化工产业链。' });
    expect(names(r, 'Industry')).toEqual(['油气化工']);
    expect(rel(r, 'DEVELOPS')).toEqual(['庆阳市>油气化工']);
  });
});

describe('a CPPCC session news from a Traditional page', () => {
  it('reads 巿 as 市, the session held 于本月五日, 列席 and 到场祝贺 as attending', () => {
    const r = extractDocument({ doc: 'putian.txt', format: 'text',
      text: '福建省莆田巿政協八屆一次會議於本月五日在莆田巿舉行。澳門委員黃飛獅、黃瑞珊出席,陳先輝列席。巿政協主席沈萌芽主持會議,巿委書記付朝陽等領導到場祝賀。' });
    expect(rel(r, 'ATTENDS')).toEqual(expect.arrayContaining(['黄飞狮>莆田市政协八届一次会议', '陈先辉>莆田市政协八届一次会议', '付朝阳>莆田市政协八届一次会议']));
    expect(rel(r, 'PRESIDES')).toEqual(['沈萌芽>莆田市政协八届一次会议']);
  });
});

describe('elected and appointed by a decision', () => {
  it('gives a post to 某某当选为…, to a name met earlier in a list, and to 关于任命某某同志为…的决定', () => {
    const r = extractDocument({ doc: 'elected.txt', format: 'text',
      text: '深泽县第十七届人民代表大会第七次会议闭幕。李宇飞、卢亮、张兴等在主席台就座。大会宣布了选举结果。卢亮当选为深泽县人民法院院长,于博雯当选为深泽县人大常委会委员。表决通过了市人大常委会关于任命张恩亮同志为黑河市人民政府代理市长的决定。工程建设指挥长姜国杰出席。' });
    expect(rel(r, 'HOLDS_POSITION')).toEqual(expect.arrayContaining(['卢亮>深泽县人民法院|院长', '于博雯>深泽县人大常委会|委员', '张恩亮>黑河市人民政府|代理市长']));
    expect(names(r, 'Person')).toContain('姜国杰');
  });
});

describe('sectors listed before a kind of industry', () => {
  it('reads the items before 等传统制造业 / 等消费品行业 and, in a sentence about the place’s chains, the place develops them', () => {
    const r = extractDocument({ doc: 'kind-list.txt', format: 'text',
      text: '重庆市经济信息委召开会议。近年来,重庆系统梳理出33条重点产业链,既包括燃油汽车、摩托车、通机装备等传统制造业,以及纺织品、个人护理美妆等消费品行业。' });
    expect(rel(r, 'DEVELOPS')).toEqual(expect.arrayContaining(['重庆市>燃油汽车', '重庆市>摩托车', '重庆市>通机装备', '重庆市>纺织品', '重庆市>个人护理美妆']));
  });
});

describe('the chair of a congress', () => {
  it('reads 市人大主任 as the 主任 of the standing committee, and 干部 as no one', () => {
    const r = extractDocument({ doc: 'congress-chair.txt', format: 'text', text: '莆田市政协会议开幕。市委书记付朝阳、市人大主任阮军等领导到场祝贺。干部出席会议。' });
    expect(rel(r, 'HOLDS_POSITION')).toContain('阮军>莆田市人大常委会|主任');
    expect(names(r, 'Person')).not.toContain('干部');
  });
});
