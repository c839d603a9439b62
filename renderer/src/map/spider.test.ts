import { describe, expect, it } from 'vitest';
import { spiderPositions } from './spider';

describe('spiderfy layout', () => {
  it('fans out any number of services at one address without two markers overlapping or sitting on the spot', () => {
    for (const n of [2, 3, 5, 6, 9, 10, 25, 60]) {
      const at = spiderPositions(n);
      expect(at).toHaveLength(n);
      for (const [x, y] of at) expect(Math.hypot(x, y)).toBeGreaterThanOrEqual(24);
      for (let i = 0; i < n; i++)
        for (let j = i + 1; j < n; j++) expect(Math.hypot(at[i]![0] - at[j]![0], at[i]![1] - at[j]![1]), `${n}: ${i}-${j}`).toBeGreaterThanOrEqual(20);
    }
  });
});
