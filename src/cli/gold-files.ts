// Reads gold annotations from disk: one gold file, or a folder of them (one per document).
import type { z } from 'zod';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { GoldFile } from '../eval/gold.js';
import { CliError } from './errors.js';

export interface ReadGold { path: string; gold: GoldFile }

/** The first problems of a zod failure as `path: message`, on one line. */
export function describeIssues(err: unknown): string {
  const issues = (err as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues;
  if (issues?.length) return issues.slice(0, 3).map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`).join('; ');
  return String((err as Error)?.message ?? err).split('\n')[0];
}

/** The gold files a path names: the file itself, or the `.json` files of a folder in code-point order. */
export async function goldPaths(target: string): Promise<string[]> {
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new CliError(`${target}: no such gold file or folder`, 1);
  }
  if (!info.isDirectory()) return [target];
  const names = (await readdir(target)).filter((n) => n.toLowerCase().endsWith('.json')).sort();
  if (names.length === 0) throw new CliError(`${target}: the folder holds no .json gold files`, 1);
  return names.map((n) => path.join(target, n));
}

/** Reads a JSON file and validates it with `schema`; a bad one is a one-line error naming the file. */
export async function readValidatedJson<T>(file: string, schema: z.ZodType<T>, kind: string, notA: string): Promise<T> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new CliError(`${file}: cannot read ${kind}: ${String((err as Error).message ?? err).split('\n')[0]}`, 1);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new CliError(`${file}: ${notA}: ${describeIssues(parsed.error)}`, 1);
  return parsed.data;
}

/** Reads and validates one gold file. */
export function readGoldFile(file: string): Promise<GoldFile> {
  return readValidatedJson(file, GoldFile, 'gold', 'not a gold file (docs/gold-format.md)');
}

/** Every gold file under the given files and folders, each validated. */
export async function readGold(targets: readonly string[]): Promise<ReadGold[]> {
  const out: ReadGold[] = [];
  for (const target of targets) {
    for (const file of await goldPaths(target)) out.push({ path: file, gold: await readGoldFile(file) });
  }
  return out;
}
