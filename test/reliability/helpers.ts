// Shared by the reliability tests: a synthetic exported graph of any size, a Neo4j instance of
// their own (separate home and ports, so killing it never disturbs test/neo4j), and `kg` as a child process.
import { startKg as startProcess } from '../kg-process.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExportedGraph } from '../../src/graph/contract.js';
import { findLocalServer, type LocalServer } from '../../src/load/local-server.js';
import { freePort } from '../free-port.js';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ---------------------------------------------------------------------------------------------
// Synthetic graphs

export interface SyntheticOptions {
  /** Entities of each kind are numbered from `from` (inclusive) to `to` (exclusive): two ranges that overlap share entities. */
  from: number;
  to: number;
  /** The document every evidence names; two graphs with different docs merge their evidence lists. */
  doc: string;
  /** Added to every community id, so two graphs can disagree about communities. */
  communityOffset?: number;
}

type Node = ExportedGraph['nodes'][number];
type Edge = ExportedGraph['edges'][number];

const pad = (i: number) => String(i).padStart(6, '0');

/**
 * A valid ExportedGraph with, per index i in [from, to): a Person, an Organization, an Area, an
 * Enterprise and a Project, plus 1 Place per 10 indices; 6 relationships per index (HOLDS_POSITION,
 * OVERSEES, UNDERTAKES, LOCATED_IN, ATTENDS to a shared meeting every 50, and a second HOLDS_POSITION
 * every other index), every one with evidence. Names are deterministic, so the same index in two
 * graphs is the same entity.
 */
export function syntheticGraph(opts: SyntheticOptions): ExportedGraph {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  const keys = new Set<string>();
  let offset = 0;
  const ev = (sentence: string) => {
    const start = offset;
    offset += sentence.length + 1;
    return { doc: opts.doc, start, end: start + sentence.length, text: sentence };
  };
  const community = (i: number) => Math.floor(i / 25) + (opts.communityOffset ?? 0);
  const node = (type: Node['attributes']['type'], name: string, i: number, extra: Partial<Node['attributes']> = {}) => {
    const key = `${type}:${name}`;
    if (keys.has(key)) return key;
    keys.add(key);
    nodes.push({ key, attributes: { type, name, aliases: [`${name}简称`], evidence: [ev(`${name}出现在这里。`), ev(`再次提到${name}。`)], community: community(i), ...extra } });
    return key;
  };
  const edge = (type: Edge['attributes']['type'], source: string, target: string, extra: Partial<Edge['attributes']> = {}) => {
    edges.push({ key: `${type}|${source}|${target}|${extra.title ?? ''}`, source, target, attributes: { type, evidence: [ev(`${source}与${target}的关系。`)], ...extra } });
  };
  for (let i = opts.from; i < opts.to; i++) {
    const p = pad(i);
    const place = node('Place', `合成县${pad(Math.floor(i / 10))}`, i, { level: 'county', code: `34${pad(Math.floor(i / 10))}` });
    const person = node('Person', `测试人${p}`, i);
    const org = node('Organization', `合成局${p}`, i);
    const area = node('Area', `合成事务${p}`, i);
    const ent = node('Enterprise', `合成企业${p}集团`, i);
    const proj = node('Project', `合成项目${p}`, i);
    const meeting = node('Meeting', `合成会议${pad(Math.floor(i / 50))}`, i);
    edge('HOLDS_POSITION', person, org, { title: '局长' });
    if (i % 2 === 0) edge('HOLDS_POSITION', person, org, { title: '党组书记' });
    edge('OVERSEES', person, area, { basis: '分管' });
    edge('UNDERTAKES', ent, proj);
    edge('LOCATED_IN', org, place);
    edge('ATTENDS', person, meeting);
  }
  return { attributes: { communities: 1 }, options: { type: 'directed', multi: false, allowSelfLoops: true }, nodes, edges };
}

// ---------------------------------------------------------------------------------------------
// A Neo4j instance of our own

export interface Instance {
  home: string;
  env: NodeJS.ProcessEnv;
  /** Read from the running server's state file (the last one seen, so they outlive a kill). */
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** Its own password file, for --password-file. */
  readonly passwordFile: string;
}

/** A server of its own under .neo4j/<name>, on ports chosen free when it is first started (startInstance). */
export function reliabilityInstance(name: string): Instance {
  const home = path.join(root, '.neo4j', name);
  const env: NodeJS.ProcessEnv = { ...process.env, ZHENGKG_NEO4J_HOME: home, NEO4J_URI: '', NEO4J_PASSWORD: '' };
  let last: LocalServer | undefined;
  const state = (): LocalServer => {
    const found = findLocalServer(env);
    if (found?.password) last = found;
    if (!last) throw new Error(`no Neo4j server is running under ${home}`);
    return last;
  };
  return {
    home,
    env,
    get uri() { return state().bolt; },
    get user() { return state().user; },
    get password() { return state().password!; },
    passwordFile: path.join(home, 'password'),
  };
}

/** Starts the instance unless it runs; true when this call started it. Later starts reuse its ports. */
export async function startInstance(instance: Instance): Promise<boolean> {
  if (neo4jScript(instance, 'status').status === 0) {
    // Left running by an earlier run: a restart must come back on the same ports.
    instance.env.NEO4J_BOLT_PORT = new URL(instance.uri.replace(/^bolt:/, 'http:')).port;
    instance.env.NEO4J_HTTP_PORT = new URL(findLocalServer(instance.env)!.http).port;
    return false;
  }
  instance.env.NEO4J_BOLT_PORT ??= String(await freePort());
  instance.env.NEO4J_HTTP_PORT ??= String(await freePort());
  const started = neo4jScript(instance, 'start');
  if (started.status !== 0) throw new Error(`could not start the Neo4j instance under ${instance.home} (ZHENGKG_SKIP_NEO4J=1 skips):\n${started.output}`);
  return true;
}

export function neo4jScript(instance: Instance, command: 'start' | 'stop' | 'status'): { status: number | null; output: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/neo4j.mjs'), command], { cwd: root, env: instance.env, encoding: 'utf8' });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** The server's JVM pid, from <home>/neo4j.pid. */
export function serverPid(instance: Instance): number {
  return Number(readFileSync(path.join(instance.home, 'neo4j.pid'), 'utf8').trim());
}

// ---------------------------------------------------------------------------------------------
// kg as a child process

export type { Run, KgChild } from '../kg-process.js';

export function startKg(args: string[], env: NodeJS.ProcessEnv = {}, onStderr?: (chunk: string) => void) {
  return startProcess(args, { env, ...(onStderr ? { onStderr } : {}) });
}

export const runKg = (args: string[], env: NodeJS.ProcessEnv = {}) => startKg(args, env).done;
