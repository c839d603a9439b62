// US county outlines from us-atlas counties-10m (US Census, unprojected longitude/latitude; the albers
// files are projected for drawing and would put every point in the wrong place), with a point-in-polygon
// test. Shared by the gazetteer and area-table builders so both name the same county for a point.
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topo = require('us-atlas/counties-10m.json');

/** Every county: FIPS code, name, polygons (rings of [lon, lat]) and bounding box. */
export const counties = feature(topo, topo.objects.counties).features.map((f) => {
  const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygons) {
    for (const [lon, lat] of rings[0]) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
  }
  return { fips: String(f.id), name: f.properties.name, geometry: f.geometry, polygons, box: [west, south, east, north] };
});

const inRing = (lon, lat, ring) => {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};

const contains = (county, lon, lat) => {
  const [west, south, east, north] = county.box;
  if (lon < west || lon > east || lat < south || lat > north) return false;
  return county.polygons.some((rings) => inRing(lon, lat, rings[0]) && !rings.slice(1).some((hole) => inRing(lon, lat, hole)));
};

/** The county a point lies in, among those whose FIPS code starts with `statePrefix` ('' for any); null offshore. */
export function countyAt(lon, lat, statePrefix = '') {
  for (const c of counties) if (c.fips.startsWith(statePrefix) && contains(c, lon, lat)) return c;
  return null;
}
