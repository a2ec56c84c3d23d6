// The local server that `npm run neo4j:start` runs: where it listens and how to log in, read from
// its home (.neo4j/, or $ZHENGKG_NEO4J_HOME), so that no command needs to be told again.
//   <home>/server.json  written by the server once it is ready: {pid, bolt, http, user, home, bulkImport}
//   <home>/password     the password it set on first start (0600); a later start never changes it
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The repository: this file is src/load/ or dist/load/, two levels below it. */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const ServerState = z.object({
  pid: z.number().int().positive(),
  bolt: z.string(),
  http: z.string(),
  user: z.string(),
  home: z.string(),
  /** The request file through which the server runs the bulk importer in its JVM (neo4j-server's BulkImport); absent in older servers. */
  bulkImport: z.string().optional(),
});
export type ServerState = z.infer<typeof ServerState>;

export interface LocalServer extends ServerState {
  /** undefined when the file is missing or unreadable. */
  password?: string;
  passwordFile: string;
}

/** Resolved like scripts/neo4j.mjs resolves it: relative to the repository, not to the working directory. */
export function localServerHome(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(repoRoot, env.ZHENGKG_NEO4J_HOME || '.neo4j');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, which is not our server either.
    return false;
  }
}

/** The password file's content without its line end, or undefined. */
export function readPasswordFile(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/**
 * The running local server, or undefined when its state file is missing, unreadable or left
 * behind by a process that is gone (a server killed with SIGKILL never removes it).
 */
export function findLocalServer(env: NodeJS.ProcessEnv = process.env): LocalServer | undefined {
  const home = localServerHome(env);
  let state: ServerState;
  try {
    state = ServerState.parse(JSON.parse(readFileSync(path.join(home, 'server.json'), 'utf8')));
  } catch {
    return undefined;
  }
  if (!alive(state.pid)) return undefined;
  const passwordFile = path.join(home, 'password');
  const password = readPasswordFile(passwordFile);
  return { ...state, passwordFile, ...(password !== undefined ? { password } : {}) };
}
