// The compiled `kg` command as a child process, for the tests that run it the way a user does.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const kgBin = path.join(repoRoot, 'bin/kg.mjs');

export interface Run { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }
export interface KgChild { child: ChildProcess; done: Promise<Run>; stderrSoFar: () => string }
export interface KgOptions { cwd?: string; env?: NodeJS.ProcessEnv; onStderr?: (chunk: string) => void }

export function startKg(args: string[], options: KgOptions = {}): KgChild {
  const child = spawn(process.execPath, [kgBin, ...args], {
    cwd: options.cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env },
  });
  let stdout = '', stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    options.onStderr?.(String(d));
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done, stderrSoFar: () => stderr };
}

export const runKg = (args: string[], options: KgOptions = {}): Promise<Run> => startKg(args, options).done;
