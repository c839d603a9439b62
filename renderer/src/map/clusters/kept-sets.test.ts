import { describe, expect, it } from 'vitest';
import { KeptSets } from './kept-sets';

describe('sets kept for the map', () => {
  it('keeps the newest few, and the largest set of the index apart from them', () => {
    const kept = new KeptSets<string>(2);
    kept.add('all', 'every point');
    kept.offer('all', 'every point', 1, 76_000);
    for (const set of ['a', 'b', 'c']) {
      kept.add(set, `${set}'s points`);
      kept.offer(set, `${set}'s points`, 1, 100);
    }
    expect(kept.get('a')).toBeUndefined();
    expect([kept.get('b'), kept.get('c')]).toEqual(["b's points", "c's points"]);
    expect(kept.get('all')).toBe('every point');
  });

  it('going back to a set makes it the newest', () => {
    const kept = new KeptSets<string>(2);
    kept.add('a', 'A');
    kept.add('b', 'B');
    kept.add('a', 'A');
    kept.add('c', 'C');
    expect([kept.get('a'), kept.get('b'), kept.get('c')]).toEqual(['A', undefined, 'C']);
  });

  it("another index's set takes the largest's place, however small; a forgotten value is not answered", () => {
    const kept = new KeptSets<string>(1);
    kept.offer('old all', 'old', 1, 76_000);
    kept.offer('new few', 'few', 2, 10);
    kept.offer('new all', 'all', 2, 75_000);
    kept.add('x', 'X');
    expect([kept.get('old all'), kept.get('new few'), kept.get('new all')]).toEqual([undefined, undefined, 'all']);
    kept.forget('new all', 'another value');
    expect(kept.get('new all')).toBe('all');
    kept.forget('new all', 'all');
    kept.forget('x', 'X');
    expect([kept.get('new all'), kept.get('x')]).toEqual([undefined, undefined]);
  });
});
