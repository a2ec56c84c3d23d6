// runPool with two tasks in flight per worker (what kg build uses): a task that hangs, crashes its worker
// or runs it out of memory fails alone; the task queued behind it on the same worker is run again, not
// lost and not blamed; every task is reported exactly once.
// The test workers import serveTasks from dist/ (compiled by test/global-build.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPool } from '../src/cli/worker-pool.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let work: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-worker-pool-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function worker(name: string, body: string): URL {
  const file = path.join(work, `${name}.mjs`);
  writeFileSync(file, `
    import { serveTasks } from ${JSON.stringify(path.join(root, 'dist/cli/worker-pool.js'))};
    ${body}
  `);
  return new URL(`file://${file}`);
}

async function run(tasks: string[], workerUrl: URL, options: { jobs: number; timeoutMs: number; maxHeapMb?: number; tasksPerWorker?: number }) {
  const results: string[] = [];
  const failures: string[] = [];
  const seen: number[] = [];
  await runPool<string, string>(tasks, {
    workerUrl,
    tasksPerWorker: 2,
    ...options,
    onResult: (t, i, r) => {
      seen.push(i);
      results.push(`${t}=${r}`);
    },
    onFailure: (t, i, reason) => {
      seen.push(i);
      failures.push(`${t}: ${reason}`);
    },
  });
  return { results: results.sort(), failures: failures.sort(), seen: seen.sort((a, b) => a - b) };
}

describe('runPool with two tasks in flight per worker', () => {
  const body = `
    serveTasks(async (task) => {
      if (task.startsWith('hang')) for (;;);                 // a synchronous hang: the worker never answers again
      if (task.startsWith('crash')) process.nextTick(() => { throw new Error('boom'); });
      if (task.startsWith('crash')) return new Promise(() => {});
      if (task.startsWith('oom')) { const a = []; for (;;) a.push(new Array(1e5).fill(task)); }
      await new Promise((r) => setTimeout(r, 20));
      return task.toUpperCase();
    });
  `;

  it('a hung task times out alone; the task queued behind it on that worker still gets its result', async () => {
    const tasks = ['a', 'hang', 'b', 'c', 'd', 'e', 'f'];
    const r = await run(tasks, worker('hang', body), { jobs: 1, timeoutMs: 700 });
    expect(r.failures).toEqual(['hang: timed out after 700 ms']);
    expect(r.results).toEqual(['a=A', 'b=B', 'c=C', 'd=D', 'e=E', 'f=F']);
    expect(r.seen).toEqual(tasks.map((_, i) => i));
  });

  it('a crash and an out-of-memory fail alone, with two workers', async () => {
    const tasks = ['a', 'crash', 'b', 'oom', 'c', 'd', 'e', 'crash2', 'f', 'g'];
    const r = await run(tasks, worker('crash', body), { jobs: 2, timeoutMs: 20_000, maxHeapMb: 64 });
    expect(r.failures).toEqual(['crash2: worker failed: boom', 'crash: worker failed: boom', 'oom: out of memory']);
    expect(r.results).toEqual(['a=A', 'b=B', 'c=C', 'd=D', 'e=E', 'f=F', 'g=G']);
    expect(r.seen).toEqual(tasks.map((_, i) => i));
  });

  it('answers are matched to their tasks when a worker answers out of order', async () => {
    // Not how serveTasks works, but a reply names its task: an early answer to the second task is not the first's.
    const url = worker('unordered', '');
    writeFileSync(fileURLToPath(url), `
      import { parentPort } from 'node:worker_threads';
      parentPort.postMessage('kg-worker-ready');
      let seq = 0;
      parentPort.on('message', (task) => {
        const n = seq++;
        setTimeout(() => parentPort.postMessage({ kgReplyTo: n, result: task.toUpperCase() }), task === 'slow' ? 200 : 10);
      });
    `);
    const r = await run(['slow', 'x', 'y', 'z'], url, { jobs: 1, timeoutMs: 5000 });
    expect(r.failures).toEqual([]);
    expect(r.results).toEqual(['slow=SLOW', 'x=X', 'y=Y', 'z=Z']);
  });
});
