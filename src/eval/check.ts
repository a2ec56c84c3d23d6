// What `kg check-gold` checks in a gold file, given the texts of the documents it covers:
// relation ends that name a gold entity, types the file declares, no entity listed twice or
// one name given to two entities, and every evidence a verbatim substring of a document it names.
import type { GoldFile } from './gold.js';

/** The problems found, one line each; empty when the gold is sound. `texts` has every doc of `gold.docs` that could be read. */
export function checkGold(gold: GoldFile, texts: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  const checkItem = (what: string, x: { docs: string[]; evidence?: string }) => {
    if (x.docs.length === 0) problems.push(`${what}: no docs`);
    for (const d of x.docs) {
      if (!(d in gold.docs)) problems.push(`${what}: doc ${d} is not listed in "docs"`);
      // With one doc the evidence must be in it; with several, in at least one (checked below).
      else if (x.evidence && x.docs.length === 1 && texts.has(d) && !texts.get(d)!.includes(x.evidence)) problems.push(`${what}: evidence not in ${d}: ${x.evidence}`);
    }
    if (!x.evidence) problems.push(`${what}: no evidence`);
    else if (x.docs.length > 1 && !x.docs.some((d) => texts.get(d)?.includes(x.evidence!))) {
      problems.push(`${what}: evidence found in none of its docs: ${x.evidence}`);
    }
  };

  const seen = new Set<string>();
  for (const e of gold.entities) {
    const k = `${e.type}:${e.name}`;
    if (!gold.entityTypes.includes(e.type)) problems.push(`entity ${k}: type ${e.type} is not in "entityTypes"`);
    if (seen.has(k)) problems.push(`entity ${k} is listed twice`);
    seen.add(k);
    checkItem(`entity ${k}`, e);
  }
  const owner = new Map<string, string>();
  for (const e of gold.entities) {
    for (const n of [e.name, ...e.aliases]) {
      const k = `${e.type}:${n}`;
      const other = owner.get(k);
      if (other !== undefined && other !== e.name) problems.push(`name ${k} belongs to both ${other} and ${e.name}`);
      owner.set(k, e.name);
    }
  }
  for (const r of gold.relations) {
    const what = `relation ${r.type} ${r.from.name} -> ${r.to.name}`;
    if (!gold.relationTypes.includes(r.type)) problems.push(`${what}: type ${r.type} is not in "relationTypes"`);
    for (const end of [r.from, r.to]) {
      if (!owner.has(`${end.type}:${end.name}`)) problems.push(`${what}: endpoint ${end.type}:${end.name} is not an entity's name or alias`);
    }
    checkItem(what, r);
  }
  return problems;
}

/** Items per type, for the summary lines. */
export function countByType(items: ReadonlyArray<{ type: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const x of items) counts[x.type] = (counts[x.type] ?? 0) + 1;
  return counts;
}
