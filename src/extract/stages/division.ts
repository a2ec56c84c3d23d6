// Division of labour (分工). A notice introduces each official — title before the name (副市长某某),
// name before the title (某某副市长), or the name on its own line with the title on the next — and
// then lists that official's duties (负责…工作。分管…。联系…。协助分管…), on the same line or on
// the lines after it. Whatever the layout, a duty belongs to the official whose introduction last
// precedes it, so the stage finds every introduction first and reads each one's block of duty
// clauses up to the next. Each listed item gives one OVERSEES: to an Organization when it names a
// body, else to an Area of work. The vocabulary is data: data/lexicon/division.tsv.
import type { DocBuilder } from '../doc.js';
import { lazy, lexiconRows, longestFirst, splitList } from '../lexicon.js';
import { charSet } from '../text.js';
import { orgAt, withSubOrgan, zoneSibling, type OrgMatch } from './organizations.js';
import { impliedBody, nameAt, parseChain, postNoteEndingAt, titleAt, titleEndingAt, type Post, type PersonSpan } from './persons.js';
import type { PlaceIndex } from './places.js';

const vocabulary = lazy(() => {
  const verbs: { word: string; basis: string }[] = [];
  const lists: Record<string, string[]> = {};
  for (const [kind, words] of lexiconRows('division.tsv', 2)) {
    if (kind.startsWith('verb:')) for (const w of splitList(words)) verbs.push({ word: w, basis: kind.slice(5) });
    else lists[kind] = longestFirst(splitList(words));
  }
  verbs.sort((a, b) => b.word.length - a.word.length);
  return {
    verbs,
    openers: lists.opener ?? [],
    dropLead: lists['drop-lead'] ?? [],
    itemLead: lists['item-lead'] ?? [],
    dropTail: lists['drop-tail'] ?? [],
    noArea: new Set(lists['no-area'] ?? []),
    andCompounds: lists['and-compound'] ?? [],
  };
});

/** Where a clause may start: after these, an introduction or a duty may begin. */
/** Where a segment ends (line break, 。;!? and the comma), as a flag per UTF-16 code unit (asked at every character). */
const SEGMENT_END = charSet('\n。;!?,');
const CLAUSE_BREAK = /[\n。;!?,:]/;
const LIST_MARKER = /^[\s]*(?:[一二三四五六七八九十]+、|\d{1,2}[.、]|\([一二三四五六七八九十\d]{1,2}\)|[●·•■◆▲★☆-])?[\s]*/u;
/** Clause material: an item holding these is prose, not an area of work. */
const NOT_AN_AREA = /[的了吗呢吧他她]|参加|出席|会议|同志|讲话|表示|要求|学习|担任|职务|有利于|体现|更好地|进一步|\d/;
// …、政务管理四个领域(工作): a count of the items and their kind close the list.
const COUNTED_KIND = /[一二三四五六七八九十两\d]+[个项类][\p{Script=Han}]{0,4}$/u;
const CLOSING_KIND = /(?<![高平同对初中均优上下头])等[\p{Script=Han}]{2,8}$/u;
const HAN_ITEM = /^[\p{Script=Han}A-Za-z()]{2,24}$/u;
/** A body written with an organ's ending (遵义供电局, 市经济和信息化局, 自治区国资委). */
const ORGAN = /^(?:(市|县|区|省|自治区|州|盟|旗)|([\p{Script=Han}]{2,12}?))([\p{Script=Han}]{1,14}(局|厅|委员会|委|办公室|办|合作社|联合会|联社|中心|调查队|总队|支队|研究室|管理处|公署|署|院|馆))$/u;
const DUTY_VERB_HINT = /分管|负责|联系|主持|领导|协助|协管|主管|分工|职责/g;
/** Field labels of a profile or table that introduce duties. */
const DUTY_LABEL = /^(工作分工|分管工作|分管领域|主要职责|工作职责|分工|职责)[:]/;
/** How far after a segment's start its official's first duty may stand (a name line, a title line, then duties). */
const INTRO_REACH = 120;
/** Longest title chain of an introduction's title-first form. */
const MAX_CHAIN = 40;

interface Intro { name: string; nameStart: number; start: number; end: number; posts: Post[]; strict: boolean }

function verbAt(text: string, pos: number): { word: string; basis: string } | undefined {
  return vocabulary().verbs.find((v) => text.startsWith(v.word, pos));
}

/** Skips openers (主要, 同时…) and reports the duty verb at `pos`, if any. */
function dutyAt(text: string, pos: number): { start: number; word: string; basis: string } | undefined {
  let p = pos;
  for (let guard = 0; guard < 3; guard++) {
    const opener = vocabulary().openers.find((o) => text.startsWith(o, p));
    if (!opener) break;
    p += opener.length;
  }
  const v = verbAt(text, p);
  if (v) return { start: p, ...v };
  // 协助州长负责…, 协助常务副市长分管…: assisting whoever the title names.
  if (text.startsWith('协助', p)) {
    const title = titleAt(text, p + 2);
    const after = title && verbAt(text, p + 2 + title.title.length);
    if (after && (after.basis === '负责' || after.basis === '分管')) {
      return { start: p, word: text.slice(p, p + 2 + title!.title.length + after.word.length), basis: `协助${after.basis}` };
    }
  }
  return undefined;
}

function skipSpace(text: string, pos: number): number {
  while (pos < text.length && (text[pos] === ' ' || text[pos] === '\t' || text[pos] === '\u3000')) pos++;
  return pos;
}

/** What may follow an introduction: a colon or comma, the line's end, 同志, or the first duty. */
function closesIntro(text: string, pos: number): { end: number; strict: boolean } | undefined {
  const p = skipSpace(text, pos);
  if (p >= text.length || text[p] === '\n') return { end: p, strict: false };
  if (/[:,]/.test(text[p])) return { end: p + 1, strict: false };
  if (text.startsWith('同志', p)) return closesIntro(text, p + 2);
  if (dutyAt(text, p)) return { end: p, strict: true };
  return undefined;
}

/** A chain of titles that starts at `pos` (副市长、市公安局局长), each with its body. */
function chainAt(doc: DocBuilder, pos: number, orgByStart: Map<number, OrgMatch>): { posts: Post[]; end: number } | undefined {
  const text = doc.text;
  const posts: Post[] = [];
  let p = pos;
  for (;;) {
    // 新区党工委副书记、管委会主任: the zone's other governing body.
    const org = orgByStart.get(p) ?? zoneSibling(posts[posts.length - 1]?.org, doc.text, p);
    const titleStart = org ? org.end : p;
    const title = titleAt(text, titleStart);
    if (!title) break;
    const end = titleStart + title.title.length;
    const implied = org ? undefined : impliedBody(doc, title);
    posts.push({
      org: org ?? (implied ? { ...implied, start: titleStart, end, implied: true } : undefined),
      title: title.title, former: false, start: p, end,
    });
    p = end;
    if (text[p] !== '、' && text[p] !== '兼') break;
    p++;
  }
  if (!posts.length) return undefined;
  return { posts, end: posts[posts.length - 1].end };
}

/** The organisations by start offset, built once per document's list (the introductions, the line under one, tables). */
const orgIndex = new WeakMap<OrgMatch[], Map<number, OrgMatch>>();
function orgsByStart(orgs: OrgMatch[]): Map<number, OrgMatch> {
  let map = orgIndex.get(orgs);
  if (!map) orgIndex.set(orgs, (map = new Map(orgs.map((o) => [o.start, o]))));
  return map;
}

/** Every official's introduction, in text order. */
function findIntros(doc: DocBuilder, orgs: OrgMatch[]): Intro[] {
  const text = doc.text;
  const orgByStart = orgsByStart(orgs);
  const orgByEnd = new Map<number, OrgMatch>();
  for (const o of orgs) orgByEnd.set(o.end, o);
  const intros: Intro[] = [];
  // An introduction matters only when duties follow it: segments with no duty verb in reach are skipped
  // (most segments of most texts), before any name or title is tried.
  const verbAt: number[] = [];
  for (const m of text.matchAll(DUTY_VERB_HINT)) verbAt.push(m.index!);
  if (!verbAt.length) return intros;
  let nextVerb = 0;
  let segStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !SEGMENT_END[text.charCodeAt(i)]) continue;
    const prevStart = segStart;
    segStart = i + 1;
    while (nextVerb < verbAt.length && verbAt[nextVerb] < prevStart) nextVerb++;
    if (nextVerb >= verbAt.length) break;
    if (verbAt[nextVerb] - prevStart > INTRO_REACH) continue;
    const s = prevStart + (LIST_MARKER.exec(text.slice(prevStart, prevStart + 12))?.[0].length ?? 0);
    if (s >= i) continue;
    const intro = introAt(doc, s, Math.min(i, s + MAX_CHAIN + 4), orgByStart, orgByEnd);
    // After a comma only the tight form counts (…,省长某某主持…全面工作): a duty follows at once.
    if (!intro || (prevStart > 0 && text[prevStart - 1] === ',' && !intro.strict)) continue;
    if (intros.length && intros[intros.length - 1].nameStart === intro.nameStart) continue;
    intros.push(intro);
  }
  return intros;
}

/** Readings of a name at `pos`, the prose reading first, then surname + one or two characters
 * (a title right after the name, 某某常务副市长, is no word nameAt knows to end a name). */
function nameReadings(text: string, pos: number): string[] {
  const out: string[] = [];
  const prose = nameAt(text, pos);
  if (prose) out.push(prose);
  // The other readings matter only when a title follows them.
  if (!titleAt(text, pos + 2) && !titleAt(text, pos + 3)) return out;
  for (const len of [3, 2]) {
    const r = text.slice(pos, pos + len);
    if (r.length === len && /^[\p{Script=Han}]+$/u.test(r) && !out.includes(r) && nameAt(r + '\n', 0) === r) out.push(r);
  }
  // 某某副市长: the reading followed by the longest title wins (张某 + 副市长, not 张某副 + 市长).
  const titleAfter = (r: string) => titleAt(text, pos + r.length)?.title.length ?? 0;
  return out.sort((a, b) => titleAfter(b) - titleAfter(a));
}

function introAt(doc: DocBuilder, s: number, limit: number, orgByStart: Map<number, OrgMatch>, orgByEnd: Map<number, OrgMatch>): Intro | undefined {
  const text = doc.text;
  // A profile's fields: 姓名:某某 / 职务:副市长 / 分工:…
  if (text.startsWith('姓名:', s)) {
    const n = s + 3;
    const name = nameAt(text, n);
    const lineEnd = text.indexOf('\n', n) < 0 ? text.length : text.indexOf('\n', n);
    if (!name || n + name.length !== lineEnd) return undefined;
    const post = text.startsWith('职务:', lineEnd + 1) ? chainAt(doc, lineEnd + 4, orgByStart) : undefined;
    return { name, nameStart: n, start: s, end: post ? post.end : lineEnd, posts: post?.posts ?? [], strict: false };
  }
  // Name first: 某某副市长 / 某某 副市长、市公安局局长 / 某某同志(副市长): / 某某 alone, title on the next line.
  for (const first of nameReadings(text, s)) {
    let p = s + first.length;
    if (text.startsWith('同志', p)) p += 2;
    p = skipSpace(text, p);
    const paren = text[p] === '(';
    if (paren) p++;
    const chain = chainAt(doc, p, orgByStart);
    if (chain) {
      let end = chain.end;
      if (paren && text[end] === ')') end++;
      const close = closesIntro(text, end);
      if (close) return { name: first, nameStart: s, start: s, end: close.end, posts: chain.posts, strict: close.strict };
    } else if (text[p] === ',' && /^[男女][,(]/.test(text.slice(p + 1, p + 3)) && nameAt(text, s) === first) {
      // A profile paragraph (某某,男,汉族,…现任副市长。负责联系…): the duties start at the first clause with a duty verb.
      const lineEnd = text.indexOf('\n', p) < 0 ? text.length : text.indexOf('\n', p);
      for (let q = p + 1; q < lineEnd; q++) {
        if (!/[。;]/.test(text[q - 1])) continue;
        if (dutyAt(text, q)) return { name: first, nameStart: s, start: s, end: q, posts: [], strict: false };
      }
    } else if (text[p] === ',' || text[p] === ':' || text[p] === '\n') {
      // 某某,副市长,负责… / 某某:市委常委、副市长。 / 某某 alone on its line, the title on the next.
      const next = chainAt(doc, skipSpace(text, p + 1), orgByStart);
      if (next) {
        const close = closesIntro(text, next.end);
        if (close) return { name: first, nameStart: s, start: s, end: close.end, posts: next.posts, strict: close.strict };
      } else if (text[p] !== '\n' && nameAt(text, s) === first && dutyAt(text, p + 1)) {
        // 某某,负责… / 某某:分管…: a name heading its duties with no title.
        return { name: first, nameStart: s, start: s, end: p + 1, posts: [], strict: false };
      }
    } else {
      // A bare name directly followed by a duty (…,某某负责省政府常务工作), or heading its duties (某某:分管…).
      const colon = text[p] === ':' ? 1 : 0;
      const close = dutyAt(text, p + colon) ? { end: p + colon, strict: !colon } : undefined;
      if (close && (p === s + first.length || colon) && nameAt(text, s) === first) return { name: first, nameStart: s, start: s, end: close.end, posts: [], strict: close.strict };
    }
  }
  // Title first: 副市长某某: / 市长 某某 / 自治区副主席、自治区公安厅厅长某某.
  for (let j = s + 2; j <= limit; j++) {
    // 副市长:某某 — a colon may stand between the title and the name.
    const prev = text[j - 1];
    const colon = prev === ':' && !!titleEndingAt(text, j - 1);
    if (!colon && (prev === '\n' || prev === ',' || prev === ':' || prev === ';' || prev === '。')) break;
    let titleEnd = colon ? j - 1 : j;
    while (titleEnd > s && text[titleEnd - 1] === ' ') titleEnd--;
    titleEnd = postNoteEndingAt(text, titleEnd) ?? titleEnd;
    if (!titleEndingAt(text, titleEnd)) continue;
    const name = nameAt(text, j);
    if (!name) continue;
    const close = closesIntro(text, j + name.length);
    if (!close) continue;
    const posts = parseChain(doc, titleEnd, orgByEnd, s);
    if (!posts.length || posts[0].start > s + 1) continue;
    return { name, nameStart: j, start: s, end: close.end, posts, strict: close.strict };
  }
  return undefined;
}

export function extractDivisionOfLabour(doc: DocBuilder, persons: PersonSpan[], places: PlaceIndex,
  addOrg: (org: NonNullable<Post['org']>) => string, orgs: OrgMatch[] = []): void {
  const text = doc.text;
  const intros = findIntros(doc, orgs);
  const covered: Duty[] = [];
  for (let k = 0; k < intros.length; k++) {
    const intro = intros[k];
    const blockEnd = k + 1 < intros.length ? intros[k + 1].start : text.length;
    // 某某副市长 / 兼市公安局局长,负责…: a further post on the line under the introduction.
    const further = /^\n?兼/.exec(text.slice(intro.end, intro.end + 2));
    const more = further ? chainAt(doc, intro.end + further[0].length, orgsByStart(orgs)) : undefined;
    if (more) { intro.posts.push(...more.posts); intro.end = more.end + (/[,:]/.test(text[more.end]) ? 1 : 0); }
    const duties = readBlock(text, intro.end, blockEnd);
    if (!duties.length) continue;
    const personId = doc.mention('Person', intro.name, intro.nameStart, intro.nameStart + intro.name.length);
    for (const post of intro.posts) {
      if (!post.org) continue;
      doc.relate('HOLDS_POSITION', personId, addOrg(post.org), intro.start, intro.nameStart + intro.name.length, { title: post.title });
    }
    for (const duty of duties) overseeItems(doc, personId, duty, places, addOrg);
    covered.push(...duties);
  }
  proseDuties(doc, persons, covered, places, addOrg);
  passiveDuties(doc, persons, covered, places, addOrg);
  tableRows(doc, orgs, places, addOrg);
}

// Duties written before their holder (教育、文化、卫生等归口由某某副市长负责; …等工作,统一由某某负责): the
// object is the run of list clauses that ends at 由.
const PASSIVE_HOLDER = /(?:均|统一|都|全部|则|统一归口|归口)?由([\p{Script=Han}]{2,3}?)(?:同志)?(?:常务副|副)?(?:省长|市长|县长|区长|州长|旗长|盟长|主席)?(?:同志)?(负责|分管|主管|接手)(?!的)/gu;
function passiveDuties(doc: DocBuilder, persons: PersonSpan[], covered: Duty[], places: PlaceIndex,
  addOrg: (org: NonNullable<Post['org']>) => string): void {
  const text = doc.text;
  for (const m of text.matchAll(PASSIVE_HOLDER)) {
    const at = m.index!;
    const nameStart = at + m[0].indexOf(m[1]);
    // The holder is a person found already, or a name the clause reads as one (法制由某某接手).
    const holder = persons.find((p) => p.start === nameStart)
      ?? (nameAt(text, nameStart) === m[1] ? { start: nameStart, end: nameStart + m[1].length, name: m[1] } : undefined);
    if (!holder || covered.some((d) => at >= d.start && at < d.end)) continue;
    const sentence = doc.sentenceAt(at);
    // Clauses before the marker, nearest first, while they read as lists (A、B等 / …工作).
    const clauses: Duty[] = [];
    let end = at;
    while (end > sentence.start && /[,]/.test(text[end - 1])) end--;
    for (let guard = 0; guard < 6 && end > sentence.start; guard++) {
      let start = end;
      while (start > sentence.start && !/[,;:\n]/.test(text[start - 1])) start--;
      const clause = text.slice(start, end);
      // A list (A、B等 / …工作), or one short item right before the marker (法制由某某接手).
      const single = clauses.length === 0 && HAN_ITEM.test(clause) && clause.length <= 10 && !NOT_AN_AREA.test(clause) && /[;。\n]/.test(text[start - 1] ?? '\n');
      if (!single && (!/、|工作$|等/.test(clause) || /[的了]|[他她]/.test(clause.replace(/等[\p{Script=Han}]{1,10}$/u, '')))) break;
      clauses.unshift({ basis: m[2], start, end });
      end = start - 1;
      if (text[end] !== ',') break;
    }
    if (!clauses.length) continue;
    doc.mention('Person', holder.name, holder.start, holder.end);
    for (const duty of clauses) overseeItems(doc, `Person:${holder.name}`, duty, places, addOrg);
    covered.push(...clauses);
  }
}

// A 分工 table flattened to text, a row per line: "某某 | 副市长 | 交通运输、住房和城乡建设" (or TAB-separated).
// The columns are name, post and the areas the post oversees.
function tableRows(doc: DocBuilder, orgs: OrgMatch[], places: PlaceIndex, addOrg: (org: NonNullable<Post['org']>) => string): void {
  const text = doc.text;
  if (!text.includes('|') && !text.includes('\t') && !text.includes('  ')) return;
  const orgByStart = orgsByStart(orgs);
  for (let lineStart = 0; lineStart < text.length; lineStart = text.indexOf('\n', lineStart) + 1 || text.length) {
    const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
    const cells: { start: number; text: string }[] = [];
    const at = lineStart;
    // Cells: split at | or TAB, or at runs of two or more spaces (a table pasted as text).
    const line = text.slice(lineStart, lineEnd);
    const sep = /[|\t]/.test(line) ? /[|\t]/g : / {2,}/g;
    let last = 0;
    for (const m of [...line.matchAll(sep), { index: line.length, 0: '' } as unknown as RegExpMatchArray]) {
      const cell = line.slice(last, m.index!);
      const lead = cell.length - cell.trimStart().length;
      if (cell.trim()) cells.push({ start: at + last + lead, text: cell.trim() });
      last = m.index! + m[0].length;
    }
    if (cells.length < 3) continue;
    const [who, post, areas] = cells;
    if (nameAt(who.text + '\n', 0) !== who.text) continue;
    const chain = chainAt(doc, post.start, orgByStart);
    if (!chain || areas.text.length < 2) continue;
    const personId = doc.mention('Person', who.text, who.start, who.start + who.text.length);
    for (const p of chain.posts) if (p.org) doc.relate('HOLDS_POSITION', personId, addOrg(p.org), who.start, chain.end, { title: p.title });
    // The duties cell may spell out its verbs (负责…。分管…); if it does not, it lists what the post oversees.
    const spelled = readBlock(text, areas.start, areas.start + areas.text.length);
    const duties = spelled.length ? spelled : [{ basis: '分管', start: areas.start, end: areas.start + areas.text.length }];
    for (const duty of duties) overseeItems(doc, personId, duty, places, addOrg);
  }
}

// 分管 in running prose (…升任副省长的某某,接手了…的部分工作,分管民政、水利…): no introduction heads it,
// so the duty goes to the sentence's subject, the first person the sentence names before it.
function proseDuties(doc: DocBuilder, persons: PersonSpan[], covered: Duty[], places: PlaceIndex,
  addOrg: (org: NonNullable<Post['org']>) => string): void {
  const text = doc.text;
  for (const m of text.matchAll(/(协助分管|分管|接手)(?![部单领])/g)) {
    const at = m.index!;
    if (covered.some((d) => at >= d.start - 8 && at <= d.end)) continue;
    // The verb opens a clause, maybe after an adverb (,则分管 / ,还分管 / ,主要分管).
    // …or follows its subject's name at once (陈某接手金融工作).
    if (!/(^|[,;:\s])(则|还|并|也|另|主要|具体|同时)?$/.test(text.slice(Math.max(0, at - 3), at)) && !persons.some((p) => p.end === at)) continue;
    const s = doc.sentenceAt(at);
    // A former holder (原副省长某某) is never the subject.
    const subject = persons.find((p) => p.start >= s.start && p.end <= at && at - p.end <= 120
      && !/(原|前任|前)[\p{Script=Han}]{0,6}$/u.test(text.slice(Math.max(s.start, p.start - 7), p.start)));
    if (!subject) continue;
    let end = at + m[0].length;
    while (end < s.end && !/[,;。\n]/.test(text[end])) end++;
    const duty = { basis: m[1], start: at + m[0].length, end };
    overseeItems(doc, `Person:${subject.name}`, duty, places, addOrg);
  }
}

interface Duty { basis: string; start: number; end: number }

/** The duty clauses of one official's block: [from, to) up to the first clause that is prose. */
function readBlock(text: string, from: number, to: number): Duty[] {
  const duties: Duty[] = [];
  let pos = from;
  let last: Duty | undefined;
  while (pos < to) {
    let end = pos;
    while (end < to && !CLAUSE_BREAK.test(text[end])) end++;
    const lead = LIST_MARKER.exec(text.slice(pos, Math.min(end, pos + 12)))?.[0].length ?? 0;
    let s = pos + lead;
    // A labelled field (分工: / 分管工作: / 主要职责:) holds duties; with no verb of its own it lists what is overseen.
    const label = DUTY_LABEL.exec(text.slice(s, s + 8));
    if (label && text[s + label[0].length - 1] === ':') {
      s += label[0].length;
      end = s;
      while (end < to && !/[\n。;]/.test(text[end])) end++;
      if (!dutyAt(text, s)) {
        last = { basis: '分管', start: s, end };
        duties.push(last);
        pos = end + 1;
        continue;
      }
      end = s;
      while (end < to && !CLAUSE_BREAK.test(text[end])) end++;
    }
    const duty = s < end ? dutyAt(text, s) : undefined;
    if (duty) {
      let objStart = duty.start + duty.word.length;
      // 分管:市交通运输局、… — the object may follow a colon.
      let objEnd = end;
      if (objStart === end && text[end] === ':') {
        objStart = end + 1;
        objEnd = objStart;
        while (objEnd < to && !/[\n。;!?]/.test(text[objEnd])) objEnd++;
        end = objEnd;
      }
      last = { basis: duty.basis, start: objStart, end: objEnd };
      duties.push(last);
    } else if (s < end) {
      const clause = text.slice(s, end);
      // 同时, 此外: a connective alone between two duties.
      if (vocabulary().noArea.has(clause) || vocabulary().itemLead.includes(clause)) { pos = end + 1; continue; }
      // A list that continues the previous duty after a comma (分管教育、科技,文化、卫生工作).
      // …, or a short item after a comma or semicolon (分管审计,编制工作 / 分管:市商务局;市投资促进局).
      const short = clause.length <= 14 && /^[\p{Script=Han}()]+$/u.test(clause) && !/[的了是在将要]/.test(clause) && !NOT_AN_AREA.test(clause);
      // A list closed with 等 is over (分管民政、双拥等,体现…) unless a connective continues it (…等,以及安全生产).
      const closed = last && /等$/.test(text.slice(last.start, last.end));
      const connective = vocabulary().itemLead.some((w) => clause.startsWith(w));
      const basis = last?.basis ?? duties[duties.length - 1]?.basis;
      if (basis && (last && !closed || connective) && /[,;]/.test(text[pos - 1]) && (/、|工作$/.test(clause) && !/[的了]/.test(clause) || short)) {
        last = { basis, start: s, end };
        duties.push(last);
      }
      else if (!duties.length && clause.length <= 16 && (titleAt(text, s) || /^职务:/.test(clause))) { /* a title line under the name */ }
      // A comment between two duties of one paragraph (…移民工作,有利于推进…;同时,他还分管…): no item, and the
      // list before it is over.
      else if (duties.length && NOT_AN_AREA.test(clause) && /[,;]/.test(text[pos - 1] ?? '') && /[,;]/.test(text[end] ?? '')) last = undefined;
      else if (duties.length || text[end] === '\n' || text[end] === '。' || end - s > 16) break;
    }
    pos = end + 1;
  }
  return duties;
}

function cutLead(s: string, words: string[]): string {
  for (const w of words) if (s.startsWith(w)) return s.slice(w.length);
  return s;
}

/** Items of a duty's object: split at 、, and after a body that 和/及 joins to an area (省政府办公厅和编制). */
function splitItems(doc: DocBuilder, start: number, body: string, places: PlaceIndex): string[] {
  const items: string[] = [];
  let offset = start;
  for (const piece of body.split('、')) {
    const org = orgAt(doc, offset, places);
    let cut = org ? org.end - offset : -1;
    // 市发展和改革委员会(市物价局)及市粮食和物资储备局: the body's aside stays with it.
    const aside = cut > 0 ? /^\([^()]{1,20}\)/.exec(piece.slice(cut)) : null;
    if (aside) cut += aside[0].length;
    if (org && cut > 0 && cut < piece.length - 1 && /[和及]/.test(piece[cut])) {
      // Joined parts keep their offsets: the separator stands in for a 、.
      items.push(piece.slice(0, cut), piece.slice(cut + 1));
    } else items.push(piece);
    offset += piece.length + 1;
  }
  // The last item of a list may join two with 和 (…、电力、通信和台湾事务), unless 和 belongs to the area's name.
  // A lone item may too (负责工业与企业工作), unless 和 belongs to one area's name (住房和城乡建设) or the
  // item is a phrase (分管部门的党建和党风廉政建设).
  const last = items[items.length - 1];
  const and = last ? Math.max(last.indexOf('和'), last.indexOf('与'), last.indexOf('及')) : -1;
  const lastStart = start + body.length - (last?.length ?? 0);
  const whole = last && orgAt(doc, lastStart, places)?.end === lastStart + last.length;
  if (and >= 2 && and <= last.length - 3 && !whole && !last.includes('的') && !vocabulary().andCompounds.some((c) => last.replace('与', '和').includes(c))) {
    items.splice(items.length - 1, 1, last.slice(0, and), last.slice(and + 1));
  }
  return items;
}

function overseeItems(doc: DocBuilder, personId: string, duty: Duty, places: PlaceIndex,
  addOrg: (org: NonNullable<Post['org']>) => string): void {
  const text = doc.text;
  const v = vocabulary();
  // Offsets are kept by walking the object; parentheses (省政府办公厅(省政府研究室)) are asides.
  const raw = text.slice(duty.start, duty.end);
  let offset = duty.start;
  const lead = cutLead(raw, v.dropLead);
  offset += raw.length - lead.length;
  let body = lead;
  for (const tail of v.dropTail) if (body.endsWith(tail)) { body = body.slice(0, -tail.length); break; }
  // A list closed by the kind its items belong to (…、海洋等农业口; 效能等行政管理服务): the kind is no item.
  const kind = CLOSING_KIND.exec(body) ?? COUNTED_KIND.exec(body);
  if (kind) body = body.slice(0, kind.index);
  for (const piece of splitItems(doc, duty.start + (raw.length - lead.length), body, places)) {
    const itemStart = offset;
    offset += piece.length + 1;
    // 外事侨务(港澳事务): the aside is an item of its own; a place in parentheses (中国(上海)自由贸易试验区) is part of the name.
    const aside = /\(([^)]{2,20})\)/.exec(piece);
    const placeAside = aside && places.get(itemStart + aside.index + 1)?.end === itemStart + aside.index + 1 + aside[1].length;
    if (aside && !placeAside) overseeOne(doc, personId, duty, places, addOrg, aside[1], itemStart + aside.index + 1);
    const item = (placeAside ? piece : piece.replace(/\([^)]*\)/g, '')).replace(/[“”"]/g, '');
    overseeOne(doc, personId, duty, places, addOrg, item, itemStart + Math.max(0, piece.indexOf(item.slice(0, 2))));
  }
}

function overseeOne(doc: DocBuilder, personId: string, duty: Duty, places: PlaceIndex,
  addOrg: (org: NonNullable<Post['org']>) => string, raw: string, at: number): void {
  const v = vocabulary();
  let item = cutLead(raw, v.itemLead);
  at += raw.length - item.length;
  for (const tail of v.dropTail) if (item.endsWith(tail) && item.length > tail.length) { item = item.slice(0, -tail.length); break; }
  item = item.trim();
  if (!item || v.noArea.has(item)) return;
  const org = orgForItem(doc, at, item, places);
  if (org) {
    doc.relate('OVERSEES', personId, addOrg(org), at, at + item.length, { basis: duty.basis });
    return;
  }
  if (duty.basis === '主持' || duty.basis === '领导') return;
  // A body whose place the text never names (省交通运输厅 with no province) is no area of work either.
  if (!HAN_ITEM.test(item) || NOT_AN_AREA.test(item) || ORGAN.exec(item)?.[1]) return;
  const areaId = doc.mention('Area', item, at, at + item.length);
  doc.relate('OVERSEES', personId, areaId, at, at + item.length, { basis: duty.basis });
}

/** An item that is a body: written in full (市公安局), with its government's work (市政府常务), or as the bare core a 分工 list uses (妇联, 共青团). */
function orgForItem(doc: DocBuilder, start: number, item: string, places: PlaceIndex): OrgMatch | undefined {
  const end = start + item.length;
  let full = orgAt(doc, start, places);
  if (full && full.end < end) full = withSubOrgan(doc.text, full) ?? full;
  if (full && (full.end === end || vocabulary().noArea.has(doc.text.slice(full.end, end)))) return full;
  const organ = ORGAN.exec(item);
  if (organ) {
    if (organ[1]) {
      if (doc.places.placeholder) return undefined;
      const level = organ[1];
      const own = level === '省' || level === '自治区' ? doc.places.province
        : level === '市' ? doc.places.city ?? (doc.places.province?.name.endsWith('市') ? doc.places.province : undefined)
          : level === '州' || level === '盟' ? doc.places.city : doc.places.county;
      if (own) return { start, end, name: own.name + organ[3], aliases: [], place: own };
      return undefined;
    }
  }
  // Bare cores stand for the document's own body: 妇联 in a 广州 notice is 广州市妇联, 粮食局 in a county's is the county's.
  const own = doc.places.county ?? doc.places.city ?? doc.places.province;
  if (!own || doc.places.placeholder) return undefined;
  const m = bareCore(doc, item, own);
  if (m && !m.name.startsWith('中共')) return { ...m, start, end };
  if (organ && !organ[1] && !/^(各|全|有关|相关|其他|所属)/.test(item)) {
    // An organ named by its own proper name (遵义供电局, 国家统计局某某调查队) stays as written;
    // one named by its function alone (供电局) is the document's own.
    const named = places.has(start) || /^(国家|中国|中央|全国)/.test(item);
    return named ? { start, end, name: item, aliases: [] } : { start, end, name: own.name + item, aliases: [], place: own };
  }
  return undefined;
}

// The bare core an item names, read as the document's own body (市 + item): built once per item and
// document, since a notice repeats its items (财政, 统计) under several officials.
const bareCores = new WeakMap<DocBuilder, Map<string, OrgMatch | undefined>>();
function bareCore(doc: DocBuilder, item: string, own: NonNullable<DocBuilder['places']['city']>): OrgMatch | undefined {
  let memo = bareCores.get(doc);
  if (!memo) bareCores.set(doc, (memo = new Map()));
  if (memo.has(item)) return memo.get(item);
  const probe = new (doc.constructor as new (d: string, t: string) => DocBuilder)(doc.doc, item === '共青团' ? '共青团市委' : `市${item}`);
  probe.places = { ...doc.places, city: own };
  const found = orgAt(probe, 0, new Map());
  // Only a reading of the whole item counts.
  const m = found && found.end === probe.text.length ? found : undefined;
  memo.set(item, m);
  return m;
}
