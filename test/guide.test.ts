// The Browser guide is rendered from cypher/browser/*.cypher: the committed copy must be current,
// and every visual query must be a runnable block with its parameters set by runnable :param blocks.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GUIDE_FILE, queryBody, queryExamples, renderGuide } from '../src/load/guide.js';
import { listQueries } from '../src/load/queries.js';

const cypherDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cypher');
const visual = listQueries(path.join(cypherDir, 'browser'));

describe('Neo4j Browser guide', () => {
  it('has the four visual queries the issue asks for, plus documents, each with an example for every parameter', () => {
    expect(visual.map((q) => q.name)).toEqual(['community', 'document', 'enterprise', 'meeting', 'person']);
    for (const q of visual) {
      expect(q.params.length).toBeGreaterThan(0);
      for (const p of q.params) expect(queryExamples(q).get(p.name), `${q.name} $${p.name}`).toBeTruthy();
    }
  });

  it('is current: cypher/browser/guide.html is what `npm run guide` renders (rerun it after editing a query)', () => {
    expect(readFileSync(path.join(cypherDir, GUIDE_FILE), 'utf8')).toBe(renderGuide(visual));
  });

  it('gives one slide per query whose runnable blocks set each parameter and run the file\'s text unchanged', () => {
    const html = renderGuide(visual);
    const slides = [...html.matchAll(/<slide[^>]*>([\s\S]*?)<\/slide>/g)].map((m) => m[1]);
    expect(slides).toHaveLength(visual.length + 1);
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const ordered = ['person', 'enterprise', 'meeting', 'community', 'document'].map((n) => visual.find((q) => q.name === n)!);
    ordered.forEach((q, i) => {
      const blocks = [...slides[i + 1].matchAll(/<pre class="runnable">([\s\S]*?)<\/pre>/g)].map((m) => text(m[1]));
      expect(blocks.at(-1)).toBe(queryBody(q));
      for (const p of q.params) {
        const example = queryExamples(q).get(p.name)!;
        expect(blocks).toContain(p.type === 'integer' ? `:param ${p.name} => ${example}` : `:param ${p.name} => '${example}'`);
      }
    });
  });
});
