#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm install` (prepare) or `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('kg: dist/ is missing — run `npm install` (or `npm run build`) in the zhengkg folder first');
  process.exit(2);
}

// The reduce step holds the whole graph: on a large corpus Node's default heap (about 4 GB) is the limit,
// not the machine. Re-run once with a heap sized to the machine (half of its memory, at most 16 GB),
// unless the user chose a heap size.
const wantedMb = Math.min(16384, Math.floor(os.totalmem() / 2 / 2 ** 20));
const heapMb = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('max-old-space-size'));
if (!chosen && !process.env.ZHENGKG_HEAP_SET && wantedMb > heapMb * 1.25) {
  const child = spawnSync(process.execPath, [`--max-old-space-size=${wantedMb}`, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ZHENGKG_HEAP_SET: '1' },
  });
  if (child.error) throw child.error;
  process.exit(child.status ?? (child.signal ? 1 : 0));
}
await import(entry.href);
