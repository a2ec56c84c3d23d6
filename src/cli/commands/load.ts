// `kg load <graph.json>`: write an exported graph into Neo4j (idempotent; a second graph merges in).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { resolveConnection, type ConnectionOptions } from '../../load/connection.js';
import { readPasswordFile } from '../../load/local-server.js';
import { bulkLoadLocal, formatBulkStats, isEmptyLocalDatabase, writeImportFolder } from '../../load/bulk.js';
import { DEFAULT_BATCH_SIZE, formatLoadStats, loadPlan, readLoadPlan } from '../../load/load.js';
import { CliError } from '../errors.js';

/** The connection flags as commander hands them over. */
export interface ConnectionFlags extends ConnectionOptions {
  passwordFile?: string;
}

export interface LoadCommandOptions extends ConnectionFlags {
  batchSize?: number;
  /** true: --bulk; false: --no-bulk; undefined: bulk when the target is the local server's empty database. */
  bulk?: boolean;
  csvOnly?: string;
}

const positiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return n;
};

/** The connection flags `kg load`, `kg query` and `kg build --neo4j` share. */
export function addConnectionOptions(command: Command, withUri = true): Command {
  if (withUri) command.option('--uri <uri>', 'Bolt URI (default: $NEO4J_URI, else the local server from `npm run neo4j:start`, else bolt://127.0.0.1:7687)');
  return command
    .option('--user <user>', 'user (default: $NEO4J_USER, else the local server\'s user, else neo4j)')
    .option('--password-file <file>', 'read the password from this file (its first line)')
    .option('--password <password>', 'password; visible to other users in `ps`: prefer $NEO4J_PASSWORD or --password-file (default: $NEO4J_PASSWORD, else the local server\'s .neo4j/password)')
    .option('--database <name>', 'database (default: $NEO4J_DATABASE, else the server default)');
}

/**
 * The flags as ConnectionOptions: --password-file read, and a warning for --password, whose value
 * any user of the machine can read in the process list while the command runs.
 */
export function connectionOptions(flags: ConnectionFlags): ConnectionOptions {
  const { passwordFile, ...options } = flags;
  if (options.password !== undefined) {
    process.stderr.write('kg: warning: a password on the command line is visible to other users of this machine (ps); use $NEO4J_PASSWORD or --password-file <file>\n');
  }
  if (passwordFile !== undefined) {
    if (options.password !== undefined) throw new CliError('give --password or --password-file, not both', 2);
    const password = readPasswordFile(passwordFile);
    if (password === undefined) throw new CliError(`cannot read a password from --password-file ${passwordFile}: missing, unreadable or empty`, 2);
    options.password = password.split(/\r?\n/)[0];
    options.passwordFrom = passwordFile;
  }
  return options;
}

export function registerLoadCommand(program: Command): void {
  const command = program
    .command('load')
    .description('load graph.json into Neo4j: batched MERGE transactions, or Neo4j\'s offline importer into the local server\'s empty database')
    .argument('<graph.json>', 'a graph written by `kg build`')
    .option('--batch-size <n>', `rows per transaction (default: ${DEFAULT_BATCH_SIZE})`, positiveInteger)
    .option('--bulk', 'import with Neo4j\'s offline importer: only into the local server\'s empty database (the default there for graphs of 100,000 relationships or more)')
    .option('--no-bulk', 'always load with MERGE transactions')
    .option('--csv-only <dir>', 'write the bulk-import CSV files into this new folder and print the neo4j-admin command (for Docker or another server)');
  addConnectionOptions(command).action(async (file: string, options: LoadCommandOptions) => {
    await runLoad(file, options);
  });
}

export async function runLoad(file: string, options: LoadCommandOptions): Promise<void> {
  const { batchSize, bulk, csvOnly, ...flags } = options;
  if (csvOnly !== undefined) {
    if (bulk === false) throw new CliError('--csv-only writes bulk-import files; it cannot go with --no-bulk', 2);
    try {
      const plan = await readLoadPlan(file);
      process.stdout.write(`${await writeImportFolder(plan, csvOnly)}\n`);
      process.stderr.write(`wrote the import files for ${plan.nodeCount} nodes and ${plan.relCount} relationships to ${csvOnly}\n`);
    } catch (err) {
      throw toCliError(err);
    }
    return;
  }
  await loadInto(file, connectionOptions(flags), batchSize, bulk);
}

/**
 * Below this many relationships the MERGE loader finishes before a bulk import would: the import's
 * fixed cost (the database stopped and started, the importer's set-up, the constraints) is a few
 * seconds, and at 168k relationships the import was already 4× faster (bench/bulk.mjs, README).
 */
export const BULK_DEFAULT_MIN_RELATIONSHIPS = 100_000;

async function loadInto(file: string, options: ConnectionOptions, batchSize?: number, bulk?: boolean): Promise<void> {
  const conn = resolveConnection(options);
  try {
    const plan = await readLoadPlan(file);
    // By default the offline importer takes a database it may replace: the local server's (this
    // tool made its store), only while it holds nothing, and only for a graph big enough that its
    // fixed cost is worth paying.
    if (bulk ?? (plan.relCount >= BULK_DEFAULT_MIN_RELATIONSHIPS && (await isEmptyLocalDatabase(conn)))) {
      const stats = await bulkLoadLocal(plan, conn);
      process.stderr.write(`${formatBulkStats(stats, conn.uri)}\n`);
      return;
    }
    const stats = await loadPlan(plan, { ...conn, ...(batchSize ? { batchSize } : {}) });
    process.stderr.write(`${formatLoadStats(stats, conn.uri)}\n`);
  } catch (err) {
    throw toCliError(err);
  }
}

/** `kg build --neo4j [uri]`: load the graph.json a build just wrote, connected as `kg load` would be. */
export async function loadBuiltGraph(outDir: string, options: ConnectionOptions): Promise<void> {
  await loadInto(path.join(outDir, 'graph.json'), options);
}

/** Keeps the message one line and the original error reachable for --verbose. */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const cliError = new CliError(message.split('\n')[0], 1);
  if (err instanceof Error && err.stack) cliError.stack = `${cliError.message}\n${err.stack}`;
  return cliError;
}
