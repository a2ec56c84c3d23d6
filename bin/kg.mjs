#!/usr/bin/env node
// Thin launcher: the CLI is compiled from src/ into dist/ by `npm install` (prepare) or `npm run build`.
import { spawn } from 'node:child_process';
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
// not the machine. Re-run once with a heap sized to the machine (half of its memory, at most 16 GB, or
// $ZHENGKG_HEAP_MB), unless the user chose a heap size.
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
const wantedMb = Number(process.env.ZHENGKG_HEAP_MB) || Math.min(16384, Math.floor(os.totalmem() / 2 / 2 ** 20));
const heapMb = v8.getHeapStatistics().heap_size_limit / 2 ** 20;
const chosen = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => a.includes('max-old-space-size'));
if (!chosen && !process.env.ZHENGKG_HEAP_SET && wantedMb > heapMb * 1.25) {
  // The IPC channel is how the child learns that this process is gone, even when it was SIGKILLed.
  // --expose-gc: kg build collects garbage between its phases (src/cli/commands/build.ts); with a heap this
  // large V8 would otherwise let each phase's garbage pile up under the next phase's data.
  const child = spawn(process.execPath, [`--max-old-space-size=${wantedMb}`, '--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, ZHENGKG_HEAP_SET: '1' },
  });
  // Signals go to the child, which cleans up and dies of them; this process then dies of the same one.
  const forward = (signal) => child.kill(signal);
  for (const s of SIGNALS) process.on(s, forward);
  child.on('error', (err) => {
    console.error(`kg: cannot start: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    for (const s of SIGNALS) process.off(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 1);
  });
} else {
  if (process.env.ZHENGKG_HEAP_SET && process.channel) {
    // Re-run by the launcher above: if it goes away (killed, even with SIGKILL), stop as if told to with SIGTERM.
    process.channel.unref();
    process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  }
  await import(entry.href);
}
