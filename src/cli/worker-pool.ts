// A small pool of worker threads that run one task at a time each.
// A task that takes too long, crashes its worker or runs it out of memory
// is reported as failed and its worker replaced, so one bad input cannot stop the run.
import { Worker } from 'node:worker_threads';

export interface PoolOptions<Task, Result> {
  /** The worker script: it answers each posted task with exactly one message. */
  workerUrl: URL;
  jobs: number;
  /** Per-task time limit; the worker is terminated and replaced when it is exceeded. */
  timeoutMs: number;
  /** Heap limit per worker, so a pathological document fails alone instead of starving the machine. */
  maxHeapMb?: number;
  onResult: (task: Task, index: number, result: Result) => void;
  onFailure: (task: Task, index: number, reason: string) => void;
}

export async function runPool<Task, Result>(tasks: readonly Task[], options: PoolOptions<Task, Result>): Promise<void> {
  if (tasks.length === 0) return;
  const slots = Math.max(1, Math.min(options.jobs, tasks.length));
  let next = 0;

  const runSlot = () =>
    new Promise<void>((resolveSlot) => {
      let worker: Worker | undefined;
      let current = -1;
      let timer: NodeJS.Timeout | undefined;

      const spawn = (): Worker => {
        const w = new Worker(options.workerUrl, {
          resourceLimits: options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : undefined,
          stdout: false,
          stderr: false,
        });
        w.on('message', (message: Result) => {
          if (w !== worker || current < 0) return;
          const index = current;
          settle();
          options.onResult(tasks[index], index, message);
          dispatch();
        });
        w.on('error', (err: Error) => fail(w, describeWorkerError(err)));
        w.on('exit', (code) => fail(w, `worker stopped unexpectedly (exit code ${code})`));
        return w;
      };

      const settle = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        current = -1;
      };

      // Reports the task in hand (if any) as failed and replaces the worker.
      const fail = (w: Worker, reason: string) => {
        if (w !== worker) return; // an old worker's late events
        worker = undefined;
        const index = current;
        settle();
        void w.terminate();
        if (index >= 0) options.onFailure(tasks[index], index, reason);
        dispatch();
      };

      const dispatch = () => {
        if (next >= tasks.length) {
          const w = worker;
          worker = undefined;
          if (w) void w.terminate().then(() => resolveSlot(), () => resolveSlot());
          else resolveSlot();
          return;
        }
        current = next++;
        worker ??= spawn();
        const w = worker;
        timer = setTimeout(() => fail(w, `timed out after ${formatDuration(options.timeoutMs)}`), options.timeoutMs);
        w.postMessage(tasks[current]);
      };

      dispatch();
    });

  await Promise.all(Array.from({ length: slots }, runSlot));
}

function describeWorkerError(err: Error): string {
  if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  return `worker failed: ${err.message.split('\n')[0]}`;
}

const formatDuration = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
