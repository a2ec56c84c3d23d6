// `kg eval <graph.json> --gold <gold>`: precision, recall and F1 against a gold annotation;
// `kg check-gold <gold> <docs-dir>`: is a gold annotation sound for the documents it covers.
import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkGold, countByType } from '../../eval/check.js';
import { mergeGold } from '../../eval/gold.js';
import { formatScore, scoreGraph } from '../../eval/score.js';
import { ExportedGraph } from '../../graph/contract.js';
import { CliError } from '../errors.js';
import { goldPaths, readGold, readGoldFile, readValidatedJson } from '../gold-files.js';

interface EvalOptions { gold: string[]; json?: boolean; details?: boolean }

export function registerEvalCommands(program: Command): void {
  program
    .command('eval')
    .description('score a graph against a gold annotation: precision, recall and F1 per entity and relation type (docs/gold-format.md)')
    .argument('<graph.json>', 'a graph written by `kg build`')
    .requiredOption('--gold <gold...>', '(required) gold file(s), or folder(s) of per-document gold files, merged into one')
    .option('--json', 'print the scores as JSON')
    .option('--details', 'list the missed and the spurious items under each row')
    .action(async (graphFile: string, options: EvalOptions) => {
      const { graph } = await readGraph(graphFile);
      const gold = mergeGold((await readGold(options.gold)).map((g) => g.gold));
      let score;
      try {
        score = scoreGraph(graph, gold);
      } catch (err) {
        throw new CliError(`${options.gold.join(', ')}: ${(err as Error).message}`, 1);
      }
      process.stdout.write(options.json ? `${JSON.stringify(score, null, 2)}\n` : `${formatScore(score, options.details)}\n`);
    });

  program
    .command('check-gold')
    .description('check gold files: shape, relation ends among the entities, every evidence a verbatim substring of its document')
    .argument('<gold>', 'a gold file, or a folder of gold files')
    .argument('<docs-dir>', 'the folder holding the documents the gold names')
    .action(async (target: string, docsDir: string) => {
      await runCheckGold(target, docsDir);
    });
}

async function readGraph(file: string): Promise<{ graph: ExportedGraph }> {
  return { graph: await readValidatedJson(file, ExportedGraph, 'graph', 'not a graph written by kg build (docs/contract.md)') };
}

async function runCheckGold(target: string, docsDir: string): Promise<void> {
  const files = await goldPaths(target);
  const problems: string[] = [];
  const entities: Array<{ type: string }> = [];
  const relations: Array<{ type: string }> = [];
  for (const file of files) {
    const name = path.basename(file);
    let gold;
    try {
      gold = await readGoldFile(file);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    entities.push(...gold.entities);
    relations.push(...gold.relations);
    const texts = new Map<string, string>();
    for (const doc of Object.keys(gold.docs)) {
      try {
        texts.set(doc, await readFile(path.join(docsDir, doc), 'utf8'));
      } catch (err) {
        problems.push(`${name}: doc ${doc}: cannot read ${path.join(docsDir, doc)} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    for (const p of checkGold(gold, texts)) problems.push(`${name}: ${p}`);
  }
  const out = [
    `${files.length} gold file(s)`,
    `entities ${JSON.stringify(countByType(entities))}`,
    `relations ${JSON.stringify(countByType(relations))}`,
    ...problems,
    problems.length ? `${problems.length} problem(s)` : 'gold ok',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  if (problems.length) process.exitCode = 1;
}
