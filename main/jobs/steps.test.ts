import { describe, expect, it } from 'vitest';
import { eachInBatches } from './steps';

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
});
