// Community numbers that survive a rebuild. Louvain numbers communities from scratch on every run (by
// size), so adding a handful of documents used to give most nodes another `community`: saved queries broke,
// and `kg build --neo4j` rewrote hundreds of thousands of nodes whose group had not really changed. When
// the output folder holds the previous build's numbers (communities.json, written beside graph.json),
// each new community takes the previous number it overlaps most, and only communities with no usable
// previous match get new numbers, above any number used before.
import { z } from 'zod';

/**
 * What communities.json holds: every entity key with its community number, and the lowest number never
 * handed out (numbers of communities that vanish are not reused for other groups later).
 */
export const CommunityNumbers = z.object({
  version: z.literal(1),
  next: z.number().int().nonnegative().max(2 ** 31 - 1),
  keys: z.array(z.string()),
  community: z.array(z.number().int().nonnegative()),
}).refine((n) => n.keys.length === n.community.length, { message: 'keys and community differ in length' })
  .refine((n) => n.community.every((c) => c < n.next), { message: 'a community number is not below next' });
export type CommunityNumbers = z.infer<typeof CommunityNumbers>;

/**
 * The previous numbering is used only when at least this share of the new graph's entities was in it:
 * below that the folder held another corpus, and numbering its communities after unrelated ones (from a
 * high number up) would only confuse.
 */
export const MIN_SHARED = 0.5;

export interface Matched {
  /** The number of each position. */
  community: Int32Array;
  /** The lowest number not handed out, for the next build. */
  next: number;
  /** Communities that kept a previous number. */
  carried: number;
}

/**
 * Maps communities onto previous numbers by overlap. `current[i]` is position i's new community
 * (0 … k−1, numbered by size, as louvainCommunities gives them); `previous[i]` its number in the previous
 * build, or −1 for an entity that is new. Greedy: the (new community, previous number) pairs are taken by
 * the number of positions they share, largest first, and a pair is used when neither side is used yet;
 * ties go to the larger new community (the smaller new number), then to the smaller previous number. A
 * new community left without a number gets one from `next` up, in new-number order.
 */
export function matchCommunities(current: Int32Array, previous: Int32Array, next: number): Matched {
  if (current.length !== previous.length) throw new Error('matchCommunities: current and previous differ in length');
  let k = 0;
  for (const c of current) if (c + 1 > k) k = c + 1;
  let highest = -1;
  for (const p of previous) {
    if (p >= next) throw new Error(`matchCommunities: previous number ${p} is not below next (${next})`);
    if (p > highest) highest = p;
  }
  // Overlaps, keyed by new community · span + previous number (exact while that stays below 2^53: a million
  // communities times a billion numbers).
  const span = highest + 1;
  const overlap = new Map<number, number>();
  for (let i = 0; i < current.length; i++) {
    const p = previous[i];
    if (p < 0) continue;
    const pair = current[i] * span + p;
    overlap.set(pair, (overlap.get(pair) ?? 0) + 1);
  }
  const pair = new Float64Array(overlap.size), shared = new Int32Array(overlap.size);
  let n = 0;
  for (const [key, count] of overlap) { pair[n] = key; shared[n] = count; n++; }
  overlap.clear();
  // pair[a] − pair[b]: the smaller new number, then the smaller previous number.
  const order = Int32Array.from(pair, (_v, i) => i).sort((a, b) => shared[b] - shared[a] || pair[a] - pair[b]);
  const number = new Int32Array(k).fill(-1);
  const taken = new Uint8Array(span);
  let carried = 0;
  for (const i of order) {
    const c = Math.floor(pair[i] / span), p = pair[i] % span;
    if (number[c] >= 0 || taken[p]) continue;
    number[c] = p;
    taken[p] = 1;
    carried++;
  }
  let fresh = next;
  for (let c = 0; c < k; c++) if (number[c] < 0) number[c] = fresh++;
  return { community: Int32Array.from(current, (c) => number[c]), next: fresh, carried };
}

/**
 * The previous numbers of `keys` (−1 for a key that is new), or undefined when too few of them were in
 * the previous build (MIN_SHARED) to call it the same corpus.
 */
export function previousNumbers(keys: readonly string[], before: CommunityNumbers): Int32Array | undefined {
  const index = new Map<string, number>();
  before.keys.forEach((key, i) => index.set(key, before.community[i]));
  let shared = 0;
  const previous = Int32Array.from(keys, (key) => {
    const p = index.get(key);
    if (p === undefined) return -1;
    shared++;
    return p;
  });
  return keys.length > 0 && shared >= MIN_SHARED * keys.length ? previous : undefined;
}
