// Per-phase figures of a build for the benchmark: with ZHENGKG_PHASES=<file>, each phase appends one JSON
// line to that file (name, seconds since the start, wall and CPU seconds of the phase, RSS and heap now).
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export type PhaseLogger = (name: string) => void;

export function phaseLogger(startedMs: number, file = process.env.ZHENGKG_PHASES): PhaseLogger {
  if (!file) return () => {};
  let lastMs = startedMs;
  let lastCpu = process.cpuUsage();
  return (name) => {
    const now = performance.now();
    const cpu = process.cpuUsage(lastCpu);
    const memory = process.memoryUsage();
    appendFileSync(file, `${JSON.stringify({
      phase: name, at: (now - startedMs) / 1000, seconds: (now - lastMs) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6,
      rssMb: memory.rss / 2 ** 20, heapMb: memory.heapUsed / 2 ** 20, externalMb: (memory.external + memory.arrayBuffers) / 2 ** 20,
    })}\n`);
    lastMs = now;
    lastCpu = process.cpuUsage();
  };
}
