import { describe, expect, it } from 'vitest';
import { derived, workArray } from './per-index';

describe('a search’s work arrays', () => {
  it('hands the same memory back under the same name, filled afresh, and never another owner’s', () => {
    const index = {};
    const first = workArray(index, 'score', Float64Array, 8, 0);
    first.fill(3);
    const again = workArray(index, 'score', Float64Array, 5, Infinity);
    expect(again.buffer).toBe(first.buffer);
    expect(Array.from(again)).toEqual(Array(5).fill(Infinity));
    expect(workArray({}, 'score', Float64Array, 5, 0).buffer).not.toBe(first.buffer);
    expect(workArray(index, 'other', Float64Array, 5, 0).buffer).not.toBe(first.buffer);
  });

  it('grows for a longer request and changes type when asked for another', () => {
    const index = {};
    workArray(index, 'items', Int32Array, 4, 0);
    const longer = workArray(index, 'items', Int32Array, 10, 7);
    expect(longer.length).toBe(10);
    expect(Array.from(longer)).toEqual(Array(10).fill(7));
    expect(workArray(index, 'items', Uint8Array, 3, 1)).toBeInstanceOf(Uint8Array);
  });

  it('works a derived figure out once per owner and name', () => {
    const index = {};
    let runs = 0;
    const mean = () => derived(index, 'mean', () => ++runs);
    expect([mean(), mean()]).toEqual([1, 1]);
    expect(derived({}, 'mean', () => ++runs)).toBe(2);
    expect(derived(index, 'other', () => 'x')).toBe('x');
  });
});
