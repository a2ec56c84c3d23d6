// The `kg` command. Each subcommand lives in ./commands/ and registers itself with one line below.
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { registerBuildCommand } from './commands/build.js';
import { registerEvalCommands } from './commands/eval.js';
import { registerLoadCommand } from './commands/load.js';
import { registerQueryCommand } from './commands/query.js';
import { CliError, describeError } from './errors.js';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('kg')
  .description('Build a knowledge graph from Chinese local-government texts')
  .version(version)
  .option('--verbose', 'print stack traces on errors');

registerBuildCommand(program);
registerLoadCommand(program);
registerQueryCommand(program);
registerEvalCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const verbose = Boolean(program.opts().verbose) || process.argv.includes('--verbose');
  const line = describeError(err, verbose);
  const prefixed = verbose || line.startsWith('kg') ? line : `kg: ${line}`;
  process.stderr.write(`${prefixed}\n`);
  process.exitCode = err instanceof CliError ? err.exitCode : 1;
}
