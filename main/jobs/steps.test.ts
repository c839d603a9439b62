import { describe, expect, it } from 'vitest';
import { eachInBatches, SLICE_MS } from './steps';

describe('eachInBatches', () => {
  it('calls each on every item in order, yielding the progress after every batch', () => {
    const seen: number[] = [];
    const steps = eachInBatches([1, 2, 3, 4, 5], 2, 'p', (n) => seen.push(n));
    const yields: { at: number; value: unknown }[] = [];
    for (let r = steps.next(); !r.done; r = steps.next()) yields.push({ at: seen.length, value: r.value });
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(yields).toEqual([{ at: 2, value: 'p' }, { at: 4, value: 'p' }]);
  });

  it('yields nothing for fewer items than a batch', () => {
    expect([...eachInBatches(new Set(['a']), 10, 'p', () => {})]).toEqual([]);
  });

  it('yields sooner when the items take longer than a slice, so a slow machine still answers its window', () => {
    const slow = () => {
      const until = performance.now() + 1;
      while (performance.now() < until);
    };
    let done = 0;
    const yieldsAt: number[] = [];
    for (const _ of eachInBatches(Array.from({ length: 640 }, (_, i) => i), 100_000, 'p', () => (slow(), done++))) yieldsAt.push(done);
    // Items of 1 ms, never a batch of 100,000: a yield at every look at the clock (each 64th item), a slice having passed.
    expect(SLICE_MS).toBeLessThan(64);
    expect(yieldsAt).toEqual(Array.from({ length: 10 }, (_, k) => 64 * (k + 1)));
  });
});
