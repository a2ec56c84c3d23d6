// Small helpers shared by the bench scripts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

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

/** Self time per function from a V8 .cpuprofile (sample counts × mean interval). */
export function summariseProfile(profile, { top = 25 } = {}) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfSamples = new Map();
  for (const id of profile.samples) selfSamples.set(id, (selfSamples.get(id) ?? 0) + 1);
  const totalUs = profile.endTime - profile.startTime;
  const usPerSample = totalUs / Math.max(1, profile.samples.length);
  const fns = new Map();
  const files = new Map();
  for (const [id, count] of selfSamples) {
    const { callFrame } = byId.get(id);
    const file = callFrame.url ? callFrame.url.replace(`file://${repo}/`, '') : `(${callFrame.functionName || 'native'})`;
    const fn = callFrame.functionName || '(anonymous)';
    const key = `${fn.length > 70 ? `${fn.slice(0, 70)}…` : fn}\t${file.length > 70 ? `${file.slice(0, 70)}…` : file}:${callFrame.lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + count);
    const fileKey = file.length > 70 ? `${file.slice(0, 70)}…` : file;
    files.set(fileKey, (files.get(fileKey) ?? 0) + count);
  }
  const total = profile.samples.length;
  const rows = (m) => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top)
    .map(([k, n]) => ({ name: k, ms: (n * usPerSample) / 1000, share: n / total }));
  return { totalMs: totalUs / 1000, functions: rows(fns), files: rows(files) };
}

export function formatProfile(summary) {
  const lines = [`total ${(summary.totalMs / 1000).toFixed(2)} s sampled`, '', 'top self time by function:'];
  for (const r of summary.functions) {
    const [fn, where] = r.name.split('\t');
    lines.push(`  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(6)} ms  ${fn}  ${where}`);
  }
  lines.push('', 'self time by file:');
  for (const r of summary.files) lines.push(`  ${(r.share * 100).toFixed(1).padStart(5)} %  ${r.ms.toFixed(0).padStart(6)} ms  ${r.name}`);
  return lines.join('\n');
}

