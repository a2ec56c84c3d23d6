// A small pool of worker threads that run one task at a time each.
// A task that takes too long, crashes its worker or runs it out of memory is
// reported as failed and its worker replaced, so one bad input cannot stop the run.
// A worker that cannot even start (a missing module, a syntax error) is a broken
// installation, not a bad input: that aborts the whole run with one clear error.
import { parentPort, Worker } from 'node:worker_threads';

/** The first message every worker sends, once its modules have loaded. */
export const WORKER_READY = 'kg-worker-ready';

/** For worker scripts: announce that loading succeeded. */
export function signalWorkerReady(): void {
  parentPort?.postMessage(WORKER_READY);
}

export class WorkerStartError extends Error {
  constructor(cause: string) {
    super(`extraction worker could not start: ${cause}`);
    this.name = 'WorkerStartError';
  }
}

export interface PoolOptions<Task, Result> {
  /** The worker script: it sends WORKER_READY once, then answers each posted task with exactly one message. */
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
  const slotCount = Math.max(1, Math.min(options.jobs, tasks.length));
  let next = 0;
  let aborted = false;
  const live = new Set<Worker>();

  const runSlot = () =>
    new Promise<void>((resolveSlot, rejectSlot) => {
      let worker: Worker | undefined;
      let ready = false;
      let current = -1;
      let timer: NodeJS.Timeout | undefined;

      const spawn = (): Worker => {
        const w = new Worker(options.workerUrl, {
          resourceLimits: options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : undefined,
          stdout: false,
          stderr: false,
        });
        live.add(w);
        ready = false;
        w.on('message', (message: Result | typeof WORKER_READY) => {
          if (w !== worker) return;
          if (!ready && message === WORKER_READY) {
            ready = true;
            return;
          }
          if (current < 0) return;
          const index = current;
          settle();
          options.onResult(tasks[index], index, message as Result);
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

      const retire = (w: Worker) => {
        live.delete(w);
        return w.terminate().catch(() => 0);
      };

      // Reports the task in hand (if any) as failed and replaces the worker.
      const fail = (w: Worker, reason: string) => {
        if (w !== worker) return; // an old worker's late events
        worker = undefined;
        if (aborted) {
          settle();
          resolveSlot();
          return;
        }
        const index = current;
        const started = ready;
        settle();
        void retire(w);
        if (!started && !reason.startsWith('timed out')) {
          aborted = true;
          for (const other of live) void retire(other);
          rejectSlot(new WorkerStartError(reason));
          return;
        }
        if (index >= 0) options.onFailure(tasks[index], index, reason);
        dispatch();
      };

      const dispatch = () => {
        if (aborted || next >= tasks.length) {
          const w = worker;
          worker = undefined;
          if (w) void retire(w).then(() => resolveSlot());
          else resolveSlot();
          return;
        }
        current = next++;
        worker ??= spawn();
        const w = worker;
        timer = setTimeout(() => fail(w, `timed out after ${formatDuration(options.timeoutMs)}`), options.timeoutMs);
        // Posted before WORKER_READY arrives is fine: the worker's port queues it until its listener is attached.
        w.postMessage(tasks[current]);
      };

      dispatch();
    });

  await Promise.all(Array.from({ length: slotCount }, runSlot));
}

function describeWorkerError(err: Error): string {
  if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  return `worker failed: ${err.message.split('\n')[0]}`;
}

const formatDuration = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
