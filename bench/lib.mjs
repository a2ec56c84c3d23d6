// Small helpers shared by the bench scripts.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every .txt/.html/.htm file under `dir`, in code-point order of their paths (as `kg build` reads them). */
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(txt|html?)$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const MB = 1024 * 1024;
export const mb = (bytes) => bytes / MB;
