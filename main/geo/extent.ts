/** Polygons as GeoJSON MultiPolygon coordinates: polygons of rings (outer ring first, then holes) of [lon, lat]. */
export type Polygons = number[][][][];

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90;
const isRing = (r: unknown): r is number[][] => Array.isArray(r) && r.length >= 4 && r.every(isPosition);
const isPolygon = (p: unknown): p is number[][][] => Array.isArray(p) && p.length >= 1 && p.every(isRing);

function geometryPolygons(g: unknown): Polygons | null {
  if (typeof g !== 'object' || g === null) return null;
  const { type, coordinates, geometry, features, geometries } = g as Record<string, unknown>;
  if (type === 'Polygon') return isPolygon(coordinates) ? [coordinates] : null;
  if (type === 'MultiPolygon') return Array.isArray(coordinates) && coordinates.length > 0 && coordinates.every(isPolygon) ? coordinates : null;
  if (type === 'Feature') return geometryPolygons(geometry);
  const parts = type === 'FeatureCollection' ? features : type === 'GeometryCollection' ? geometries : null;
  if (!Array.isArray(parts) || parts.length === 0) return null;
  const all: Polygons = [];
  for (const part of parts) {
    const polygons = geometryPolygons(part);
    if (!polygons) return null;
    all.push(...polygons);
  }
  return all;
}

/**
 * The polygons of an HSDS `service_area.extent` given as GeoJSON (a Polygon or MultiPolygon, bare or in a
 * Feature or collection). Null for any other extent (KML, TopoJSON, text, a point, broken JSON): those
 * are kept as the publisher wrote them but cannot say which places an area covers.
 */
export function extentPolygons(extent: string | null, extentType: string | null): Polygons | null {
  if (!extent) return null;
  const type = (extentType ?? '').trim().toLowerCase();
  if (type !== '' && type !== 'geojson') return null;
  try {
    return geometryPolygons(JSON.parse(extent));
  } catch {
    return null;
  }
}

function inRing(lon: number, lat: number, ring: number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the point lies inside one of the polygons (inside its outer ring and outside its holes). */
export function polygonsContain(polygons: Polygons, lon: number, lat: number): boolean {
  return polygons.some((rings) => inRing(lon, lat, rings[0]!) && !rings.slice(1).some((hole) => inRing(lon, lat, hole)));
}
