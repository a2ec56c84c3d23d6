// `kg load <graph.json>`: write an exported graph into Neo4j (idempotent; a second graph merges in).
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import path from 'node:path';
import { resolveConnection, type ConnectionOptions } from '../../load/connection.js';
import { DEFAULT_BATCH_SIZE, formatLoadStats, loadGraphFile } from '../../load/load.js';
import { CliError } from '../errors.js';

export interface LoadCommandOptions extends ConnectionOptions {
  batchSize?: number;
}

const positiveInteger = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer.');
  return n;
};

/** The connection flags `kg load`, `kg query` and `kg build --neo4j` share. */
export function addConnectionOptions(command: Command, withUri = true): Command {
  if (withUri) command.option('--uri <uri>', 'Bolt URI (default: $NEO4J_URI, else bolt://127.0.0.1:7687)');
  return command
    .option('--user <user>', 'user (default: $NEO4J_USER, else neo4j)')
    .option('--password <password>', 'password (default: $NEO4J_PASSWORD, else password)')
    .option('--database <name>', 'database (default: $NEO4J_DATABASE, else the server default)');
}

export function registerLoadCommand(program: Command): void {
  const command = program
    .command('load')
    .description('load graph.json into Neo4j: constraints, then nodes and relationships in batched MERGE transactions')
    .argument('<graph.json>', 'a graph written by `kg build`')
    .option('--batch-size <n>', `rows per transaction (default: ${DEFAULT_BATCH_SIZE})`, positiveInteger);
  addConnectionOptions(command).action(async (file: string, options: LoadCommandOptions) => {
    await runLoad(file, options);
  });
}

export async function runLoad(file: string, options: LoadCommandOptions): Promise<void> {
  const conn = resolveConnection(options);
  try {
    const stats = await loadGraphFile(file, { ...conn, ...(options.batchSize ? { batchSize: options.batchSize } : {}) });
    process.stderr.write(`${formatLoadStats(stats, conn.uri)}\n`);
  } catch (err) {
    throw toCliError(err);
  }
}

/** `kg build --neo4j <uri>`: load the graph.json a build just wrote (user/password from the environment). */
export async function loadBuiltGraph(outDir: string, uri: string): Promise<void> {
  await runLoad(path.join(outDir, 'graph.json'), { uri });
}

/** Keeps the message one line and the original error reachable for --verbose. */
export function toCliError(err: unknown): CliError {
  if (err instanceof CliError) return err;
  const message = err instanceof Error ? err.message : String(err);
  const cliError = new CliError(message.split('\n')[0], 1);
  if (err instanceof Error && err.stack) cliError.stack = `${cliError.message}\n${err.stack}`;
  return cliError;
}
