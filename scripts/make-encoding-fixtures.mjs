#!/usr/bin/env node
// Writes the legacy-encoding fixtures for test/decode.test.ts: the same kind of
// government prose as real inputs, saved as GBK, GB18030 and Big5 bytes. Run once
// (node scripts/make-encoding-fixtures.mjs) and commit the outputs; the tests
// compare the decoded text with sources.json, written alongside in UTF-8.
import { mkdirSync, writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';

const dir = new URL('../test/fixtures/normalise/', import.meta.url);
mkdirSync(dir, { recursive: true });

const sources = {
  'gbk.txt': {
    encoding: 'gbk',
    text:
      '青禾市第三届人民代表大会第二次会议于3月5日上午开幕。\r\n' +
      '市长周明远作政府工作报告，回顾过去一年全市经济社会发展取得的成绩。\r\n' +
      '报告指出，全年地区生产总值增长6.2%，一般公共预算收入达到85亿元，新能源、新材料产业加快发展。\r\n',
  },
  'gb18030.txt': {
    encoding: 'gb18030',
    // 𠮷 (U+20BB7) and 㐂 (U+3402) are outside GBK: GB18030 stores them in four bytes.
    text:
      '青禾市𠮷祥路改造工程列入今年市级重点项目，计划投资3.6亿元。\n' +
      '项目由市住房和城乡建设局负责组织实施，沿线老旧小区同步改造，㐂字号老店保留原貌。\n',
  },
  'big5.txt': {
    encoding: 'big5',
    text:
      '青禾市人民政府召開常務會議，研究部署下一階段經濟工作。\n' +
      '會議強調，要堅持穩中求進，加快推進重點項目建設，切實保障和改善民生，推動高質量發展取得新成效。\n' +
      '市長周明遠主持會議，各副市長及政府組成部門主要負責同志出席。\n',
  },
  'page-gbk.html': {
    encoding: 'gbk',
    text:
      '<!DOCTYPE html>\n<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=gb2312">\n' +
      '<title>青禾市召开安全生产工作会议_青禾市人民政府</title>\n</head>\n<body>\n' +
      '<div class="TRS_Editor"><p>4月8日，青禾市召开安全生产工作会议，副市长林晓东出席会议并讲话。</p>\n' +
      '<p>会议要求，各县区、各部门要压实安全生产责任，深入开展隐患排查整治，坚决遏制重特大事故发生。</p></div>\n' +
      '</body>\n</html>\n',
  },
};

for (const [name, { encoding, text }] of Object.entries(sources)) {
  const bytes = iconv.encode(text, encoding);
  if (iconv.decode(bytes, encoding) !== text) throw new Error(`${name}: text does not round-trip through ${encoding}`);
  writeFileSync(new URL(name, dir), bytes);
}
writeFileSync(new URL('sources.json', dir), JSON.stringify(sources, null, 2) + '\n');
console.log(`wrote ${Object.keys(sources).length} fixtures to ${dir.pathname}`);
