import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  dropPageChrome,
  htmlToText,
  isChromeLine,
  normaliseText,
  parseChromePatterns,
  removePinyinAnnotations,
  toSimplified,
  unifyForms,
} from '../src/extract/normalise.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/normalise/${name}`, import.meta.url), 'utf8');
const lines = (text: string) => text.split('\n');

describe('htmlToText', () => {
  const page = fixture('portal-page.html');
  const text = htmlToText(page);

  it('keeps the article paragraphs as separate lines', () => {
    expect(lines(text)).toContain('3月11日，青禾市召开2024年重点项目建设推进会。市委副书记、市长周明远出席会议并讲话，副市长林晓东主持会议。');
    expect(text).toContain('各县区、各部门要坚持“项目为王”');
    expect(text).toContain('确保项目早开工、早投产、早见效。');
  });

  it('puts the headline first', () => {
    expect(lines(text)[0]).toBe('青禾市召开2024年重点项目建设推进会');
  });

  it('drops scripts, styles, comments, forms, nav menus, hidden text and everything outside the article container', () => {
    for (const gone of ['统计代码', 'font-family', 'footer script', '页脚开始', '请输入关键词', '政务公开', '办事服务', '隐藏的统计文字', '我市召开一季度经济运行分析会', 'ICP备', '网站地图']) {
      expect(text, gone).not.toContain(gone);
    }
  });

  it('decodes entities (&gt; &nbsp;)', () => {
    expect(htmlToText('<p>首页 &gt; 新闻&nbsp;中心 &amp; 通知 &#x4E2D;&#25991;</p>')).toBe('首页 > 新闻\u00a0中心 & 通知 中文');
  });

  it('turns block elements and <br> into line breaks, not inline ones', () => {
    const html = '<body><h2>一、工作回顾</h2><p>第一段<b>加粗</b>文字。</p><div>第二段<br>换行后</div><ul><li>甲</li><li>乙</li></ul><table><tr><td>县区</td><td>增速</td></tr><tr><td>东山县</td><td>6.1%</td></tr></table></body>';
    expect(lines(htmlToText(html))).toEqual(['一、工作回顾', '第一段加粗文字。', '第二段', '换行后', '甲', '乙', '县区\t增速', '东山县\t6.1%']);
  });

  it('collapses source whitespace inside a paragraph as a browser does', () => {
    expect(htmlToText('<p>推动\n      高质量\n\n  发展</p>')).toBe('推动 高质量 发展');
  });

  it('uses the whole body and the <title> (without site suffix) when there is no article container', () => {
    const html = '<html><head><title>关于印发工作要点的通知 - 某某网</title></head><body><div>各县区人民政府：</div><div>现将工作要点印发给你们，请认真贯彻落实。</div></body></html>';
    expect(lines(htmlToText(html))).toEqual(['关于印发工作要点的通知', '', '各县区人民政府：', '现将工作要点印发给你们，请认真贯彻落实。']);
  });

  it('narrows an outer content wrapper to the nested article body that holds most of its text', () => {
    const body = '<p>' + '市政府常务会议研究部署春耕备耕工作。'.repeat(10) + '</p>';
    const html = `<div class="content-wrap"><h1>春耕备耕</h1><div class="TRS_Editor">${body}</div><div class="list"><a>其他新闻一</a></div></div>`;
    const text = htmlToText(html);
    expect(lines(text)[0]).toBe('春耕备耕');
    expect(text).not.toContain('其他新闻一');
  });

  it('keeps an HTML5 <article><header><h1> headline', () => {
    const html = '<body><nav>首页 新闻</nav><article class="article"><header><h1>全市安全生产会议召开</h1></header><p>会议要求各地压实责任，深入开展隐患排查整治，坚决遏制重特大事故发生。</p></article><footer>版权所有</footer></body>';
    expect(lines(htmlToText(html))).toEqual(['全市安全生产会议召开', '会议要求各地压实责任，深入开展隐患排查整治，坚决遏制重特大事故发生。']);
  });
});

describe('toSimplified', () => {
  it('converts Traditional to Simplified', () => {
    expect(toSimplified('青禾市長 報告 發展 會議 政協 衞生 經濟運行')).toBe('青禾市长 报告 发展 会议 政协 卫生 经济运行');
  });

  it('maps variant forms OpenCC leaves alone (陜西 in Hong Kong pages)', () => {
    expect(toSimplified('陜西鴻瑞集團有限公司')).toBe('陕西鸿瑞集团有限公司');
    expect(toSimplified('陜西省')).toBe('陕西省');
  });

  it('converts Traditional phrases where the single character is ambiguous', () => {
    expect(toSimplified('環境乾淨，幹部隊伍')).toBe('环境干净，干部队伍');
  });

  it('leaves Simplified text unchanged, including characters OpenCC alone would convert', () => {
    const simplified = '发展 干部 显著成效 著力打造 乾坤湾 著名 于是 里面 后来 制造 只有 头发 台湾 范围 钟表 沈阳';
    expect(toSimplified(simplified)).toBe(simplified);
  });

  it('converts a Simplified text that contains a stray Traditional character', () => {
    expect(toSimplified('全市经济運行平稳')).toBe('全市经济运行平稳');
  });
});

describe('removePinyinAnnotations', () => {
  it.each([
    ['報(bào)告', '報告'],
    ['臨汾市長(zhǎng)', '臨汾市長'],
    ['发展(fā)', '发展'],
    ['報（bào）告', '報告'],
    ['报告(bào gào)全文', '报告全文'],
    ['报(bao4)告', '报告'],
    ['绿(lǜ)色', '绿色'],
    ['略(lüè)', '略'],
    ['嗯(ńg)', '嗯'],
  ])('%s → %s', (input, expected) => {
    expect(removePinyinAnnotations(input)).toBe(expected);
  });

  it.each([
    '低(零)碳智慧产业园',
    '永和至永和关段(永和至永和关段)',
    '液化天然气(LNG)',
    '截至(2023年)底',
    '(记者 王某)',
    '(一)坚持创新驱动',
    '第(1)项',
    '附件(a)',
    '标准(gb)',
    '指标(ma)',
    'see (bào) without Han before',
    '技术(bàoxyz)',
    '报(bào',
  ])('keeps real parentheses: %s', (input) => {
    expect(removePinyinAnnotations(input)).toBe(input);
  });

  it('handles a Han character outside the BMP before the annotation', () => {
    expect(removePinyinAnnotations('𠮷(jí)祥')).toBe('𠮷祥');
  });

  it('is linear on a 20 MB line full of near-misses', () => {
    const line = '报(bao bao bao bao bao bao bao bao x'.repeat(600_000);
    const started = performance.now();
    expect(removePinyinAnnotations(line)).toBe(line);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});

describe('unifyForms', () => {
  it('maps full-width digits, letters and punctuation to NFKC forms', () => {
    expect(unifyForms('２０２４年ＧＤＰ增长５．２％（同比），ＬＮＧ：１２３')).toBe('2024年GDP增长5.2%(同比),LNG:123');
  });

  it('removes zero-width and control characters, keeps a tab (a table cell boundary) and newlines', () => {
    expect(unifyForms('市\u200b长\u200c周\u200d明\ufeff远\u2060讲\u0007话\u0000。\u00ad\t甲\u0085')).toBe('市长周明远讲话。\t甲');
  });

  it('normalises line endings, spaces and blank lines', () => {
    expect(unifyForms('  第一行\u3000\u3000正文  \r\n第二行\u00a0\u00a0内容\r\r\r\n\n\n第三行\t\t末尾 \n\n')).toBe('第一行 正文\n第二行 内容\n\n第三行\t末尾');
  });

  it('keeps a single blank line between paragraphs', () => {
    expect(unifyForms('甲\n\n乙\n \n丙')).toBe('甲\n\n乙\n\n丙');
  });
});

describe('dropPageChrome', () => {
  it.each([
    '首页 > 新闻中心 > 正文',
    '首页>>政务公开>>通知公告',
    '当前位置: 首页 > 政务要闻',
    '您的位置:首页 > 要闻动态',
    '扫一扫在手机打开当前页',
    '分享到: 微信 微博 QQ空间',
    '微信 | 微博 | QQ空间',
    '版权所有:青禾市人民政府办公室 主办:青禾市人民政府办公室',
    '版权所有 © 2024 青禾市人民政府',
    'Copyright © 2024 www.example.gov.cn All Rights Reserved',
    '晋ICP备12345678号-1',
    '京公网安备 11010502030000号',
    '网站标识码:1410000099',
    '网站地图 | 联系我们 | 网站声明',
    '联系我们',
    '[打印本页] [关闭窗口]',
    '【打印】【关闭】',
    '【字体:大 中 小】',
    '【字体:',
    '字号: 大 中 小',
    '2024-03-12 10:30 来源: 本站',
    '2022-04-12 来源: 网站运维',
    '发布时间: 2024-03-12',
    '浏览次数: 1024',
    '上一篇: 我市召开一季度经济运行分析会',
    '下一篇:没有了',
    '相关文章',
    '涉密文件严禁上网',
    '本站提示:请使用1920*1080分辨率、IE11以上浏览器访问',
    '适老化改造认证标识',
    '版权声明',
    'Copyright notice: articles on this site are collected from the internet for reference only.',
    'E-mail: office@example.gov.cn',
    '时间:2023-05-06 09:12:44 范文 来源:会员投稿',
    '下面是小编为大家整理的工作总结范文,供大家参考。',
    '推荐访问:工作总结 述职报告 心得体会',
  ])('drops chrome line: %s', (line) => {
    expect(isChromeLine(line)).toBe(true);
    expect(dropPageChrome(`正文第一段。\n${line}\n正文第二段。`)).toBe('正文第一段。\n正文第二段。');
  });

  it.each(['责任编辑:王芳', '来源:市发展和改革委员会', '作者:许嘉禾'])('keeps a credit or source line, which names a person or an outlet: %s', (line) => {
    expect(isChromeLine(line)).toBe(false);
  });

  it.each([
    '市政府门户网站全年发布政务信息1.2万条,网站群集约化建设全面完成。',
    '加强知识产权保护,严厉打击侵犯版权所有人合法权益的行为。',
    '推进“互联网+政务服务”,让企业和群众办事少跑腿。',
    '首页设计简洁是本次门户改版的目标之一。',
    '会议强调,要把来源可靠的数据作为决策依据。',
    '2024年3月12日,市长周明远主持召开市政府常务会议。',
    '各县区要加强微信公众号、微博等政务新媒体管理,扩大宣传覆盖面。',
    '编辑部全体人员参加了培训。',
    '下一步,我们将持续优化营商环境。',
    '关闭落后产能12万吨。',
    '推广使用国产操作系统和浏览器。',
    '全市完成适老化改造1200户,无障碍设施覆盖率达到90%。',
    '涉密文件管理纳入年度保密检查。',
  ])('keeps prose: %s', (line) => {
    expect(isChromeLine(line)).toBe(false);
  });

  it('never treats a long paragraph as chrome, whatever it mentions', () => {
    const long = `版权所有:${'本网站内容涉及政务公开、政务服务和互动交流。'.repeat(12)}`;
    expect(isChromeLine(long)).toBe(false);
  });

  it('collapses the blank lines left behind', () => {
    expect(dropPageChrome('标题\n\n网站地图\n\n正文')).toBe('标题\n\n正文');
  });

  it('accepts a custom pattern list and reports bad patterns with file and line', () => {
    const patterns = parseChromePatterns('# comment\n\n^广告$\n');
    expect(dropPageChrome('广告\n正文', patterns)).toBe('正文');
    expect(() => parseChromePatterns('^ok$\n^(unclosed$', 'custom.txt')).toThrow(/^custom\.txt:2: invalid regular expression/);
  });
});

describe('normaliseText', () => {
  it('reduces a portal page to its article', () => {
    const text = normaliseText(fixture('portal-page.html'), 'html');
    expect(text).toBe(
      [
        '青禾市召开2024年重点项目建设推进会',
        '',
        '3月11日,青禾市召开2024年重点项目建设推进会。市委副书记、市长周明远出席会议并讲话,副市长林晓东主持会议。',
        '会议指出,今年全市共安排市级重点项目120个,总投资860亿元,其中新开工项目45个。各县区、各部门要坚持“项目为王”,加快推进青禾高新区新能源装备产业园、东山抽水蓄能电站等项目建设。',
        '会议要求,要强化要素保障,优化审批服务,对照年度目标倒排工期,确保项目早开工、早投产、早见效。 本网站将持续跟踪报道项目进展。',
      ].join('\n'),
    );
  });

  it('turns a pinyin-annotated Traditional text with chrome into clean Simplified prose', () => {
    const text = normaliseText(fixture('pinyin-traditional.txt'), 'text');
    expect(text).toBe(
      [
        '青禾市人民政府工作报告',
        '',
        '青禾市人民政府市长 周明远',
        '',
        '过去一年,全市经济运行稳中向好,地区生产总值增长6.5%。我们加快发展新能源(LNG)储运项目,建成低(零)碳示范园区,完成东山至西河段(一期)公路改造。',
        '',
        '(一)坚持创新驱动,培育壮大新材料产业。(记者 王某)',
      ].join('\n'),
    );
  });

  it('is idempotent', () => {
    const once = normaliseText(fixture('pinyin-traditional.txt'), 'text');
    expect(normaliseText(once, 'text')).toBe(once);
  });

  it('returns NFKC text', () => {
    const text = normaliseText('（一）全年ＧＤＰ增长５％\u200b。', 'text');
    expect(text).toBe('(一)全年GDP增长5%。');
    expect(text.normalize('NFKC')).toBe(text);
  });

  it('handles a 20 MB single line of plain text quickly', () => {
    const line = '全市上下坚持稳中求进工作总基调,推动经济持续回升向好(2024年),'.repeat(320_000);
    const started = performance.now();
    const text = normaliseText(line, 'text');
    expect(text).toBe(line.slice(0, -1) + ',');
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});

describe('a dated meta line that names an outlet', () => {
  it('is kept: the outlet is a node of the graph', () => {
    expect(isChromeLine('2013年11月25日07:40 来源:新京报')).toBe(false);
    expect(isChromeLine('2024-03-12 10:30 来源: 本站')).toBe(true);
  });
});
