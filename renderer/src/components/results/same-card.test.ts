import { describe, expect, it } from 'vitest';
import type { SearchCard } from '../../../../shared/domain';
import { sameCardShown } from './same-card';

const shelter: SearchCard = {
  id: 'svc-1',
  name: 'Harbor Shelter',
  organization: 'Harbor House',
  phones: [{ number: '555-0100', extension: null, type: 'voice', description: null, languages: [] }],
  categories: ['shelter'],
  languages: ['en', 'es'],
  city: 'Fresno',
  address: '1 Main St',
  virtual: false,
  source: 'bundled',
  distanceKm: null,
  score: 12.5,
  populations: [],
  openNow: 'not_stated',
  serviceArea: [],
  ages: { min: null, max: null },
  areaCovers: null,
  free: 'yes',
  noIdNeeded: 'not_stated',
  wheelchair: 'not_stated',
};

describe('whether a new answer’s card is drawn again', () => {
  it('is not when only its score changed, as it does with each letter typed', () => {
    expect(sameCardShown(shelter, structuredClone({ ...shelter, score: 14.1 }))).toBe(true);
  });
  it('is when anything the card shows changed', () => {
    expect(sameCardShown(shelter, { ...shelter, distanceKm: 3.2 })).toBe(false);
    expect(sameCardShown(shelter, { ...shelter, phones: [] })).toBe(false);
    expect(sameCardShown(shelter, { ...shelter, id: 'svc-2' })).toBe(false);
  });
});
