// kg build and the user's files (issue #13, items 5–8): it never deletes what it did not make, its outputs
// appear whole or not at all (also when it is killed), killing it leaves nothing running, and links out of
// the input folders are not followed unless asked. Runs the real compiled `kg` (test/kg-process.ts).
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate.mjs';
import { OUTPUT_MARKER, OutputFolder } from '../../src/cli/output-folder.js';
import { runKg, startKg, type Run } from '../kg-process.js';
import { root } from './helpers.js';

const examples = path.join(root, 'examples');

let work: string;
/** A generated corpus that takes a few seconds to build with one worker: long enough to kill a build in the middle. */
let slowCorpus: string;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'kg-user-files-'));
  slowCorpus = path.join(work, 'slow');
  generateCorpus({ dir: slowCorpus, targetBytes: 2 * 1024 * 1024, seed: 3 });
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file under dir (hidden ones too) → a hash of its bytes. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[path.relative(dir, p)] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

/** What kg build leaves next to an output folder while it works (staging, a result moved aside). */
const leftovers = (out: string) => readdirSync(path.dirname(out)).filter((n) => n.startsWith(`.${path.basename(out)}.kg-`));

/** Died of the signal, or exited with the shell's code for it (128 + its number), as kg does once it has cleaned up. */
const stoppedBy = (r: Run, signal: NodeJS.Signals) => r.signal === signal || r.code === 128 + os.constants.signals[signal];

const errorLines = (stderr: string) => stderr.trim().split('\n').filter((l) => l !== '');

/** A fresh folder under the work folder. */
function fresh(name: string): string {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A previous, complete build of the examples into <dir>/out, and what it holds. */
async function previousResult(dir: string): Promise<{ out: string; before: Record<string, string> }> {
  const out = path.join(dir, 'out');
  const r = await runKg(['build', examples, '--out', out], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return { out, before: snapshot(out) };
}

function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000, everyMs = 2): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      let value: T | undefined;
      try {
        value = probe();
      } catch {
        value = undefined;
      }
      if (value !== undefined && value !== false) return resolve(value);
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, everyMs);
    };
    tick();
  });
}

/** Resolves once a build whose TMPDIR is `tmp` has spooled a few records: extraction is under way. */
const extracting = (tmp: string) => waitFor('extraction to start', () => {
  const spool = readdirSync(tmp).find((n) => n.startsWith('zhengkg-records-'));
  return spool && statSync(path.join(tmp, spool, 'records.jsonl')).size > 20_000 ? true : undefined;
}, 60_000, 10);

// ---------------------------------------------------------------------------------------------

describe('kg build never deletes what it did not make (item 5)', () => {
  it('refuses kg build p/texts --out p with one line and exit 1, and p/texts stays as it was', async () => {
    const dir = fresh('texts-as-input');
    const { out, before } = await previousResult(dir);
    const r = await runKg(['build', 'out/texts', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual(['kg build: input out/texts lies inside the output folder out, which the build replaces; choose another --out']);
    expect(snapshot(out)).toEqual(before);
  });

  it('refuses kg build corpus --out corpus, and corpus/texts/ (the user\'s) stays', async () => {
    const dir = fresh('corpus-as-output');
    const corpus = path.join(dir, 'corpus');
    cpSync(examples, path.join(corpus, 'texts'), { recursive: true });
    const before = snapshot(corpus);
    const r = await runKg(['build', 'corpus', '--out', 'corpus'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual(['kg build: input corpus lies inside the output folder corpus, which the build replaces; choose another --out']);
    expect(snapshot(corpus)).toEqual(before);
  });

  it('refuses a non-empty folder it did not write; an empty one it writes into and marks', async () => {
    const dir = fresh('foreign-output');
    const foreign = path.join(dir, 'mine');
    mkdirSync(path.join(foreign, 'texts'), { recursive: true });
    writeFileSync(path.join(foreign, 'texts', 'notes.txt'), '我的笔记');
    writeFileSync(path.join(foreign, 'graph.json'), '{"mine":true}');
    const before = snapshot(foreign);
    const r = await runKg(['build', examples, '--out', 'mine'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(errorLines(r.stderr)).toEqual([`kg build: --out mine is a folder kg build did not write (no ${OUTPUT_MARKER} in it) and is not empty; choose a new or empty folder`]);
    expect(snapshot(foreign)).toEqual(before);

    mkdirSync(path.join(dir, 'empty'));
    const ok = await runKg(['build', examples, '--out', 'empty'], { cwd: dir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(path.join(dir, 'empty', OUTPUT_MARKER))).toBe(true);
    expect(existsSync(path.join(dir, 'empty', 'graph.json'))).toBe(true);
  });

  it('replaces its own output whole: texts of documents no longer read are gone', async () => {
    const dir = fresh('own-output');
    const { out } = await previousResult(dir);
    expect(readdirSync(path.join(out, 'texts')).sort()).toEqual(readdirSync(examples).sort());
    const r = await runKg(['build', path.join(examples, 'wuhu-fengong.txt'), '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'texts'))).toEqual(['wuhu-fengong.txt']);
    expect(leftovers(out)).toEqual([]);
  });

  it('does not read its own output folder when it lies inside the input folder', async () => {
    const dir = fresh('output-inside-input');
    cpSync(examples, path.join(dir, 'corpus'), { recursive: true });
    const first = await runKg(['build', 'corpus', '--out', 'corpus/out'], { cwd: dir });
    const second = await runKg(['build', 'corpus', '--out', 'corpus/out'], { cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/^read 3 documents \(0 skipped\)/m);
  });
});

describe('outputs appear whole or not at all (item 6)', () => {
  it('a build that reads nothing leaves the previous result as it was', async () => {
    const dir = fresh('failed-build');
    const { out, before } = await previousResult(dir);
    mkdirSync(path.join(dir, 'bad'));
    writeFileSync(path.join(dir, 'bad', 'empty.txt'), '');
    const r = await runKg(['build', 'bad', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('SIGTERM during extraction: the previous result stays whole; staging folder and record spool are removed', async () => {
    const dir = fresh('sigterm-extraction');
    const { out, before } = await previousResult(dir);
    const tmp = fresh('sigterm-extraction-tmp');
    // ZHENGKG_HEAP_SET: no re-run with a bigger heap, so the signal goes straight to the build.
    const kg = startKg(['build', slowCorpus, '--out', 'out', '--jobs', '1'], { cwd: dir, env: { TMPDIR: tmp, ZHENGKG_HEAP_SET: '1' } });
    await extracting(tmp);
    expect(leftovers(out)).toHaveLength(1); // the staging folder, being written
    expect(readdirSync(tmp).filter((n) => n.startsWith('zhengkg-records-'))).toHaveLength(1);
    kg.child.kill('SIGTERM');
    const r = await kg.done;
    expect(stoppedBy(r, 'SIGTERM'), `${r.code} ${r.signal}: ${r.stderr}`).toBe(true);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it('SIGINT does the same', async () => {
    const dir = fresh('sigint-extraction');
    const { out, before } = await previousResult(dir);
    const tmp = fresh('sigint-extraction-tmp');
    const kg = startKg(['build', slowCorpus, '--out', 'out', '--jobs', '1'], { cwd: dir, env: { TMPDIR: tmp, ZHENGKG_HEAP_SET: '1' } });
    await extracting(tmp);
    kg.child.kill('SIGINT');
    const r = await kg.done;
    expect(stoppedBy(r, 'SIGINT'), `${r.code} ${r.signal}: ${r.stderr}`).toBe(true);
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it('SIGKILL while the graph files are written: the previous result stays whole, and the next run clears what was left', async () => {
    const dir = fresh('sigkill-writing');
    const { out, before } = await previousResult(dir);
    const kg = startKg(['build', slowCorpus, '--out', 'out', '--jobs', '2'], { cwd: dir, env: { ZHENGKG_HEAP_SET: '1' } });
    // graph.json appears in the staging folder when the reduce step starts writing.
    const staging = await waitFor('graph.json in the staging folder', () =>
      leftovers(out).map((n) => path.join(dir, n)).find((s) => existsSync(path.join(s, 'graph.json'))), 120_000, 1);
    kg.child.kill('SIGKILL');
    const r = await kg.done;
    expect(r.signal, r.stderr).toBe('SIGKILL');
    expect(snapshot(out)).toEqual(before);
    expect(existsSync(staging)).toBe(true); // nothing can clean up after SIGKILL …

    const next = await runKg(['build', path.join(examples, 'wuhu-fengong.txt'), '--out', 'out'], { cwd: dir });
    expect(next.code, next.stderr).toBe(0);
    expect(leftovers(out)).toEqual([]); // … but the next build into the same folder does
    expect(readdirSync(path.join(out, 'texts'))).toEqual(['wuhu-fengong.txt']);
  }, 180_000);

  it('puts back a previous result that a swap killed half-way had moved aside', async () => {
    const dir = fresh('half-swapped');
    const { out, before } = await previousResult(dir);
    // What a kill between the swap's two renames leaves: the old result moved aside, the target missing.
    const aside = path.join(dir, '.out.kg-old-999999999-0a1b2c');
    cpSync(out, aside, { recursive: true });
    rmSync(out, { recursive: true });
    await new OutputFolder(out).recover();
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });
});

/** Processes whose parent is `pid` and that are not zombies. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(ppid) === pid && state !== 'Z') found.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

const running = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('killing kg leaves nothing running (item 7)', () => {
  // ZHENGKG_HEAP_MB: a heap well above Node's default, so bin/kg.mjs re-runs itself in a child process.
  const env = (tmp: string) => ({ TMPDIR: tmp, ZHENGKG_HEAP_MB: '12000' });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGKILL'] as const) {
    it(`${signal} to kg: its re-run child stops too, and the previous result stays whole`, async () => {
      const dir = fresh(`launcher-${signal}`);
      const { out, before } = await previousResult(dir);
      const tmp = fresh(`launcher-${signal}-tmp`);
      const kg = startKg(['build', slowCorpus, '--out', 'out', '--jobs', '1'], { cwd: dir, env: env(tmp) });
      await extracting(tmp);
      const [child] = childrenOf(kg.child.pid!);
      expect(child, 'bin/kg.mjs re-ran itself with a bigger heap').toBeDefined();
      kg.child.kill(signal);
      const r = await kg.done;
      expect(stoppedBy(r, signal), `${r.code} ${r.signal}: ${r.stderr}`).toBe(true);
      await waitFor('the child to stop', () => !running(child) || undefined, 30_000, 50);
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
      expect(readdirSync(tmp)).toEqual([]);
    }, 120_000);
  }
});

describe('symlinks out of the input folders (item 8)', () => {
  it('are skipped and reported by default, and read with --follow-external-links', async () => {
    const dir = fresh('links');
    const outside = path.join(dir, 'outside');
    mkdirSync(path.join(outside, 'more'), { recursive: true });
    writeFileSync(path.join(outside, 'secret.txt'), '机密：市长周明远主持会议。\n');
    writeFileSync(path.join(outside, 'more', 'other.txt'), '机密：副市长顾长风出席会议。\n');
    const corpus = path.join(dir, 'corpus');
    cpSync(examples, corpus, { recursive: true });
    symlinkSync(path.join(outside, 'secret.txt'), path.join(corpus, 'passwd.txt'));
    symlinkSync(path.join(outside, 'more'), path.join(corpus, 'elsewhere'));
    symlinkSync('wuhu-fengong.txt', path.join(corpus, 'inside.txt')); // inside the input folder: followed as before

    const r = await runKg(['build', 'corpus', '--out', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const skips = errorLines(r.stderr).filter((l) => l.startsWith('skip '));
    expect(skips).toEqual([
      `skip corpus/elsewhere: symlink to ${path.join(outside, 'more')}, outside the input folders (--follow-external-links reads it)`,
      `skip corpus/passwd.txt: symlink to ${path.join(outside, 'secret.txt')}, outside the input folders (--follow-external-links reads it)`,
    ]);
    expect(readdirSync(path.join(dir, 'out', 'texts')).sort()).toEqual(['inside.txt', 'wuhu-npc-opening.txt', 'wuhu-work-report-industry.html']);
    expect(readFileSync(path.join(dir, 'out', 'report.md'), 'utf8')).toContain('| corpus/passwd.txt | symlink to ');

    const followed = await runKg(['build', 'corpus', '--out', 'out', '--follow-external-links'], { cwd: dir });
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.stderr).not.toMatch(/^skip /m);
    expect(readFileSync(path.join(dir, 'out', 'texts', 'passwd.txt'), 'utf8')).toContain('机密');
    expect(readFileSync(path.join(dir, 'out', 'texts', 'other.txt'), 'utf8')).toContain('机密');
  });
});
