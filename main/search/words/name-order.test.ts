import { describe, expect, it } from 'vitest';
import { nameRanks } from './name-order';

const inOrder = (names: string[]) => {
  const rank = nameRanks(names);
  return names.map((name, item) => ({ name, r: rank[item]! })).sort((a, b) => a.r - b.r).map((x) => x.name);
};

describe('the name order of a listing without query text', () => {
  it('ignores case and accents, and puts numbers in numeric order', () => {
    expect(inOrder(['casa 10', 'Zeta Center', 'Ángeles Clinic', 'Casa 2', 'angeles legal', 'Éxito', 'Bay Area'])).toEqual([
      'Ángeles Clinic', 'angeles legal', 'Bay Area', 'Casa 2', 'casa 10', 'Éxito', 'Zeta Center',
    ]);
  });

  it('keeps names the collator holds equal in the order they came', () => {
    const rank = nameRanks(['Refugio', 'refugio', 'REFÚGIO', 'Albergue']);
    expect(Array.from(rank)).toEqual([1, 2, 3, 0]);
  });

  it('gives every item its own place', () => {
    const names = Array.from({ length: 5000 }, (_, i) => `Service ${(i * 7919) % 1000}`);
    expect(new Set(nameRanks(names)).size).toBe(names.length);
  });
});
