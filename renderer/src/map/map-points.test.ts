import { describe, expect, it } from 'vitest';
import type { MapTable } from '../../../shared/domain';
import { MapPointsCache } from './map-points';

/** Two services with a point each, the second an approximate one. */
const tableOf = (index: number): MapTable => ({
  index,
  pointStart: Int32Array.from([0, 1, 2]),
  lat: Float64Array.from([34.05, 36.75]),
  lon: Float64Array.from([-118.25, -119.77]),
  approximate: Uint8Array.from([0, 1]),
});

/**
 * A stand-in for main: every set is both services in reverse order under index `index` (only the second,
 * for a set named as `few`); counts what it is asked.
 */
function main({ keeps = () => true, index = () => 1, few = () => false }: { keeps?: (set: string) => boolean; index?: () => number; few?: (set: string) => boolean } = {}) {
  const asked: string[] = [];
  const itemsOf = (set: string) => (few(set) ? { items: Int32Array.from([1]), points: 1 } : { items: Int32Array.from([1, 0]), points: 2 });
  return {
    asked,
    items: async (set: string) => (asked.push(set), keeps(set) ? { set, index: index(), ...itemsOf(set) } : null),
    table: async (i: number) => (asked.push(`table ${i}`), tableOf(i)),
  };
}

describe('map points asked ahead', () => {
  it('a set fetched ahead as its answer arrives is not asked of main again when the map needs it; its points are its services’ in order', async () => {
    const m = main();
    const cache = new MapPointsCache(m);
    cache.prefetch('a');
    expect(await cache.get('a')).toEqual({
      set: 'a',
      index: 1,
      lat: Float64Array.from([36.75, 34.05]),
      lon: Float64Array.from([-119.77, -118.25]),
      approximate: Uint8Array.from([1, 0]),
      service: Int32Array.from([1, 0]),
    });
    expect(m.asked).toEqual(['a', 'table 1']);
  });

  it('tells listeners of each set’s points as they are made, before anyone asks for them', async () => {
    const m = main();
    const cache = new MapPointsCache(m);
    const heard: string[] = [];
    const stop = cache.onMade((points) => heard.push(`${points.set}: ${[...points.service].join(',')}`));
    cache.prefetch('b');
    await expect.poll(() => heard).toEqual(['b: 1,0']);
    await cache.get('b');
    stop();
    await cache.get('c');
    expect(heard).toEqual(['b: 1,0']);
  });

  it('keeps the last three sets: going back to one asks nothing, to a fourth back asks again; the table is asked once per index', async () => {
    let index = 1;
    const m = main({ index: () => index, few: (set) => set !== 'all' });
    const cache = new MapPointsCache(m);
    for (const set of ['all', 'a', 'b', 'c', 'd']) await cache.get(set);
    await cache.get('b');
    await cache.get('a');
    index = 2;
    await cache.get('e');
    expect(m.asked).toEqual(['all', 'table 1', 'a', 'b', 'c', 'd', 'a', 'e', 'table 2']);
  });

  it('keeps the whole directory’s set however many smaller ones come after it, until another index', async () => {
    let index = 1;
    const m = main({ index: () => index, few: (set) => set !== 'all' });
    const cache = new MapPointsCache(m);
    for (const set of ['all', 'a', 'b', 'c', 'd', 'all', 'a']) await cache.get(set);
    index = 2;
    for (const set of ['e', 'f', 'g', 'h']) await cache.get(set);
    await cache.get('e');
    expect(m.asked).toEqual(['all', 'table 1', 'a', 'b', 'c', 'd', 'a', 'e', 'table 2', 'f', 'g', 'h']);
  });

  it('a set main no longer keeps is asked again next time, not remembered as having no points', async () => {
    let keeps = false;
    const m = main({ keeps: () => keeps });
    const cache = new MapPointsCache(m);
    expect(await cache.get('a')).toBeNull();
    keeps = true;
    expect((await cache.get('a'))?.set).toBe('a');
    expect(m.asked).toEqual(['a', 'a', 'table 1']);
  });
});
