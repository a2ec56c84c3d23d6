// `kg query <name> [--param key=value]… [--json]`: run a question from cypher/ against Neo4j.
import type { Command } from 'commander';
import { resolveConnection, withNeo4j } from '../../load/connection.js';
import { bindParams, findQuery, listQueries, runQuery, unmatchedName } from '../../load/queries.js';
import { renderTable } from '../../load/table.js';
import { CliError } from '../errors.js';
import { addConnectionOptions, connectionOptions, toCliError, type ConnectionFlags } from './load.js';

interface QueryCommandOptions extends ConnectionFlags {
  param: Record<string, string>;
  json?: boolean;
  width?: number;
}

/** Exit code of `kg query` when a name given as a parameter matches no entity. */
export const UNMATCHED_NAME_EXIT = 3;

/** `--param key=value`, repeatable; only the first '=' splits, so values may contain '='. */
function collectParam(value: string, previous: Record<string, string>): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CliError(`--param wants key=value, not ${JSON.stringify(value)}`, 2);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

function describeQueries(): string {
  return listQueries()
    .map((q) => {
      const params = q.params.map((p) => (p.required ? `${p.name}=…` : `[${p.name}=…]`)).join(' ');
      return `  ${q.name.padEnd(20)} ${params}\n      ${q.summary}`;
    })
    .join('\n');
}

export function registerQueryCommand(program: Command): void {
  const command = program
    .command('query')
    .description('run a question from the Cypher query library (cypher/*.cypher) against Neo4j')
    .argument('[name]', 'query name; leave out to list the queries')
    .option('-p, --param <key=value>', 'a query parameter (repeatable)', collectParam, {})
    .option('--json', 'print the rows as JSON')
    .option('--width <n>', 'widest table cell before it is cut with … (default 60)', (v) => Number(v))
    .addHelpText('after', () => `\nQueries:\n${describeQueries()}`);
  addConnectionOptions(command).action(async (name: string | undefined, options: QueryCommandOptions) => {
    if (!name) {
      process.stdout.write(`Queries (kg query <name> --param key=value):\n${describeQueries()}\n`);
      return;
    }
    await runQueryCommand(name, options);
  });
}

export async function runQueryCommand(name: string, options: QueryCommandOptions): Promise<void> {
  let query, params;
  try {
    query = findQuery(name);
    params = bindParams(query, options.param ?? {});
  } catch (err) {
    throw new CliError((err as Error).message, 2);
  }
  const { param: _param, json: _json, width: _width, ...flags } = options;
  const conn = resolveConnection(connectionOptions(flags));
  const outcome = await withNeo4j(conn, async (driver) => {
    const unmatched = await unmatchedName(driver, conn, query, params);
    return unmatched === null ? { result: await runQuery(driver, conn, query, params) } : { unmatched };
  }).catch((err) => {
    throw toCliError(err);
  });
  // A name that matches nothing is not an empty answer: it is a question the graph cannot read.
  if ('unmatched' in outcome) throw new CliError(`kg query ${query.name}: ${outcome.unmatched}`, UNMATCHED_NAME_EXIT);
  const { result } = outcome;
  if (options.json) {
    process.stdout.write(`${JSON.stringify({ query: query.name, columns: result.columns, rows: result.rows }, null, 2)}\n`);
  } else {
    const width = options.width && Number.isFinite(options.width) && options.width > 3 ? options.width : 60;
    process.stdout.write(`${renderTable(result.columns, result.rows, width)}\n`);
  }
}
