const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle distance in kilometres (haversine): accurate to well under 1% at the scale of a state. */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  return distanceWithCosinesKm(lat1, lon1, latitudeCosine(lat1), lat2, lon2, latitudeCosine(lat2));
}

export const latitudeCosine = (lat: number) => Math.cos(lat * RAD);

/**
 * distanceKm given the cosines of both latitudes (latitudeCosine): a search measuring from one place to
 * 100,000 points works each out once, not twice per point per search.
 */
export function distanceWithCosinesKm(lat1: number, lon1: number, cos1: number, lat2: number, lon2: number, cos2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + cos1 * cos2 * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * The distance along a meridian between two latitudes: never more than distanceKm between any two
 * points at those latitudes, so a point this far beyond a radius needs no trigonometry to rule it out.
 */
export function latitudeGapKm(lat1: number, lat2: number): number {
  return Math.abs(lat2 - lat1) * RAD * EARTH_RADIUS_KM;
}
