// Precision, recall and F1 of an exported graph against a gold annotation (docs/gold-format.md).
//
// Recall counts every gold item of a scored type. Precision counts the extracted items of a scored
// type that have evidence in a document whose gold is exhaustive: a document annotated only in
// part cannot tell a wrong extraction from an unannotated right one, so it feeds recall only.
// A relation matches when its type, the types of its ends and the names of its ends match;
// HOLDS_POSITION's title is compared apart and reported next to the row.
import type { EntityType, RelationType } from '../extract/records.js';
import { isEntity, MENTIONS, type ExportedGraph } from '../graph/contract.js';
import type { GoldFile } from './gold.js';
import { baseName, nameKey } from './names.js';

export interface TypeScore {
  type: string;
  /** Gold items of this type. */
  gold: number;
  /** Gold items an extracted item matches (recall's numerator). */
  found: number;
  /** Extracted items with evidence in an exhaustive document (precision's denominator). */
  extracted: number;
  /** Of those, the ones that match a gold item. */
  correct: number;
  p: number | null;
  r: number | null;
  f1: number | null;
  missed: string[];
  spurious: string[];
  /** Relations only: gold relations with a title that were found, and how many of those have the same title. */
  titled?: number;
  titleOk?: number;
}

export interface Totals { p: number | null; r: number | null; f1: number | null }
export interface ScoreBlock { micro: Totals; byType: TypeScore[] }
export interface Score { entities: ScoreBlock; relations: ScoreBlock }

interface Item { type: EntityType; name: string; keys: Set<string>; docs: Set<string> }

const overlap = (a: Set<string>, b: Set<string>): boolean => {
  for (const x of a) if (b.has(x)) return true;
  return false;
};

function rates(c: { gold: number; found: number; extracted: number; correct: number }): Totals {
  const p = c.extracted ? c.correct / c.extracted : null;
  const r = c.gold ? c.found / c.gold : null;
  const f1 = p !== null && r !== null && p + r > 0 ? (2 * p * r) / (p + r) : null;
  return { p, r, f1 };
}

type Counts = Omit<TypeScore, 'p' | 'r' | 'f1'>;

function block(rows: Map<string, Counts>): ScoreBlock {
  const list = [...rows.values()];
  const sum = list.reduce(
    (a, r) => ({ gold: a.gold + r.gold, found: a.found + r.found, extracted: a.extracted + r.extracted, correct: a.correct + r.correct }),
    { gold: 0, found: 0, extracted: 0, correct: 0 },
  );
  return { micro: rates(sum), byType: list.map((r) => ({ ...r, ...rates(r) })) };
}

export function scoreGraph(graph: ExportedGraph, gold: GoldFile): Score {
  const exhaustive = new Set(Object.entries(gold.docs).filter(([, d]) => d.exhaustive).map(([doc]) => doc));
  const inExhaustive = (docs: Set<string>) => [...docs].some((d) => exhaustive.has(d));
  const entityTypes = new Set<string>(gold.entityTypes);
  const relationTypes = new Set<string>(gold.relationTypes);
  const keysOf = (type: EntityType, names: readonly string[]) => new Set(names.filter(Boolean).map((n) => nameKey(type, n)));

  const byKey = new Map<string, Item>();
  const extEntities: Item[] = [];
  for (const { key, attributes: a } of graph.nodes) {
    // Document nodes are provenance, not entities: never scored.
    if (!isEntity(a)) continue;
    const item: Item = { type: a.type, name: a.name, keys: keysOf(a.type, [a.name, ...a.aliases]), docs: new Set(a.evidence.map((e) => e.doc)) };
    byKey.set(key, item);
    if (entityTypes.has(a.type)) extEntities.push(item);
  }
  const extRelations: Array<{ type: RelationType; from: Item; to: Item; title?: string; docs: Set<string> }> = [];
  for (const e of graph.edges) {
    if (e.attributes.type === MENTIONS || !relationTypes.has(e.attributes.type)) continue;
    const from = byKey.get(e.source), to = byKey.get(e.target);
    if (!from || !to) continue;
    extRelations.push({ type: e.attributes.type, from, to, title: e.attributes.title, docs: new Set(e.attributes.evidence.map((x) => x.doc)) });
  }

  const goldEntities = gold.entities.filter((g) => entityTypes.has(g.type))
    .map((g) => ({ type: g.type, name: g.name, keys: keysOf(g.type, [g.name, ...g.aliases]) }));
  const findGold = (ref: { type: EntityType; name: string }) => goldEntities.find((g) => g.type === ref.type && g.keys.has(nameKey(ref.type, ref.name)));
  const goldRelations = gold.relations.filter((r) => relationTypes.has(r.type)).map((r) => {
    const from = findGold(r.from), to = findGold(r.to);
    if (!from || !to) throw new Error(`gold relation ${r.type} ${r.from.name} -> ${r.to.name}: an endpoint is not among the gold entities`);
    return { ...r, fromG: from, toG: to };
  });

  const entityRows = new Map<string, Counts>();
  const entityRow = (t: string) => entityRows.get(t) ?? entityRows.set(t, { type: t, gold: 0, found: 0, extracted: 0, correct: 0, missed: [], spurious: [] }).get(t)!;
  for (const g of goldEntities) {
    const r = entityRow(g.type);
    r.gold++;
    if (extEntities.some((x) => x.type === g.type && overlap(x.keys, g.keys))) r.found++;
    else r.missed.push(g.name);
  }
  for (const x of extEntities) {
    if (!inExhaustive(x.docs)) continue;
    const r = entityRow(x.type);
    r.extracted++;
    if (goldEntities.some((g) => g.type === x.type && overlap(x.keys, g.keys))) r.correct++;
    else r.spurious.push(x.name);
  }

  const relationRows = new Map<string, Counts>();
  const relationRow = (t: string) => relationRows.get(t)
    ?? relationRows.set(t, { type: t, gold: 0, found: 0, extracted: 0, correct: 0, titleOk: 0, titled: 0, missed: [], spurious: [] }).get(t)!;
  const same = (x: (typeof extRelations)[number], g: (typeof goldRelations)[number]) =>
    x.type === g.type && x.from.type === g.fromG.type && x.to.type === g.toG.type && overlap(x.from.keys, g.fromG.keys) && overlap(x.to.keys, g.toG.keys);
  for (const g of goldRelations) {
    const r = relationRow(g.type);
    r.gold++;
    const hit = extRelations.find((x) => same(x, g));
    if (hit) {
      r.found++;
      if (g.title) {
        r.titled!++;
        if (baseName(hit.title) === baseName(g.title)) r.titleOk!++;
      }
    } else r.missed.push(`${g.from.name} -> ${g.to.name}`);
  }
  for (const x of extRelations) {
    if (!inExhaustive(x.docs)) continue;
    const r = relationRow(x.type);
    r.extracted++;
    if (goldRelations.some((g) => same(x, g))) r.correct++;
    else r.spurious.push(`${x.from.name} -> ${x.to.name}`);
  }
  return { entities: block(entityRows), relations: block(relationRows) };
}

const pct = (x: number | null): string => (x === null ? '  -  ' : (100 * x).toFixed(1).padStart(5));

/** The score as a text table: one row per type, then the micro totals, then a one-line summary. */
export function formatScore(score: Score, verbose = false): string {
  const lines: string[] = [];
  const print = (title: string, b: ScoreBlock) => {
    lines.push(`${title.padEnd(16)} gold  found  extr  corr      P      R     F1`);
    for (const r of b.byType) {
      lines.push(`  ${r.type.padEnd(14)} ${String(r.gold).padStart(4)} ${String(r.found).padStart(6)} ${String(r.extracted).padStart(5)} ${String(r.correct).padStart(5)}  ${pct(r.p)}  ${pct(r.r)}  ${pct(r.f1)}`
        + (r.titled ? `   title ${r.titleOk}/${r.titled}` : ''));
      if (verbose) {
        if (r.missed.length) lines.push(`      missed:   ${r.missed.join(' | ')}`);
        if (r.spurious.length) lines.push(`      spurious: ${r.spurious.join(' | ')}`);
      }
    }
    lines.push(`  ${'ALL (micro)'.padEnd(14)} ${' '.repeat(23)}  ${pct(b.micro.p)}  ${pct(b.micro.r)}  ${pct(b.micro.f1)}`);
  };
  print('ENTITIES', score.entities);
  print('RELATIONS', score.relations);
  lines.push(`entity F1 ${pct(score.entities.micro.f1).trim()}  relation F1 ${pct(score.relations.micro.f1).trim()}`);
  return lines.join('\n');
}
