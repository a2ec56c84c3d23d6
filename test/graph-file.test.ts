import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInPieces } from '../src/load/graph-file.js';

const small = path.join(__dirname, 'fixtures/graphs/small.json');

describe('parseInPieces (graph files too big for one string)', () => {
  it('gives what JSON.parse gives, whatever the piece size', () => {
    const text = readFileSync(small, 'utf8');
    const whole = JSON.parse(text);
    for (const piece of [1, 100, 1000, 1 << 20]) expect(parseInPieces(Buffer.from(text), piece)).toEqual(whole);
  });

  it('keeps scalar and string members, escaped quotes and brackets inside strings', () => {
    const value = { a: 1, b: 'x"]}[{,', nodes: [{ key: 'n"1', attributes: { s: '],[' } }, { key: 'n2' }], flag: true, nothing: null, edges: [], tail: -2.5e3 };
    const text = ` ${JSON.stringify(value, null, 1)}\n`;
    for (const piece of [1, 7, 64]) expect(parseInPieces(Buffer.from(text), piece)).toEqual(value);
  });

  it('refuses what is not a whole object', () => {
    expect(() => parseInPieces(Buffer.from('[1,2]'))).toThrow(/JSON object/);
    expect(() => parseInPieces(Buffer.from('{"nodes":[{"a":1}'))).toThrow(SyntaxError);
  });
});
