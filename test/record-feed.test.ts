// The reduce gets records in input order whatever order the workers deliver them in (src/cli/record-feed.ts).
import { describe, expect, it } from 'vitest';
import type { DocRecord } from '../src/extract/records.js';
import { InOrderFeed } from '../src/cli/record-feed.js';

const record = (i: number): DocRecord => ({ doc: `d${i}.txt`, chars: i, mentions: [], relations: [] });

function feed(count: number) {
  const spooled = new Map<number, DocRecord>();
  const consumed: string[] = [];
  const reads: number[] = [];
  const f = new InOrderFeed(count, (i) => { reads.push(i); return spooled.get(i)!; }, (r) => consumed.push(r.doc));
  const arrive = (i: number, withJson: boolean) => { spooled.set(i, record(i)); f.arrived(i, withJson ? JSON.stringify(record(i)) : undefined); };
  return { f, consumed, reads, arrive };
}

describe('InOrderFeed', () => {
  it('hands records on in input order, holding early ones back, and skips inputs without a record', () => {
    const { f, consumed, reads, arrive } = feed(5);
    arrive(2, true);
    arrive(1, true);
    expect(consumed).toEqual([]);
    arrive(0, true);
    expect(consumed).toEqual(['d0.txt', 'd1.txt', 'd2.txt']);
    // 0 was next when it arrived: parsed from its JSON; 1 and 2 waited and were read back from the spool.
    expect(reads).toEqual([1, 2]);
    arrive(4, false);
    expect(() => f.finish()).toThrow(/record 3 of 5 never arrived/);
    f.missing(3);
    expect(consumed).toEqual(['d0.txt', 'd1.txt', 'd2.txt', 'd4.txt']);
    f.finish();
  });

  it('keeps the first error of the reduce for finish, and consumes nothing after it', () => {
    const consumed: string[] = [];
    const f = new InOrderFeed(3, (i) => record(i), (r) => {
      if (r.doc === 'd1.txt') throw new Error('bad record');
      consumed.push(r.doc);
    });
    for (const i of [0, 1, 2]) f.arrived(i);
    expect(consumed).toEqual(['d0.txt']);
    expect(() => f.finish()).toThrow('bad record');
  });
});
