// Community numbers carried over from a previous build (src/graph/community-numbers.ts): the mapping on
// small hand-made partitions, and the check that the previous build is of the same corpus.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommunityNumbers, matchCommunities, MIN_SHARED, previousNumbers } from '../src/graph/community-numbers.js';

const match = (current: number[], previous: number[], next: number) => {
  const m = matchCommunities(Int32Array.from(current), Int32Array.from(previous), next);
  return { community: Array.from(m.community), next: m.next, carried: m.carried };
};

describe('matchCommunities', () => {
  it('gives every unchanged community its previous number, whatever Louvain numbered it this time', () => {
    // Louvain now numbers by size: the previous 7 is the largest (0), 2 next (1), 4 a singleton (2).
    expect(match([0, 0, 0, 1, 1, 2], [7, 7, 7, 2, 2, 4], 9)).toEqual({ community: [7, 7, 7, 2, 2, 4], next: 9, carried: 3 });
  });

  it('a community that split: the larger part keeps the number, the other part gets a new one from next', () => {
    // Previous community 3 had five members; now three of them form community 0 and two form community 1.
    expect(match([0, 0, 0, 1, 1], [3, 3, 3, 3, 3], 5)).toEqual({ community: [3, 3, 3, 5, 5], next: 6, carried: 1 });
  });

  it('two communities that merged take the number of the one they share more members with; the other number vanishes and is not reused', () => {
    expect(match([0, 0, 0, 0, 0, 1], [1, 1, 0, 0, 0, 4], 5)).toEqual({ community: [0, 0, 0, 0, 0, 4], next: 5, carried: 2 });
    // The vanished number 1 stays unused: a new community gets 5, not 1.
    expect(match([0, 0, 0, 0, 0, 1, 2], [1, 1, 0, 0, 0, 4, -1], 5)).toEqual({ community: [0, 0, 0, 0, 0, 4, 5], next: 6, carried: 2 });
  });

  it('is greedy by overlap: the largest overlap is settled first, even when that leaves a smaller community without its best match', () => {
    // New 0 shares 4 members with previous 1 and 3 with previous 2; new 1 shares 3 with previous 1 and nothing else.
    // (0, 1) has the largest overlap and is taken; (1, 1) then finds previous 1 used, so new 1 gets a new number;
    // (0, 2) finds new 0 settled, so previous 2 vanishes.
    const current = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const previous = [1, 1, 1, 1, 2, 2, 2, 1, 1, 1];
    expect(match(current, previous, 3)).toEqual({ community: [1, 1, 1, 1, 1, 1, 1, 3, 3, 3], next: 4, carried: 1 });
  });

  it('breaks ties by the smaller new number (the larger community), then by the smaller previous number', () => {
    // New 0 shares 2 with previous 5 and 2 with previous 3: it takes 3.
    expect(match([0, 0, 0, 0], [5, 5, 3, 3], 6)).toEqual({ community: [3, 3, 3, 3], next: 6, carried: 1 });
    // New 0 and new 1 each share 2 members with previous 8; new 0 wins it, new 1 takes what it shares with 6.
    expect(match([0, 0, 0, 1, 1, 1], [8, 8, 6, 8, 8, 6], 9)).toEqual({ community: [8, 8, 8, 6, 6, 6], next: 9, carried: 2 });
    // The same with the sides swapped by position: the outcome follows the numbers, not the order of the entities.
    expect(match([1, 1, 1, 0, 0, 0], [8, 8, 6, 8, 8, 6], 9)).toEqual({ community: [6, 6, 6, 8, 8, 8], next: 9, carried: 2 });
  });

  it('communities of new entities only get new numbers, in the order Louvain numbered them (by size)', () => {
    expect(match([2, 0, 0, 1, 1, 1], [-1, 0, 0, -1, -1, -1], 4)).toEqual({ community: [5, 0, 0, 4, 4, 4], next: 6, carried: 1 });
  });

  it('handles an empty graph and a graph with no previous entities', () => {
    expect(match([], [], 3)).toEqual({ community: [], next: 3, carried: 0 });
    expect(match([0, 1], [-1, -1], 0)).toEqual({ community: [0, 1], next: 2, carried: 0 });
  });

  it('refuses a previous number that is not below next (a damaged file, never a silent clash)', () => {
    expect(() => match([0], [3], 3)).toThrow(/not below next/);
  });

  it('on any partitions: numbers are one-to-one with communities, new ones are ≥ next, and a community equal to a previous one keeps its number', () => {
    const partitions = fc.integer({ min: 1, max: 40 }).chain((n) => fc.tuple(
      fc.array(fc.integer({ min: 0, max: 6 }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: -1, max: 6 }), { minLength: n, maxLength: n }),
    ));
    fc.assert(fc.property(partitions, ([raw, previous]) => {
      // Louvain's numbers are 0 … k−1 without gaps.
      const ids = [...new Set(raw)].sort((a, b) => a - b);
      const current = raw.map((c) => ids.indexOf(c));
      const next = 7;
      const m = match(current, previous, next);
      const numberOf = new Map<number, number>();
      current.forEach((c, i) => {
        expect(numberOf.get(c) ?? m.community[i]).toBe(m.community[i]);
        numberOf.set(c, m.community[i]);
      });
      expect(new Set(numberOf.values()).size).toBe(numberOf.size);
      let fresh = 0;
      for (const [c, n] of numberOf) {
        const members = current.flatMap((x, i) => (x === c ? [i] : []));
        if (n >= next) fresh++;
        else expect(members.some((i) => previous[i] === n)).toBe(true); // a kept number is one some member had
        const before = previous[members[0]];
        const same = before >= 0 && members.every((i) => previous[i] === before) && previous.every((p, i) => p !== before || current[i] === c);
        if (same) expect(n).toBe(before);
      }
      expect(m.next).toBe(next + fresh);
      expect(m.carried).toBe(numberOf.size - fresh);
    }));
  });
});

describe('previousNumbers', () => {
  const before: CommunityNumbers = { version: 1, next: 4, keys: ['Person:甲', 'Person:乙', 'Place:芜湖市', 'Area:交通'], community: [0, 0, 3, 1] };

  it('looks the previous numbers up by node key; −1 for a new entity', () => {
    expect(Array.from(previousNumbers(['Area:交通', 'Person:丙', 'Person:甲'], before)!)).toEqual([1, -1, 0]);
  });

  it(`is undefined when fewer than ${MIN_SHARED * 100} % of the entities were in the previous build (another corpus)`, () => {
    expect(previousNumbers(['Person:甲', 'Person:丙', 'Person:丁'], before)).toBeUndefined();
    expect(previousNumbers(['Person:甲', 'Person:丙'], before)).toBeDefined();
    expect(previousNumbers([], before)).toBeUndefined();
  });

  it('the file schema rejects numbers that do not fit their keys or next', () => {
    expect(CommunityNumbers.safeParse(before).success).toBe(true);
    expect(CommunityNumbers.safeParse({ ...before, community: [0, 0, 3] }).success).toBe(false);
    expect(CommunityNumbers.safeParse({ ...before, next: 3 }).success).toBe(false);
    expect(CommunityNumbers.safeParse({ ...before, community: [0, 0, -1, 1] }).success).toBe(false);
  });
});
