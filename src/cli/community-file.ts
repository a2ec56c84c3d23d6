// <out>/communities.json: the community number of every entity in the build that wrote the folder, so
// that the next build into it can keep the numbers (src/graph/community-numbers.ts) without parsing the
// previous graph.json (715 MB for the 100 MB bench corpus; this file is 10.5 MB, 1.5 % of that).
//
// Like every output it is written into the staging folder and swapped in with the rest: it always
// describes the graph.json beside it. It is read only from a folder kg build wrote (the marker file).
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CommunityNumbers } from '../graph/community-numbers.js';
import { isOwnOutput } from './output-folder.js';

export const COMMUNITY_FILE = 'communities.json';

/**
 * The numbers the previous build in `dir` left, or why there are none to use (undefined `why` too when
 * there is simply no such file: a first build, or a folder written before this file existed).
 */
export function readCommunityNumbers(dir: string): { numbers?: CommunityNumbers; why?: string } {
  if (!isOwnOutput(dir)) return {};
  let text: string;
  try {
    text = readFileSync(path.join(dir, COMMUNITY_FILE), 'utf8');
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? {} : { why: `cannot read ${COMMUNITY_FILE}: ${(err as Error).message}` };
  }
  try {
    const parsed = CommunityNumbers.safeParse(JSON.parse(text));
    return parsed.success ? { numbers: parsed.data } : { why: `${COMMUNITY_FILE} does not match its schema (${parsed.error.issues[0]?.message})` };
  } catch {
    return { why: `${COMMUNITY_FILE} is not valid JSON` };
  }
}

/** Writes the numbers into a (staging) folder. */
export async function writeCommunityNumbers(dir: string, numbers: CommunityNumbers): Promise<void> {
  await writeFile(path.join(dir, COMMUNITY_FILE), `${JSON.stringify(numbers)}\n`, 'utf8');
}
