import { describe, expect, it } from 'vitest';
import type { FacetIndex } from './facets/facet-index';
import { pointsOfItems } from '../../shared/map/map-points';
import { mapSetKey, mapTable, RecentMapSets, servicesOfRefs } from './map-sets';

/** Three services: the first with two points, the second with none (a hotline), the third with one. */
const ix = {
  size: 3,
  ids: ['svc-a', 'svc-hotline', 'svc-c'],
  pointStart: Int32Array.from([0, 2, 2, 3]),
  pointLat: Float64Array.from([34.05, 34.06, 36.75]),
  pointLon: Float64Array.from([-118.25, -118.26, -119.77]),
  pointApproximate: Uint8Array.from([0, 1, 0]),
} as unknown as FacetIndex;

describe('map sets', () => {
  it('keys a set by its items in order and by the index, so only the same points give the same key', () => {
    const key = (index: number, items: number[]) => mapSetKey(index, { items: Int32Array.from(items), points: 3 });
    expect(key(4, [0, 2])).toBe(key(4, [0, 2]));
    expect(new Set([key(4, [0, 2]), key(4, [2, 0]), key(5, [0, 2]), key(4, [0]), key(4, [1, 2])]).size).toBe(5);
  });

  it('answers the points of a set as columns, each with its service number, from the index table', () => {
    const table = mapTable(ix, 4);
    // Copies: IPC carries these columns, not whatever buffer the index's arrays sit in.
    expect(table.lat.buffer).not.toBe(ix.pointLat.buffer);
    const points = pointsOfItems(table, { set: 'k', index: 4, items: Int32Array.from([2, 0]), points: 3 });
    expect(points).toEqual({
      set: 'k',
      index: 4,
      lat: Float64Array.from([36.75, 34.05, 34.06]),
      lon: Float64Array.from([-119.77, -118.25, -118.26]),
      approximate: Uint8Array.from([0, 0, 1]),
      service: Int32Array.from([2, 0, 0]),
    });
  });

  it('keeps the newest sets, copied from the search work array they came in', () => {
    const sets = new RecentMapSets();
    const work = Int32Array.from([0, 2]);
    const brief = sets.keep(4, work, 3);
    expect(brief).toMatchObject({ points: 3, services: 2 });
    work.fill(-1);
    expect([...sets.get(brief.set)!.items]).toEqual([0, 2]);
    for (let n = 0; n < 8; n++) sets.keep(4, Int32Array.from([n + 10]), 1);
    expect(sets.get(brief.set)).toBeNull();
  });

  it('resolves service numbers to ids and names, leaving out numbers no service has', () => {
    const names = (ids: string[]) => ids.map((id) => (id === 'svc-c' ? 'Cedar Legal Aid' : 'Alder Shelter'));
    expect(servicesOfRefs(ix, [2, 2, 0, 3, -1, 1.5], names)).toEqual([
      { ref: 2, serviceId: 'svc-c', name: 'Cedar Legal Aid' },
      { ref: 0, serviceId: 'svc-a', name: 'Alder Shelter' },
    ]);
  });
});
