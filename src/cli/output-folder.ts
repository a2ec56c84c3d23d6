// The folder `kg build` writes (--out), replaced whole and only when it is kg's own.
//
// Everything is written into a staging folder next to the target (same file system, so the swap is a
// rename) and swapped in when complete: after a kill or a failure the target holds the complete old result
// or the complete new one, never a mix, and never a graph.json pointing at texts that are gone. A folder is
// kg's own when it carries the marker file; kg never replaces or deletes a folder without it.
import { existsSync, lstatSync, readdirSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './errors.js';

export const OUTPUT_MARKER = '.zhengkg-output';
const MARKER_TEXT =
  'This folder was written by `kg build` (zhengkg). A later `kg build --out` into it replaces it whole;\n' +
  'kg build never replaces or deletes a folder that does not hold this file.\n';

export const isOwnOutput = (dir: string): boolean => existsSync(path.join(dir, OUTPUT_MARKER));

const isInside = (child: string, parent: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** The real path of `p` when it exists, else `p` made absolute. */
function realOrResolved(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

export class OutputFolder {
  /** The target's real location (a --out that is a link to a folder names the folder). */
  readonly target: string;
  private readonly parent: string;
  private readonly prefix: string;

  constructor(out: string) {
    this.target = realOrResolved(out);
    this.parent = path.dirname(this.target);
    this.prefix = `.${path.basename(this.target)}.kg-`;
  }

  /**
   * Refuses (CliError, one line) a target kg may not replace: something that is not a folder, a folder
   * kg did not write that is not empty, or one that holds an input (the build would replace what it reads).
   */
  check(inputs: readonly string[], label: string): void {
    let info;
    try {
      info = lstatSync(this.target);
    } catch {
      return; // not there yet: nothing to lose
    }
    if (!info.isDirectory()) throw new CliError(`kg build: --out ${label} exists and is not a folder`, 1);
    for (const input of inputs) {
      if (isInside(realOrResolved(input), this.target)) {
        throw new CliError(`kg build: input ${input} lies inside the output folder ${label}, which the build replaces; choose another --out`, 1);
      }
    }
    if (!isOwnOutput(this.target) && readdirSync(this.target).length > 0) {
      throw new CliError(`kg build: --out ${label} is a folder kg build did not write (no ${OUTPUT_MARKER} in it) and is not empty; choose a new or empty folder`, 1);
    }
  }

  /** Refuses an input file that is, or resolves to, a file inside the target (a link into it, say). */
  checkInputFile(file: string, label: string): void {
    if (existsSync(this.target) && isInside(realOrResolved(file), this.target)) {
      throw new CliError(`kg build: input ${file} lies inside the output folder ${label}, which the build replaces; choose another --out`, 1);
    }
  }

  /**
   * Removes what killed runs left next to the target: staging folders (incomplete, so dropped) and a
   * previous result moved aside for a swap that never finished (put back if the target is missing).
   * Only names this class makes, with the process id of a process that is gone, are touched.
   */
  async recover(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.parent);
    } catch {
      return;
    }
    for (const name of names) {
      const m = name.startsWith(this.prefix) ? /^(staging|old)-(\d+)-/.exec(name.slice(this.prefix.length)) : null;
      if (!m || processAlive(Number(m[2]))) continue;
      const leftover = path.join(this.parent, name);
      if (m[1] === 'old' && !existsSync(this.target) && isOwnOutput(leftover)) await rename(leftover, this.target);
      else await rm(leftover, { recursive: true, force: true });
    }
  }

  /** A new, marked, empty staging folder next to the target. */
  async stage(): Promise<string> {
    await mkdir(this.parent, { recursive: true });
    // mkdir rather than mkdtemp: the folder becomes the output, with the permissions the user's umask gives.
    const staging = path.join(this.parent, `${this.prefix}staging-${process.pid}-${randomBytes(6).toString('hex')}`);
    await mkdir(staging);
    await writeFile(path.join(staging, OUTPUT_MARKER), MARKER_TEXT, 'utf8');
    return staging;
  }

  /** Puts a complete staging folder in the target's place and removes the previous result. */
  commit(staging: string): void {
    // Two renames: rename(2) cannot put a folder over a non-empty one. A kill between them leaves the
    // previous result under .<name>.kg-old-…; recover() puts it back on the next run.
    let previous: string | undefined;
    if (existsSync(this.target)) {
      previous = path.join(this.parent, `${this.prefix}old-${process.pid}-${path.basename(staging).split('-').at(-1)}`);
      renameSync(this.target, previous);
    }
    renameSync(staging, this.target);
    if (previous) rmSync(previous, { recursive: true, force: true });
  }

  /** Drops a staging folder (synchronous: also called from a signal handler on the way out). */
  static discard(staging: string): void {
    // Extraction workers may still be writing texts into it when a signal arrives: moved aside first, the
    // folder gets no new file while it is removed (a file created mid-removal made rmdir fail, ENOTEMPTY).
    // The new name still reads as a staging folder, so recover() drops it if even this removal is cut short.
    let doomed = staging;
    try {
      renameSync(staging, `${staging}-discarded`);
      doomed = `${staging}-discarded`;
    } catch {
      // Already gone, or not movable: removed where it is.
    }
    rmSync(doomed, { recursive: true, force: true, maxRetries: 3 });
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
