import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/gen-synthetic-data';
import { distanceKm, latitudeGapKm } from './distance';

describe('distance', () => {
  it('measures Los Angeles to San Francisco as the great circle does (559 km)', () => {
    expect(distanceKm(34.0522, -118.2437, 37.7749, -122.4194)).toBeCloseTo(559.1, 0);
  });

  it('never rules a point out by latitude alone when it is in fact within reach', () => {
    const rng = seededRandom(7);
    for (let n = 0; n < 20_000; n++) {
      const [lat1, lon1, lat2, lon2] = [rng.next() * 180 - 90, rng.next() * 360 - 180, rng.next() * 180 - 90, rng.next() * 360 - 180];
      expect(latitudeGapKm(lat1, lat2)).toBeLessThanOrEqual(distanceKm(lat1, lon1, lat2, lon2) + 1e-9);
    }
    expect(latitudeGapKm(36.7477, 36.7477)).toBe(0);
    expect(latitudeGapKm(36, 37)).toBeCloseTo(111.2, 1);
  });
});
