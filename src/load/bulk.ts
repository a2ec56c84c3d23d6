// Bulk import: the graph written as Neo4j's import CSV (bulk-csv.ts) and loaded by Neo4j's offline
// importer (`neo4j-admin database import full`) instead of MERGE transactions. Two uses:
//
// - the local server (`npm run neo4j:start`, whose store this tool made): when its database is
//   empty, the server runs the importer in its own JVM (neo4j-server's BulkImport: the database
//   stops, is replaced and starts again; Bolt stays up), then the loader's constraints and indexes
//   are created;
// - any other server (Docker): write the CSV files to a folder and print the command to run.
//
// The importer only ever runs over a database that was just seen empty (no node, no
// relationship) on the local server, and under a lock file so two bulk loads cannot interleave.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { resolveConnection, sessionConfig, withNeo4j, type Connection, type ConnectionOptions } from './connection.js';
import { bulkCsv, emptyListStatement, importArguments, type CsvFile } from './bulk-csv.js';
import { findLocalServer, type LocalServer } from './local-server.js';
import { type LoadPlan } from './model.js';
import { countStatement, schemaStatements } from './statements.js';

export interface BulkStats {
  nodes: number;
  relationships: number;
  communities: number;
  /** Writing the CSV files. */
  exportSeconds: number;
  /** The database stopped, the importer run (in the server's JVM), the database started again. */
  importSeconds: number;
  /** Constraints and indexes created and online. */
  schemaSeconds: number;
  seconds: number;
  relationshipsPerSecond: number;
  database: { nodes: number; relationships: number };
  /** Seconds per step, in order (for the benchmark: where the time goes). */
  steps: Record<string, number>;
}

/** Writes every file of the export into `dir` (which exists and is ours); true when some value holds a line break. */
async function writeFiles(files: readonly CsvFile[], dir: string, multiline: () => boolean): Promise<boolean> {
  for (const file of files) {
    // A deep buffer, so that the next megabyte is made while the last one is written (with the
    // default 16 KB every write waited for the disk: a fifth of the time idle).
    const out = createWriteStream(path.join(dir, file.name), { mode: 0o600, highWaterMark: 8 << 20 });
    const failed = once(out, 'error').then(([err]) => { throw err; });
    let buffer = '';
    for (const line of file.lines()) {
      buffer += line;
      if (buffer.length >= 1 << 20) {
        if (!out.write(buffer)) await Promise.race([once(out, 'drain'), failed]);
        buffer = '';
      }
    }
    out.end(buffer);
    await Promise.race([once(out, 'finish'), failed]);
  }
  return multiline();
}

/**
 * `kg load --csv-only <dir>`: the import files, written whole into a new (or empty) folder that is
 * then ours, and the commands that import them. Returns those commands as text.
 */
export async function writeImportFolder(plan: LoadPlan, dir: string): Promise<string> {
  const target = path.resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new Error(`--csv-only ${dir}: the folder exists and is not empty; give a new or empty folder`);
  }
  // Written beside it and renamed into place: the folder appears whole or not at all.
  mkdirSync(path.dirname(target), { recursive: true });
  const staging = mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.partial-`));
  try {
    const { files, multiline, emptyLists } = bulkCsv(plan);
    const hasMultiline = await writeFiles(files, staging, multiline);
    // After the import: the constraints and indexes, and the empty lists the importer could not write.
    writeFileSync(path.join(staging, 'schema.cypher'), `${[...schemaStatements(), ...emptyLists().map(emptyListStatement)].join(';\n')};\n`, { mode: 0o600 });
    renameSync(staging, target); // replaces an empty folder, never a full one
    return importCommands(files, target, hasMultiline);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

/** What to run with the files of `dir`: neo4j-admin on the server's machine, or the same inside the Docker image. */
export function importCommands(files: readonly CsvFile[], dir: string, multiline: boolean): string {
  const sh = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);
  const admin = (at: string) => ['neo4j-admin', 'database', 'import', 'full', 'neo4j', '--overwrite-destination=true', ...importArguments(files, at, multiline)]
    .map(sh).join(' ');
  return [
    `# The import files are in ${dir}. The importer needs the database stopped, and it replaces`,
    '# the database "neo4j" (--overwrite-destination): run it only on a new or emptied database.',
    '# On the machine that runs Neo4j (stopped):',
    `${admin(dir)}`,
    '# With docker compose (this repository\'s docker-compose.yml):',
    'docker compose stop neo4j',
    `docker compose run --rm --no-deps -v ${sh(`${dir}:/bulk:ro`)} neo4j ${admin('/bulk')}`,
    'docker compose start neo4j',
    '# Then the constraints and indexes the MERGE loader creates (and the empty lists the importer cannot write):',
    `docker compose exec -T neo4j cypher-shell -u "\${NEO4J_USER:-neo4j}" -p "$NEO4J_PASSWORD" < ${sh(path.join(dir, 'schema.cypher'))}`,
  ].join('\n');
}

/** The local server at this connection's address, or undefined. */
export function localServerAt(conn: Connection, env: NodeJS.ProcessEnv = process.env): LocalServer | undefined {
  const local = findLocalServer(env);
  return local && local.bolt === conn.uri ? local : undefined;
}

/** What the target database holds, and its name. */
async function inspect(conn: Connection): Promise<{ name: string; nodes: number; relationships: number }> {
  return withNeo4j(conn, async (driver) => {
    const session = driver.session(sessionConfig(conn));
    try {
      const info = await session.run('CALL db.info() YIELD name RETURN name');
      const counts = await session.run(countStatement);
      const row = counts.records[0];
      return { name: info.records[0].get('name') as string, nodes: Number(row.get('entities')) + Number(row.get('communities')), relationships: Number(row.get('relationships')) };
    } finally {
      await session.close();
    }
  });
}

/** True when `conn` is the local server and its database holds nothing: where `kg load` imports by default. */
export async function isEmptyLocalDatabase(conn: Connection): Promise<boolean> {
  if (!localServerAt(conn)) return false;
  const { nodes, relationships } = await inspect(conn);
  return nodes === 0 && relationships === 0;
}

export interface BulkOptions extends ConnectionOptions {
  progress?: (line: string) => void;
}

interface ImportAnswer {
  id: string;
  ok: boolean;
  message?: string;
  stopSeconds?: number;
  importSeconds?: number;
  startSeconds?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Asks the local server to run the importer in its own JVM (neo4j-server's BulkImport): a request
 * file in its home, which only the home's owner can write, and the answer beside it.
 */
async function requestImport(server: LocalServer, database: string, args: string[]): Promise<ImportAnswer> {
  const id = randomBytes(12).toString('hex');
  const request = path.join(server.home, 'bulk-request.json');
  const response = path.join(server.home, 'bulk-response.json');
  rmSync(response, { force: true });
  const tmp = `${request}.${id}.tmp`;
  writeFileSync(tmp, JSON.stringify({ id, database, args }), { mode: 0o600, flag: 'wx' });
  renameSync(tmp, request);
  for (;;) {
    await sleep(25);
    let answer: ImportAnswer | undefined;
    try {
      answer = JSON.parse(readFileSync(response, 'utf8')) as ImportAnswer;
    } catch {
      answer = undefined;
    }
    if (answer?.id === id) {
      rmSync(response, { force: true });
      return answer;
    }
    if (!findLocalServer({ ...process.env, ZHENGKG_NEO4J_HOME: server.home })) {
      rmSync(request, { force: true });
      throw new Error(`the local Neo4j server (pid ${server.pid}) stopped during the bulk import; see ${path.join(server.home, 'neo4j.log')}`);
    }
  }
}

/**
 * Imports the plan into the local server's empty database: the files written under the server's
 * home, the importer run by the server in its own JVM while the database is stopped (Bolt stays
 * up), then the constraints and indexes. Refuses a server that is not the local one, a database
 * that holds anything (checked here, and again by the server right before it stops the database),
 * and a second bulk load at the same time.
 */
export async function bulkLoadLocal(plan: LoadPlan, options: BulkOptions = {}): Promise<BulkStats> {
  const conn = resolveConnection(options);
  const progress = options.progress ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const server = localServerAt(conn);
  if (!server) {
    throw new Error(`--bulk imports only into the local server (npm run neo4j:start), and none runs at ${conn.uri}; for another server write the files with --csv-only <dir> and run the command it prints`);
  }
  if (!server.bulkImport) {
    throw new Error(`the local server at ${conn.uri} was started before it could import (an older neo4j-server); restart it (npm run neo4j:stop && npm run neo4j:start), or load with --no-bulk`);
  }
  const lock = path.join(server.home, 'bulk.lock');
  let lockFd: number;
  try {
    lockFd = openSync(lock, 'wx', 0o600);
  } catch {
    throw new Error(`another bulk import into ${server.home} is running (${lock} exists; remove it if no kg load is running)`);
  }
  const started = performance.now();
  const steps: Record<string, number> = {};
  let mark = started;
  const step = (name: string, seconds?: number) => {
    const now = performance.now();
    steps[name] = seconds ?? (now - mark) / 1000;
    mark = now;
  };
  const work = mkdtempSync(path.join(server.home, 'bulk-'));
  try {
    const before = await inspect(conn);
    if (before.nodes > 0 || before.relationships > 0) {
      throw new Error(`--bulk imports only into an empty database, and ${before.name} at ${conn.uri} holds ${before.nodes} nodes and ${before.relationships} relationships; load with --no-bulk to add to it`);
    }
    step('check');
    const { files, multiline, emptyLists } = bulkCsv(plan);
    const csvDir = path.join(work, 'csv');
    mkdirSync(csvDir, { mode: 0o700 });
    const hasMultiline = await writeFiles(files, csvDir, multiline);
    step('files');
    const exportSeconds = (performance.now() - started) / 1000;
    progress(`neo4j: wrote ${files.length} import files in ${exportSeconds.toFixed(2)} s; importing (the database is offline meanwhile)`);

    const importStarted = performance.now();
    const answer = await requestImport(server, before.name, importArguments(files, csvDir, hasMultiline));
    if (!answer.ok) {
      const refused = (answer.message ?? 'no reason given').replace(/^the database \S+ holds/, `${before.name} at ${conn.uri} holds`);
      throw new Error(`the bulk import failed: ${refused}`);
    }
    const importSeconds = (performance.now() - importStarted) / 1000;
    const serverSide = (answer.stopSeconds ?? 0) + (answer.importSeconds ?? 0) + (answer.startSeconds ?? 0);
    step('stop', answer.stopSeconds ?? 0);
    step('import', answer.importSeconds ?? 0);
    step('start', answer.startSeconds ?? 0);
    step('handover', Math.max(0, importSeconds - serverSide));
    mark = performance.now();

    const schemaStarted = performance.now();
    const after = await withNeo4j(conn, async (driver) => {
      const session = driver.session(sessionConfig(conn));
      try {
        // One after another: created at once (a session each) they deadlock on the schema's locks.
        for (const statement of schemaStatements()) await session.run(statement);
        step('schema');
        await session.run('CALL db.awaitIndexes(300)');
        step('indexes');
        // Auto-commit: the statements commit in batches of their own (CALL … IN TRANSACTIONS).
        for (const e of emptyLists()) await session.run(emptyListStatement(e));
        step('emptyLists');
        const counts = await session.run(countStatement);
        const row = counts.records[0];
        step('count');
        return { nodes: Number(row.get('entities')) + Number(row.get('communities')), relationships: Number(row.get('relationships')) };
      } finally {
        await session.close();
      }
    });
    const schemaSeconds = (performance.now() - schemaStarted) / 1000;
    const seconds = (performance.now() - started) / 1000;
    return {
      nodes: plan.nodeCount,
      relationships: plan.relCount,
      communities: plan.communities.length,
      exportSeconds,
      importSeconds,
      schemaSeconds,
      seconds,
      relationshipsPerSecond: plan.relCount / seconds,
      database: after,
      steps,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
    closeSync(lockFd);
    rmSync(lock, { force: true });
  }
}

/** The summary line `kg load` prints after a bulk import. */
export function formatBulkStats(stats: BulkStats, uri: string): string {
  // "into <uri>;" as the MERGE loader's line has it: scripts and tests read both the same way.
  return `imported ${stats.nodes} nodes and ${stats.relationships} relationships (${stats.communities} communities) with the bulk importer into ${uri}; `
    + `${stats.seconds.toFixed(2)} s end to end (${Math.round(stats.relationshipsPerSecond)} relationships/s: files ${stats.exportSeconds.toFixed(2)} s, `
    + `import ${stats.importSeconds.toFixed(2)} s, constraints ${stats.schemaSeconds.toFixed(2)} s); the database now holds ${stats.database.nodes} nodes and ${stats.database.relationships} relationships`;
}
