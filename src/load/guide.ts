// The Neo4j Browser guide (`:play http://127.0.0.1:7474/guide.html`): one slide per visual query of
// cypher/browser/, in Browser's guide format (<slide> elements; every `pre.runnable` gets a play
// button that runs it with one click). Rendered from the .cypher files so the guide cannot drift
// from them; `npm run guide` writes it and a test checks the committed copy is current.
import type { QueryDefinition } from './queries.js';

/** Where the guide lives, relative to cypher/: the local server serves it next to style.grass. */
export const GUIDE_FILE = 'browser/guide.html';

const EXAMPLE_LINE = /^\/\/\s*Example:\s*\$([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.+)$/;

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Example parameter values from the header (`// Example: $name = 邵明远`): what the guide fills in. */
export function queryExamples(query: QueryDefinition): Map<string, string> {
  const examples = new Map<string, string>();
  for (const line of query.text.split('\n')) {
    if (!line.startsWith('//')) break;
    const m = EXAMPLE_LINE.exec(line.trim());
    if (m) examples.set(m[1], m[2].trim());
  }
  return examples;
}

/** The query as Browser runs it: the text without its header comment. */
export const queryBody = (query: QueryDefinition): string =>
  query.text.split('\n').filter((l) => !l.trimStart().startsWith('//')).join('\n').trim();

const runnable = (inner: string): string => `<pre class="runnable">${inner}</pre>`;

/**
 * `:param` blocks whose value follows the input box above them (Browser copies an input's text into
 * the elements whose value-key matches its value-for). The query itself stays exactly the file's text:
 * values reach it as parameters.
 */
function paramBlocks(query: QueryDefinition): string[] {
  const examples = queryExamples(query);
  return query.params.map((p) => {
    const key = `${query.name}-${p.name}`;
    const example = examples.get(p.name) ?? '';
    const value = `<span value-key="${key}">${escapeHtml(example)}</span>`;
    return [
      `<p><label>$${p.name} (${escapeHtml(p.description)}): <input value-for="${key}" value="${escapeHtml(example)}" style="width: 16em"></label></p>`,
      runnable(p.type === 'integer' ? `:param ${p.name} => ${value}` : `:param ${p.name} => '${value}'`),
    ].join('\n');
  });
}

const COUNTS = `MATCH (n) WHERE NOT n:Community
RETURN [l IN labels(n) WHERE NOT l IN ['Country', 'Province', 'City', 'County', 'Town', 'Village']][0] AS type, count(*) AS nodes
ORDER BY nodes DESC`;
const NAMES = `MATCH (n) WHERE NOT n:Community AND NOT n:Document
RETURN [l IN labels(n) WHERE NOT l IN ['Country', 'Province', 'City', 'County', 'Town', 'Village']][0] AS type, n.name AS name,
       COUNT { (n)-[r]-() WHERE NOT type(r) IN ['IN_COMMUNITY', 'MENTIONS'] } AS relations, n.community AS community
ORDER BY relations DESC LIMIT 25`;

/** Slide order: the questions a newcomer asks first; any other query follows by name. */
const GUIDE_ORDER = ['person', 'enterprise', 'meeting', 'community', 'document'];
const rank = (q: QueryDefinition) => { const i = GUIDE_ORDER.indexOf(q.name); return i < 0 ? GUIDE_ORDER.length : i; };

export function renderGuide(unordered: readonly QueryDefinition[]): string {
  const queries = [...unordered].sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : 1));
  const slides = [
    [
      '<h3>zhengkg: the graph in pictures</h3>',
      '<p>Each slide draws one question as a graph. Type a name into the box (canonical name or alias), click the ▶ of the',
      '<code>:param</code> block to set it, then the ▶ of the query. Click a node or an edge to see its properties: edges carry',
      '<code>sentence</code>, the sentence they were read from, and every entity is linked to the documents that mention it',
      '(<code>(:Document)-[:MENTIONS]-&gt;</code>).</p>',
      '<p>What the database holds:</p>',
      runnable(escapeHtml(COUNTS)),
      '<p>The best-connected names, to try on the next slides:</p>',
      runnable(escapeHtml(NAMES)),
    ].join('\n'),
    ...queries.map((q) => [
      `<h3>${escapeHtml(q.name)}</h3>`,
      `<p>${escapeHtml(q.summary)}</p>`,
      ...paramBlocks(q),
      runnable(escapeHtml(queryBody(q))),
      `<p>The same query is <code>cypher/browser/${escapeHtml(q.name)}.cypher</code>.</p>`,
    ].join('\n')),
  ];
  return [
    '<!DOCTYPE html>',
    '<!-- Generated from cypher/browser/*.cypher by `npm run guide`; edit those, not this file. -->',
    '<html><head><meta charset="utf-8"><title>zhengkg</title></head><body>',
    '<article class="guide">',
    ...slides.map((s) => `<slide class="row-fluid">\n${s}\n</slide>`),
    '</article>',
    '</body></html>',
    '',
  ].join('\n');
}
