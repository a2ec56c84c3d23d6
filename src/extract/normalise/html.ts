// HTML page → plain text with one line per block. Government portal pages wrap a
// short article in menus, breadcrumbs, share bars and footers; when the page has
// an obvious article container we keep only that (plus the headline).
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element, Text } from 'domhandler';

// Never text a reader wants: code, forms, embedded objects.
const DROPPED_TAGS = new Set([
  'script', 'style', 'noscript', 'iframe', 'form', 'select', 'option',
  'button', 'textarea', 'template', 'svg', 'canvas', 'object', 'embed', 'head', 'map',
]);
// Page furniture, dropped unless it holds the headline or the article (HTML5 <article><header><h1>).
const FURNITURE_TAGS = new Set(['nav', 'header', 'footer', 'aside']);

const BLOCK_TAGS = new Set([
  'p', 'div', 'br', 'li', 'ul', 'ol', 'tr', 'table', 'thead', 'tbody', 'tfoot', 'caption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'article', 'aside', 'main', 'blockquote',
  'pre', 'dl', 'dt', 'dd', 'hr', 'address', 'figure', 'figcaption', 'center', 'body', 'html',
  'nav', 'header', 'footer',
]);
const CELL_TAGS = new Set(['td', 'th']);

// Class/id names that Chinese government CMSs (TRS WCM, Hanweb, Dameng...) give the
// article body: TRS_Editor, zoom, article-content, detail, con_txt, main-text...
const ARTICLE_CONTAINER = /content|article|trs_editor|detail|main[-_]?text|zoom|artibody|con[-_]?txt|text[-_]?con|pages?[-_]?con|news[-_]?text|union[-_]?style/i;

// Class/id tokens of page furniture drawn with plain <div>s instead of <nav>/<footer>.
const FURNITURE_TOKEN = /^(?:nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|position|location|share|bdsharebuttonbox|copyright|sidebar|friend[-_]?links?)(?:[-_]\w*|\d+)?$/i;

// A container must hold at least this much text to be trusted as "the article".
const MIN_CONTAINER_CHARS = 40;
// Walk into a nested container when it holds this share of its parent's text:
// outer wrappers often also hold related-links lists and the date bar.
const NESTED_CONTAINER_SHARE = 0.6;
// How many opening lines of the article may already carry the headline.
const HEADLINE_LOOKAHEAD_LINES = 5;
// Site suffixes in <title>: "报告标题_某市人民政府" / "标题 - 某某网" / "标题|门户".
const TITLE_SITE_SEPARATOR = /\s*(?:_|\||\s-\s|－|—\s)\s*/;

/** Readable text of an HTML page: block elements become line breaks, furniture is dropped, entities decoded. */
export function htmlToText(html: string): string {
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const nodes = doc.children;

  const headline = findHeadline(nodes);
  const container = findArticleContainer(nodes);
  const body = container ? renderNodes([container]) : renderNodes(nodes);

  // Put the headline on top unless one of the first lines already is the headline
  // (a lead sentence that merely repeats its words does not count).
  const opening = body.split('\n', HEADLINE_LOOKAHEAD_LINES).map((line) => line.trim());
  if (headline && !opening.includes(headline)) return `${headline}\n\n${body}`;
  return body;
}

// Type guards by the node's `type` tag (domhandler's own guards are not re-exported by htmlparser2).
const isElement = (node: ChildNode): node is Element => ['tag', 'script', 'style'].includes(node.type as string);
const isText = (node: ChildNode): node is Text => (node.type as string) === 'text';

function classAndId(el: Element): string {
  return `${el.attribs.class ?? ''} ${el.attribs.id ?? ''}`;
}

// Rendering and container sizing ask about the same elements several times.
const droppedVerdicts = new WeakMap<Element, boolean>();

function isDropped(el: Element): boolean {
  let verdict = droppedVerdicts.get(el);
  if (verdict === undefined) {
    verdict = judgeDropped(el);
    droppedVerdicts.set(el, verdict);
  }
  return verdict;
}

function judgeDropped(el: Element): boolean {
  if (DROPPED_TAGS.has(el.name)) return true;
  if (el.attribs.hidden !== undefined || /display\s*:\s*none/i.test(el.attribs.style ?? '')) return true;
  const tokens = classAndId(el).split(/\s+/).filter(Boolean);
  if (!FURNITURE_TAGS.has(el.name) && !tokens.some((t) => FURNITURE_TOKEN.test(t))) return false;
  // A wrapper named "header" sometimes holds the whole article; never drop what holds the headline or body.
  return !containsArticleMarkers(el);
}

function containsArticleMarkers(el: Element): boolean {
  const stack: ChildNode[] = [...el.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === 'h1' || ARTICLE_CONTAINER.test(classAndId(node))) return true;
    stack.push(...node.children);
  }
  return false;
}

/** Text of nodes with newlines for block boundaries; whitespace inside text runs collapses as a browser would. */
function renderNodes(nodes: ChildNode[]): string {
  const out: string[] = [];
  const walk = (node: ChildNode, inPre: boolean): void => {
    if (isText(node)) {
      out.push(inPre ? node.data : node.data.replace(/[ \t\r\n\f]+/g, ' '));
      return;
    }
    if (!isElement(node) || isDropped(node)) return;
    const block = BLOCK_TAGS.has(node.name);
    if (block) out.push('\n');
    // Cells are kept apart by a TAB, so that a table's rows stay readable as rows (name, post, duties).
    else if (CELL_TAGS.has(node.name)) out.push('\t');
    const pre = inPre || node.name === 'pre';
    for (const child of node.children) walk(child, pre);
    if (block) out.push('\n');
  };
  for (const node of nodes) walk(node, false);
  return out.join('').replace(/[ \t]*\n[ \t\n]*/g, '\n').trim();
}

function plainText(node: ChildNode): string {
  if (isText(node)) return node.data;
  if (!isElement(node) || node.name === 'script' || node.name === 'style') return '';
  return node.children.map(plainText).join('');
}

function findAll(nodes: ChildNode[], keep: (el: Element) => boolean, descendDropped = false): Element[] {
  const found: Element[] = [];
  const stack = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (!descendDropped && node.name !== 'head' && isDropped(node)) continue;
    if (keep(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return found;
}

/** The first <h1> of the page, else the <title> without its site-name suffix. */
function findHeadline(nodes: ChildNode[]): string | undefined {
  const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
  const h1 = findAll(nodes, (el) => el.name === 'h1').map((el) => squash(plainText(el))).find(Boolean);
  if (h1) return h1;
  const title = findAll(nodes, (el) => el.name === 'title', true).map((el) => squash(plainText(el))).find(Boolean);
  if (!title) return undefined;
  const parts = title.split(TITLE_SITE_SEPARATOR).filter(Boolean);
  // Drop the trailing site name only when something substantial is left before it.
  return parts.length > 1 && parts[0].length >= 4 ? parts.slice(0, -1).join(' ') : title;
}

/** The largest article-like container, narrowed to a nested one that holds most of its text. */
function findArticleContainer(nodes: ChildNode[]): Element | undefined {
  const candidates = findAll(nodes, (el) => ARTICLE_CONTAINER.test(classAndId(el)) && el.name !== 'body' && el.name !== 'html');
  if (candidates.length === 0) return undefined;
  const size = new Map(candidates.map((el) => [el, textSize(el)]));
  let best = candidates.reduce((a, b) => (size.get(b)! > size.get(a)! ? b : a));
  if (size.get(best)! < MIN_CONTAINER_CHARS) return undefined;
  for (;;) {
    const inner = candidates.filter((el) => el !== best && isInside(el, best) && size.get(el)! >= NESTED_CONTAINER_SHARE * size.get(best)!);
    if (inner.length === 0) return best;
    best = inner.reduce((a, b) => (size.get(b)! > size.get(a)! ? b : a));
  }
}

/** Non-space characters of the text that would be rendered (counted, not built). */
function textSize(el: Element): number {
  let size = 0;
  const stack: ChildNode[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isText(node)) {
      const data = node.data;
      for (let i = 0; i < data.length; i++) if (!WHITESPACE_CODES.has(data.charCodeAt(i))) size++;
    } else if (isElement(node) && !isDropped(node)) {
      stack.push(...node.children);
    }
  }
  return size;
}

const WHITESPACE_CODES = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0xa0, 0x3000]);

function isInside(node: Element, ancestor: Element): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
