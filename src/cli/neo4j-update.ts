// `kg build --neo4j` on an output folder whose graph it loaded before: update the database by the
// difference between that graph and the new one (src/load/delta.ts) instead of loading it all again.
//
// <out>/neo4j/ remembers the last load: state.json (the server and database, and whether an update is
// under way) and loaded-graph.json (the graph.json that was loaded, a hard link). Each build carries the
// folder over into its staging folder, so it lives as long as the output does. An update first marks the
// state `updating` with the new graph beside it (pending-graph.json): an update cut short is finished by
// the next one, which deletes what either graph had and the newest lacks and writes the newest whole.
//
// Safety: the update runs only when every node in the database (Community nodes aside) lists only documents
// of the graphs this folder loaded (a database that holds another corpus is refused with a message, nothing written). Without a
// state for that server and database (the first load, or another server) the graph is loaded in full,
// as `kg load` would: MERGE, which deletes nothing.
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { resolveConnection, type ConnectionOptions } from '../load/connection.js';
import { applyDelta, foreignNodes, planDelta } from '../load/delta.js';
import { readLoadPlan } from '../load/load.js';
import type { LoadPlan } from '../load/model.js';
import { CliError } from './errors.js';
import { loadBuiltGraph, toCliError } from './commands/load.js';

export const NEO4J_STATE_DIR = 'neo4j';
const STATE_FILE = 'state.json';
const LOADED = 'loaded-graph.json';
const PENDING = 'pending-graph.json';

const State = z.object({
  uri: z.string(),
  database: z.string().nullable(),
  status: z.enum(['loaded', 'updating']),
});
type State = z.infer<typeof State>;

/** Hard link, else copy (a file system without links). */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Brings the previous output's <out>/neo4j/ into a build's staging folder (links: the files are never changed in place). */
export function carryOverNeo4jState(previous: string, staging: string): void {
  const from = path.join(previous, NEO4J_STATE_DIR);
  if (!existsSync(path.join(from, STATE_FILE))) return;
  const to = path.join(staging, NEO4J_STATE_DIR);
  mkdirSync(to);
  for (const name of readdirSync(from)) {
    if (name === STATE_FILE || name === LOADED || name === PENDING) linkOrCopy(path.join(from, name), path.join(to, name));
  }
}

function readState(dir: string): State | undefined {
  try {
    return State.parse(JSON.parse(readFileSync(path.join(dir, STATE_FILE), 'utf8')));
  } catch {
    return undefined;
  }
}

/** Replaces a file of the state folder in one rename, so that a kill leaves the old or the new one. */
function writeStateFile(dir: string, name: string, write: (tmp: string) => void): void {
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  rmSync(tmp, { force: true });
  write(tmp);
  renameSync(tmp, path.join(dir, name));
}

function recordState(dir: string, state: State, graphFile: string, asName: string): void {
  mkdirSync(dir, { recursive: true });
  writeStateFile(dir, asName, (tmp) => linkOrCopy(graphFile, tmp));
  writeStateFile(dir, STATE_FILE, (tmp) => writeFileSync(tmp, `${JSON.stringify(state)}\n`, 'utf8'));
}

const documentsOf = (plan: LoadPlan): string[] => plan.nodeGroups.filter((g) => g.type === 'Document').flatMap((g) => g.rows.map((r) => r.name));

/** Loads or updates the database with <outDir>/graph.json; one summary line on stderr. */
export async function updateNeo4j(outDir: string, options: ConnectionOptions, log: (line: string) => void = (l) => void process.stderr.write(`${l}\n`)): Promise<void> {
  const conn = resolveConnection(options);
  const dir = path.join(outDir, NEO4J_STATE_DIR);
  const graphFile = path.join(outDir, 'graph.json');
  const state = readState(dir);
  const database = conn.database ?? null;
  const sameTarget = state && state.uri === conn.uri && state.database === database && existsSync(path.join(dir, LOADED));
  const fullLoad = async () => {
    await loadBuiltGraph(outDir, options);
    recordState(dir, { uri: conn.uri, database, status: 'loaded' }, graphFile, LOADED);
    rmSync(path.join(dir, PENDING), { force: true });
  };
  if (!sameTarget) return fullLoad();

  try {
    const next = await readLoadPlan(graphFile);
    const previous = [await readLoadPlan(path.join(dir, LOADED))];
    if (state.status === 'updating' && existsSync(path.join(dir, PENDING))) previous.push(await readLoadPlan(path.join(dir, PENDING)));

    const ours = [...new Set(previous.flatMap(documentsOf))];
    const held = await foreignNodes(options, ours);
    // Emptied since the last load: nothing to update, load it all.
    if (held.nodes === 0) return await fullLoad();
    if (held.foreign > 0) {
      throw new CliError(
        `kg build: not updating Neo4j at ${conn.uri}: it holds ${held.foreign} node(s) with documents that ${outDir} did not load `
        + `(${held.examples.map((d) => JSON.stringify(d)).join(', ')}${held.foreign > held.examples.length ? ', …' : ''}), so the update could delete or overwrite what another load wrote. `
        + `The build itself is complete. To merge the graph in without deleting anything run \`kg load ${graphFile}\`; `
        + 'to replace the database\'s contents, empty it and run the build with --neo4j again', 1);
    }
    // The database holds exactly the graph loaded last (by its documents) unless an update was cut short
    // or someone deleted part of it: then every node and relationship of the new graph is written.
    const exact = state.status === 'loaded' && held.documents === ours.length;
    const delta = planDelta(previous, next, !exact);

    recordState(dir, { uri: conn.uri, database, status: 'updating' }, graphFile, PENDING);
    const stats = await applyDelta(delta, options, log);
    recordState(dir, { uri: conn.uri, database, status: 'loaded' }, graphFile, LOADED);
    rmSync(path.join(dir, PENDING), { force: true });
    const c = stats.counts;
    log(`updated Neo4j at ${conn.uri} in ${stats.seconds.toFixed(1)} s: deleted ${c.deletedNodes} nodes and ${c.deletedRels} relationships, `
      + `wrote ${c.writtenNodes} nodes and ${c.writtenRels} relationships (new or changed), moved ${c.movedNodes} nodes to another community, `
      + `left ${c.unchangedNodes} nodes and ${c.unchangedRels} relationships as they were`);
  } catch (err) {
    throw toCliError(err);
  }
}
