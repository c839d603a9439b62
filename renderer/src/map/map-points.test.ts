import { describe, expect, it } from 'vitest';
import type { MapPoints } from '../../../shared/domain';
import { MapPointsCache } from './map-points';

const pointsOf = (set: string): MapPoints => ({ set, index: 1, lat: new Float64Array([37]), lon: new Float64Array([-122]), approximate: new Uint8Array([0]), service: new Int32Array([0]) });

/** A stand-in for main that answers every set it keeps, and counts what it was asked. */
function main(kept: (set: string) => boolean = () => true) {
  const asked: string[] = [];
  return { asked, ask: async (set: string) => (asked.push(set), kept(set) ? pointsOf(set) : null) };
}

describe('map points asked ahead', () => {
  it('a set fetched ahead as its answer arrives is not asked of main again when the map needs it', async () => {
    const m = main();
    const cache = new MapPointsCache(m.ask);
    cache.prefetch('a');
    expect((await cache.get('a'))?.set).toBe('a');
    expect(m.asked).toEqual(['a']);
  });

  it('keeps the last three sets: going back to one asks nothing, to a fourth back asks again', async () => {
    const m = main();
    const cache = new MapPointsCache(m.ask);
    for (const set of ['a', 'b', 'c', 'd']) await cache.get(set);
    await cache.get('b');
    await cache.get('a');
    expect(m.asked).toEqual(['a', 'b', 'c', 'd', 'a']);
  });

  it('a set main no longer keeps is asked again next time, not remembered as having no points', async () => {
    let keeps = false;
    const m = main(() => keeps);
    const cache = new MapPointsCache(m.ask);
    expect(await cache.get('a')).toBeNull();
    keeps = true;
    expect((await cache.get('a'))?.set).toBe('a');
    expect(m.asked).toEqual(['a', 'a']);
  });
});
