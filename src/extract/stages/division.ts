// Division of labour (分工): "副市长某某:分管交通、教育工作。联系市总工会工作。" gives one OVERSEES
// per item, to an Organization when the item names a body, else to an Area of work.
import type { DocBuilder } from '../doc.js';
import { orgAt, type OrgMatch } from './organizations.js';
import type { PersonSpan } from './persons.js';
import type { PlaceIndex } from './places.js';

const DUTY = /^(协助分管|分管|负责|联系|主持|领导)(.+)$/;
// 协助市长日常工作 and the like name no area of their own.
const NOT_AN_AREA = /^(市长|县长|区长|省长|书记|主任)?(日常|全面)$/;

export function extractDivisionOfLabour(doc: DocBuilder, persons: PersonSpan[], places: PlaceIndex,
  addOrg: (org: OrgMatch) => string): void {
  const text = doc.text;
  for (const line of text.split('\n').reduce<{ start: number; text: string }[]>((acc, l) => {
    const start = acc.length ? acc[acc.length - 1].start + acc[acc.length - 1].text.length + 1 : 0;
    acc.push({ start, text: l });
    return acc;
  }, [])) {
    // The person a duty line is about: "副市长某某:分管…", "某某同志 负责…", "副市长某某负责…".
    const duty = /分管|负责|联系|主持|协助|领导/.exec(line.text);
    if (!duty) continue;
    const owner = persons.filter((p) => p.start >= line.start && p.end <= line.start + duty.index).pop();
    if (!owner || owner.start > line.start + 20) continue;
    const personId = `Person:${owner.name}`;
    let clauseStart = owner.end + (/^(同志)?[:\s]/.test(text.slice(owner.end, owner.end + 3)) ? (text.slice(owner.end).match(/^(同志)?[:\s]+/)?.[0].length ?? 0) : 0);
    const lineEnd = line.start + line.text.length;
    for (const clause of text.slice(clauseStart, lineEnd).split(/([。;,:])/)) {
      const at = clauseStart;
      clauseStart += clause.length;
      const m = DUTY.exec(clause);
      if (!m) continue;
      const basis = m[1];
      const bodyStart = at + m[1].length;
      let body = m[2].replace(/(等)?(方面)?(的)?工作$/, '').replace(/等$/, '');
      body = body.replace(/(全面|常务|日常)$/, '');
      let offset = bodyStart;
      for (const item of body.split('、')) {
        const itemStart = offset;
        offset += item.length + 1;
        const name = item.trim();
        if (!name || NOT_AN_AREA.test(name)) continue;
        const org = orgForItem(doc, itemStart, name, places);
        if (org) doc.relate('OVERSEES', personId, addOrg(org), itemStart, itemStart + name.length, { basis });
        else if (basis === '分管' || basis === '负责' || basis === '协助分管' || basis === '联系') {
          const areaId = doc.mention('Area', name, itemStart, itemStart + name.length);
          doc.relate('OVERSEES', personId, areaId, itemStart, itemStart + name.length, { basis });
        }
      }
    }
  }
}

/** An item that is a body: written in full (市公安局) or as the bare core a 分工 list uses (妇联, 共青团). */
function orgForItem(doc: DocBuilder, start: number, item: string, places: PlaceIndex): OrgMatch | undefined {
  const full = orgAt(doc, start, places);
  if (full && full.end === start + item.length) return full;
  // 市经济和信息化局, 县供销合作社: a body written with its place and an organ's ending, even when no lexicon lists it.
  const organ = /^(市|县|区|省)([\p{Script=Han}]{2,12}(局|委员会|办公室|厅|合作社|联合会|中心))$/u.exec(item);
  const own0 = organ && !doc.places.placeholder ? (organ[1] === '省' ? doc.places.province : organ[1] === '市' ? doc.places.city : doc.places.county) : undefined;
  if (organ && own0) return { start, end: start + item.length, name: own0.name + organ[2], aliases: [], place: own0 };
  // Bare cores stand for the document's own body: 妇联 in a 广州 notice is 广州市妇联.
  const own = doc.places.city ?? doc.places.province;
  if (!own || doc.places.placeholder) return undefined;
  const probe = new (doc.constructor as new (d: string, t: string) => DocBuilder)(doc.doc, item === '共青团' ? '共青团市委' : `市${item}`);
  probe.places = { ...doc.places, city: own };
  const m = orgAt(probe, 0, new Map());
  if (!m || m.end !== probe.text.length || m.name.startsWith('中共')) return undefined;
  return { ...m, start, end: start + item.length };
}
