import { describe, expect, it } from 'vitest';
import type { MapPoint } from '../domain';
import { ClusterIndex, MAP_MAX_ZOOM, MAP_MIN_ZOOM, pointColumns, type MapMarker } from './map-clusters';

const CALIFORNIA: [number, number, number, number] = [-124.5, 32.5, -114, 42];
const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

function point(i: number, lat: number, lon: number, approximate = false): MapPoint {
  return { serviceId: `s${i}`, locationId: `l${i}`, lat, lon, approximate };
}

/** Points scattered around a few towns, some sharing a spot: deterministic, not real services. */
function scattered(count: number): MapPoint[] {
  const towns = [[34.05, -118.25], [37.77, -122.42], [36.75, -119.77], [32.72, -117.16], [38.58, -121.49]] as const;
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 48271) >>> 0) % 2147483647) / 2147483647;
  return Array.from({ length: count }, (_, i) => {
    const [lat, lon] = towns[i % towns.length]!;
    const spread = random() < 0.1 ? 0 : 0.3;
    return point(i, lat + (random() - 0.5) * spread, lon + (random() - 0.5) * spread, spread === 0);
  });
}

const placesIn = (markers: MapMarker[]) => markers.reduce((sum, m) => sum + (m.kind === 'cluster' ? m.count : 1), 0);

describe('map clusters', () => {
  it('keeps services at one address as one marker listing them all, approximate only when every one is', () => {
    const points = [
      point(0, 34.05, -118.25),
      point(1, 34.05, -118.25, true),
      point(2, 34.050001, -118.250001),
      point(3, 36.75, -119.77, true),
      point(4, 36.75, -119.77, true),
    ];
    const markers = new ClusterIndex(pointColumns(points)).markers(CALIFORNIA, MAP_MAX_ZOOM);
    expect(markers).toHaveLength(2);
    const la = markers.find((m) => m.kind === 'place' && m.lat === 34.05);
    const fresno = markers.find((m) => m.kind === 'place' && m.lat === 36.75);
    expect(la).toMatchObject({ members: [0, 1, 2], approximate: false, lon: -118.25 });
    expect(fresno).toMatchObject({ members: [3, 4], approximate: true });
  });

  it('counts every place exactly once at every zoom, and shows fewer markers zoomed out', () => {
    const points = scattered(5000);
    const index = new ClusterIndex(pointColumns(points));
    const places = index.markers(WORLD, MAP_MAX_ZOOM);
    expect(places.every((m) => m.kind === 'place')).toBe(true);
    expect(places.flatMap((m) => (m.kind === 'place' ? m.members : [])).sort((a, b) => a - b)).toEqual(points.map((_, i) => i));
    let previous = Infinity;
    for (let zoom = MAP_MAX_ZOOM; zoom >= MAP_MIN_ZOOM; zoom--) {
      const markers = index.markers(WORLD, zoom);
      expect(placesIn(markers), `zoom ${zoom}`).toBe(places.length);
      expect(markers.length, `zoom ${zoom}`).toBeLessThanOrEqual(previous);
      previous = markers.length;
    }
    expect(previous).toBeLessThan(100);
  });

  it('answers only the markers inside the view', () => {
    const points = [point(0, 34.05, -118.25), point(1, 37.77, -122.42), point(2, 32.72, -117.16)];
    const index = new ClusterIndex(pointColumns(points));
    const bayArea = index.markers([-123, 37, -121.5, 38.5], 10);
    expect(bayArea).toEqual([{ kind: 'place', lat: 37.77, lon: -122.42, approximate: false, members: [1] }]);
  });

  it('breaks a clicked cluster apart at the zoom it names', () => {
    // Two services about a kilometre apart, far from the rest: one cluster when zoomed out.
    const points = [point(0, 34.05, -118.25), point(1, 34.059, -118.25), point(2, 37.77, -122.42)];
    const index = new ClusterIndex(pointColumns(points));
    const around: [number, number, number, number] = [-118.4, 33.9, -118.1, 34.2];
    const cluster = index.markers(around, 6)[0]!;
    expect(cluster).toMatchObject({ kind: 'cluster', count: 2 });
    const zoom = index.expansionZoom((cluster as { id: number }).id);
    expect(zoom).toBeGreaterThan(6);
    expect(index.markers(around, zoom - 1)).toHaveLength(1);
    expect(index.markers(around, zoom).map((m) => m.kind)).toEqual(['place', 'place']);
  });

  it('keeps an index answering as it did while other sets are clustered, larger and smaller, and clusters a set again the same', () => {
    const everyZoom = (index: ClusterIndex) => Array.from({ length: MAP_MAX_ZOOM - MAP_MIN_ZOOM + 1 }, (_, z) => index.markers(WORLD, MAP_MIN_ZOOM + z));
    const columns = pointColumns(scattered(1500));
    const first = new ClusterIndex(columns);
    const answered = everyZoom(first);
    // Other sets, differently spread, between: a build's work arrays are lent again to the next.
    const others = [scattered(6000).map((p) => ({ ...p, lat: p.lat + 1.5 })), scattered(40)].map((points) => new ClusterIndex(pointColumns(points)));
    expect(everyZoom(first)).toEqual(answered);
    expect(everyZoom(new ClusterIndex(columns))).toEqual(answered);
    expect(placesIn(others[0]!.markers(WORLD, MAP_MIN_ZOOM))).toBe(placesIn(others[0]!.markers(WORLD, MAP_MAX_ZOOM)));
  });

  it('clusters every zoom as the greedy method does, checked against a search of every pair', () => {
    const index = new ClusterIndex(pointColumns(scattered(1500)));
    let items = index.markers(WORLD, MAP_MAX_ZOOM).map((m) => ({ x: lonX(m.lon), y: latY(m.lat), count: 1 }));
    for (let zoom = 15; zoom >= MAP_MIN_ZOOM; zoom--) {
      items = greedyLevel(items, 48 / (256 * 2 ** zoom));
      const markers = index.markers(WORLD, zoom);
      expect(markers.map((m) => (m.kind === 'cluster' ? m.count : 1)), `zoom ${zoom}`).toEqual(items.map((c) => c.count));
      markers.forEach((m, k) => {
        expect(lonX(m.lon)).toBeCloseTo(items[k]!.x, 12);
        expect(latY(m.lat)).toBeCloseTo(items[k]!.y, 12);
      });
    }
  });
});

/** Web Mercator, the world as the unit square, as the index projects. */
const lonX = (lon: number) => lon / 360 + 0.5;
const latY = (lat: number) => {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
};

/**
 * One zoom out, the plain way: biggest first (by powers of two), ties by cell (squares r wide, row by
 * row) and then in order; each item not yet taken takes every untaken item within r, found by measuring
 * against all of them.
 */
function greedyLevel(finer: { x: number; y: number; count: number }[], r: number) {
  const cell = finer.map((q) => [Math.floor(q.y / r), Math.floor(q.x / r)] as const);
  const seeds = finer
    .map((_, i) => i)
    .sort((a, b) => Math.clz32(finer[a]!.count) - Math.clz32(finer[b]!.count) || cell[a]![0] - cell[b]![0] || cell[a]![1] - cell[b]![1] || a - b);
  const taken = new Set<number>();
  const out = [];
  for (const i of seeds) {
    if (taken.has(i)) continue;
    taken.add(i);
    let [count, wx, wy] = [finer[i]!.count, finer[i]!.x * finer[i]!.count, finer[i]!.y * finer[i]!.count];
    finer.forEach((q, j) => {
      if (taken.has(j) || (q.x - finer[i]!.x) ** 2 + (q.y - finer[i]!.y) ** 2 > r * r) return;
      taken.add(j);
      count += q.count;
      wx += q.x * q.count;
      wy += q.y * q.count;
    });
    out.push({ x: wx / count, y: wy / count, count });
  }
  return out;
}
