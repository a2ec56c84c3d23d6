// "did you mean": the entity names closest to a name that matched nothing. Candidates come from
// Neo4j already narrowed to names sharing a character with it; here they are ranked by edit
// distance (fewest edits first), then by how many of its characters they share.
import { distance } from 'fastest-levenshtein';

export interface NameCandidate {
  /** The entity's canonical name: what is suggested. */
  name: string;
  /** The form compared: the canonical name or one of its aliases. */
  form: string;
}

const sharedCharacters = (a: string, b: string): number => {
  const inB = new Set(b);
  return new Set([...a].filter((ch) => inB.has(ch))).size;
};

/** The `limit` canonical names whose best form is closest to `wanted`, each once. */
export function closestNames(wanted: string, candidates: readonly NameCandidate[], limit = 5): string[] {
  const best = new Map<string, { edits: number; shared: number }>();
  for (const { name, form } of candidates) {
    const score = { edits: distance(wanted, form), shared: sharedCharacters(wanted, form) };
    const seen = best.get(name);
    if (!seen || score.edits < seen.edits || (score.edits === seen.edits && score.shared > seen.shared)) best.set(name, score);
  }
  return [...best.entries()]
    .sort(([a, x], [b, y]) => x.edits - y.edits || y.shared - x.shared || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, limit)
    .map(([name]) => name);
}
