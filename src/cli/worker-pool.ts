// A small pool of worker threads. Each worker can be given more than one task at a time (tasksPerWorker)
// and works through them one after another, so it starts the next task the moment it answers one instead
// of sitting idle while the main thread handles the answer and posts more work.
// A task that takes too long, crashes its worker or runs it out of memory is reported as failed and its
// worker replaced, so one bad input cannot stop the run. The other tasks that were waiting on that worker
// did nothing wrong: they are run again, each alone on a worker, so that they are not lost and that a
// failure is only ever reported for the task that caused it.
// A worker that cannot even start (a missing module, a syntax error) is a broken installation, not a bad
// input: that aborts the whole run with one clear error.
import { parentPort, Worker } from 'node:worker_threads';

/** The first message every worker sends, once its modules have loaded. */
export const WORKER_READY = 'kg-worker-ready';

/** Key of a reply envelope: the sequence number of the task it answers (see serveTasks). */
const REPLY_TO = 'kgReplyTo';

interface Reply<Result> { [REPLY_TO]: number; result: Result }

const isReply = (message: unknown): message is Reply<unknown> =>
  typeof message === 'object' && message !== null && typeof (message as Record<string, unknown>)[REPLY_TO] === 'number';

/** For worker scripts: announce that loading succeeded. */
export function signalWorkerReady(): void {
  parentPort?.postMessage(WORKER_READY);
}

/**
 * For worker scripts: answers the pool's tasks one at a time, in the order they were posted, each reply
 * carrying the task's sequence number on this worker (a port keeps message order, so the n-th message
 * received is the n-th task the pool posted here). Sends WORKER_READY first. `handle` should not throw:
 * a rejection stops the worker, and the pool reports the task as failed.
 */
export function serveTasks<Task, Result>(handle: (task: Task) => Result | Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks() must run in a worker thread');
  let received = 0;
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (task: Task) => {
    const seq = received++;
    queue = queue.then(async () => {
      const result = await handle(task);
      port.postMessage({ [REPLY_TO]: seq, result } satisfies Reply<Result>);
    });
  });
  signalWorkerReady();
}

export class WorkerStartError extends Error {
  constructor(cause: string) {
    super(`extraction worker could not start: ${cause}`);
    this.name = 'WorkerStartError';
  }
}

export interface PoolOptions<Task, Result> {
  /**
   * The worker script: it sends WORKER_READY once, then answers each posted task with exactly one message,
   * one task after another in the order posted. serveTasks() does all that; a script that answers with
   * bare messages (not serveTasks' envelopes) must answer in order.
   */
  workerUrl: URL;
  jobs: number;
  /**
   * Per-task time limit (one for all, or one per task), counted from when the task is the next one its
   * worker answers; the worker is terminated and replaced when it is exceeded.
   */
  timeoutMs: number | ((task: Task) => number);
  /** Heap limit per worker, so a pathological document fails alone instead of starving the machine. */
  maxHeapMb?: number;
  /**
   * Tasks posted to a worker ahead of its answers (default 1: one at a time). More than one needs a worker
   * that answers through serveTasks(), whose replies name their task: a bare answer is taken to be the
   * oldest task's, which would be wrong after a task that never answers.
   */
  tasksPerWorker?: number;
  onResult: (task: Task, index: number, result: Result) => void;
  onFailure: (task: Task, index: number, reason: string) => void;
}

interface Posted {
  index: number;
  /** Sequence number of the task on its worker. */
  seq: number;
  /** Run again after another task's failure: it has its worker to itself, so any failure is its own. */
  alone: boolean;
}

interface Slot {
  worker?: Worker;
  ready: boolean;
  sent: number;
  /** Posted and not yet answered, oldest first: the first is the one the worker is on. */
  posted: Posted[];
  timer?: NodeJS.Timeout;
  /** The worker's 'error', kept until its 'exit' (by then every message it sent has been delivered). */
  error?: string;
}

export async function runPool<Task, Result>(tasks: readonly Task[], options: PoolOptions<Task, Result>): Promise<void> {
  if (tasks.length === 0) return;
  const slotCount = Math.max(1, Math.min(options.jobs, tasks.length));
  const depth = Math.max(1, Math.floor(options.tasksPerWorker ?? 1));

  return new Promise<void>((resolve, reject) => {
    let next = 0; // the next task never posted
    const again: number[] = []; // innocent tasks of a lost worker, to run again alone
    let unreported = tasks.length;
    let finished = false;
    const live = new Set<Worker>();
    const slots: Slot[] = Array.from({ length: slotCount }, () => ({ ready: false, sent: 0, posted: [] }));

    const retire = (w: Worker) => {
      live.delete(w);
      return w.terminate().catch(() => 0);
    };

    const finish = (error?: Error) => {
      if (finished) return;
      finished = true;
      for (const slot of slots) stopTimer(slot);
      const stopping = [...live].map(retire);
      if (error) reject(error);
      else void Promise.all(stopping).then(() => resolve());
    };

    const report = (notify: () => void) => {
      unreported--;
      notify();
      if (unreported === 0) finish();
    };

    const stopTimer = (slot: Slot) => {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = undefined;
    };

    // The clock runs for the task the worker is on; the next one's starts when that one is answered.
    const startTimer = (slot: Slot) => {
      stopTimer(slot);
      if (slot.posted.length === 0 || !slot.worker) return;
      const w = slot.worker;
      const limit = typeof options.timeoutMs === 'number' ? options.timeoutMs : options.timeoutMs(tasks[slot.posted[0].index]);
      slot.timer = setTimeout(() => {
        if (slot.worker === w) lose(slot, `timed out after ${formatDuration(limit)}`);
      }, limit);
    };

    const spawn = (slot: Slot): Worker => {
      const w = new Worker(options.workerUrl, {
        resourceLimits: options.maxHeapMb ? { maxOldGenerationSizeMb: options.maxHeapMb } : undefined,
        stdout: false,
        stderr: false,
      });
      live.add(w);
      Object.assign(slot, { worker: w, ready: false, sent: 0, posted: [], error: undefined });
      w.on('message', (message: unknown) => {
        if (slot.worker !== w || finished) return;
        if (!slot.ready && message === WORKER_READY) {
          slot.ready = true;
          return;
        }
        const k = isReply(message) ? slot.posted.findIndex((p) => p.seq === message[REPLY_TO]) : 0;
        if (k < 0 || k >= slot.posted.length) return;
        const [done] = slot.posted.splice(k, 1);
        if (k === 0) startTimer(slot);
        const result = (isReply(message) ? message.result : message) as Result;
        report(() => options.onResult(tasks[done.index], done.index, result));
        pump();
      });
      w.on('error', (err: Error) => {
        if (slot.worker === w) slot.error ??= describeWorkerError(err);
      });
      w.on('exit', (code) => {
        live.delete(w);
        if (slot.worker === w) lose(slot, slot.error ?? `worker stopped unexpectedly (exit code ${code})`);
      });
      return w;
    };

    // The worker failed or timed out: the task it was on failed; the others posted to it are run again.
    const lose = (slot: Slot, reason: string) => {
      const w = slot.worker;
      if (!w) return;
      stopTimer(slot);
      const [culprit, ...innocent] = slot.posted;
      const started = slot.ready;
      Object.assign(slot, { worker: undefined, posted: [], error: undefined });
      void retire(w);
      if (finished) return;
      if (!started && !reason.startsWith('timed out')) {
        finish(new WorkerStartError(reason));
        return;
      }
      again.push(...innocent.map((p) => p.index));
      if (culprit) report(() => options.onFailure(tasks[culprit.index], culprit.index, reason));
      pump();
    };

    const post = (slot: Slot, index: number, alone: boolean) => {
      const w = slot.worker ?? spawn(slot);
      slot.posted.push({ index, seq: slot.sent++, alone });
      if (slot.posted.length === 1) startTimer(slot);
      // Posted before WORKER_READY arrives is fine: the worker's port queues it until its listener is attached.
      w.postMessage(tasks[index]);
    };

    const fill = (slot: Slot) => {
      for (;;) {
        const busy = slot.posted.length;
        if (busy >= depth || slot.posted.some((p) => p.alone)) return;
        if (again.length > 0) {
          if (busy > 0) return; // a task run again gets a worker to itself
          post(slot, again.shift()!, true);
        } else if (next < tasks.length && (busy === 0 || tasks.length - next >= slotCount)) {
          // Near the end, one task per worker, so that no task waits behind another while a worker is idle.
          post(slot, next++, false);
        } else {
          if (busy === 0 && slot.worker && next >= tasks.length) {
            const w = slot.worker;
            slot.worker = undefined;
            void retire(w);
          }
          return;
        }
      }
    };

    const pump = () => {
      if (finished) return;
      for (const slot of slots) fill(slot);
    };

    pump();
  });
}

function describeWorkerError(err: Error): string {
  if ((err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'out of memory';
  return `worker failed: ${err.message.split('\n')[0]}`;
}

const formatDuration = (ms: number): string => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);
