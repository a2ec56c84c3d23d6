// Reads a graph.json of any size. JSON.parse needs the whole file as one string, and V8 caps a
// string at 2^29 - 24 characters (Node refuses a file of more than about 512 MB): the 100 MB
// benchmark corpus's graph is 667 MB. Its two big arrays (nodes, edges) are cut at item boundaries
// into pieces parsed one by one; the rest is parsed as it is.
import { readFile } from 'node:fs/promises';

/** Below this many bytes the file is parsed in one piece. */
const WHOLE = 256 << 20;
/** The bytes of array items parsed at once. */
const PIECE = 64 << 20;

const QUOTE = 0x22, BACKSLASH = 0x5c, OPEN_BRACE = 0x7b, CLOSE_BRACE = 0x7d, OPEN_BRACKET = 0x5b, CLOSE_BRACKET = 0x5d, COMMA = 0x2c;

/** Where each top-level member's value starts and ends, and, inside an array value, where each item ends. */
function splitTopLevel(buf: Buffer, arrays: ReadonlySet<string>, piece: number): Map<string, unknown> {
  const out = new Map<string, unknown>();
  let depth = 0;
  let i = 0;
  const n = buf.length;
  let key: string | undefined;
  let valueStart = -1;
  let items: unknown[] | undefined;
  let pieceStart = -1;
  const flush = (end: number) => {
    if (items && end > pieceStart) {
      for (const item of JSON.parse(`[${buf.toString('utf8', pieceStart, end)}]`) as unknown[]) items.push(item);
    }
  };
  while (i < n) {
    const c = buf[i];
    if (c === QUOTE) {
      const start = i;
      i++;
      while (i < n && buf[i] !== QUOTE) i += buf[i] === BACKSLASH ? 2 : 1;
      if (depth === 1) {
        const text = JSON.parse(buf.toString('utf8', start, i + 1)) as string;
        if (key === undefined) {
          key = text;
        } else {
          out.set(key, text); // a string member
          key = undefined;
        }
      }
      i++;
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth === 2 && valueStart < 0) {
        valueStart = i;
        if (c === OPEN_BRACKET && key !== undefined && arrays.has(key)) {
          items = [];
          pieceStart = i + 1;
        }
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
      if (depth === 1 && key !== undefined) {
        if (items) {
          flush(i);
          out.set(key, items);
        } else {
          out.set(key, JSON.parse(buf.toString('utf8', valueStart, i + 1)));
        }
        key = undefined;
        valueStart = -1;
        items = undefined;
      }
    } else if (c === COMMA) {
      if (depth === 2 && items && i - pieceStart >= piece) {
        flush(i);
        pieceStart = i + 1;
      }
    } else if (depth === 1 && key !== undefined && valueStart < 0 && c !== 0x3a && c > 0x20) {
      // A scalar value: up to the next comma or closing brace at this depth.
      let j = i;
      while (j < n && buf[j] !== COMMA && buf[j] !== CLOSE_BRACE) j++;
      out.set(key, JSON.parse(buf.toString('utf8', i, j)));
      key = undefined;
      i = j;
      continue;
    }
    i++;
  }
  if (depth !== 0) throw new SyntaxError('Unexpected end of JSON input');
  return out;
}

/** The parsed graph.json: JSON.parse for a file that fits in a string, else the same value parsed in pieces. */
export async function readGraphFile(file: string): Promise<unknown> {
  const buf = await readFile(file);
  return buf.length < WHOLE ? JSON.parse(buf.toString('utf8')) : parseInPieces(buf);
}

/** A JSON object whose `nodes` and `edges` arrays are parsed `piece` bytes of items at a time. */
export function parseInPieces(buf: Buffer, piece = PIECE): unknown {
  let start = 0;
  while (start < buf.length && buf[start] <= 0x20) start++;
  if (buf[start] !== OPEN_BRACE) throw new SyntaxError('a graph file larger than 256 MB must be a JSON object');
  return Object.fromEntries(splitTopLevel(buf, new Set(['nodes', 'edges']), piece));
}
