import Supercluster from 'supercluster';
import type { MapPoint } from './domain';

export const MAP_MIN_ZOOM = 5;
export const MAP_MAX_ZOOM = 17;

/** Every result point at one spot: services at the same address stay one marker and spiderfy on click. */
export interface Place {
  lat: number;
  lon: number;
  points: MapPoint[];
  /** Every point here is approximate (a city centre, not an address). */
  approximate: boolean;
}

export type MapMarker =
  /** count: the places (distinct spots) inside; a place may hold several services. */
  | { kind: 'cluster'; id: number; lat: number; lon: number; count: number }
  | { kind: 'place'; place: Place };

type PlaceProps = { place: number };

/**
 * Groups points by coordinates, to about a metre: the numeric key (latitude and longitude in units of
 * 1e-5 degree, packed into one safe integer) is several times faster than a string key at 100k points.
 */
export function groupPlaces(points: readonly MapPoint[]): Place[] {
  const byKey = new Map<number, Place>();
  for (const p of points) {
    const key = Math.round((p.lat + 90) * 1e5) * 4e7 + Math.round((p.lon + 180) * 1e5);
    const place = byKey.get(key);
    if (place) {
      place.points.push(p);
      place.approximate &&= p.approximate;
    } else byKey.set(key, { lat: p.lat, lon: p.lon, points: [p], approximate: p.approximate });
  }
  return [...byKey.values()];
}

/** Above this zoom every place is drawn on its own: a street-level view holds few enough. */
const CLUSTER_MAX_ZOOM = 15;

/**
 * The clustering step between a result set and the map: built once per result set, then asked for the
 * markers of a viewport on every pan and zoom. Clusters count places, not services: supercluster's
 * map/reduce would count services but triples the build time at 100k points.
 */
export class ClusterIndex {
  readonly places: Place[];
  private readonly index: Supercluster<PlaceProps>;

  constructor(points: readonly MapPoint[]) {
    this.places = groupPlaces(points);
    this.index = new Supercluster<PlaceProps>({ radius: 56, minZoom: MAP_MIN_ZOOM, maxZoom: CLUSTER_MAX_ZOOM });
    this.index.load(
      this.places.map((place, i) => ({
        type: 'Feature' as const,
        properties: { place: i },
        geometry: { type: 'Point' as const, coordinates: [place.lon, place.lat] },
      })),
    );
  }

  /** Markers inside [west, south, east, north] at a zoom. */
  markers(bbox: [number, number, number, number], zoom: number): MapMarker[] {
    return this.index.getClusters(bbox, Math.round(zoom)).map((f) => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const props = f.properties as Partial<Supercluster.ClusterProperties> & Partial<PlaceProps>;
      return props.cluster ? { kind: 'cluster', id: props.cluster_id!, lat, lon, count: props.point_count! } : { kind: 'place', place: this.places[props.place!]! };
    });
  }

  /** The zoom at which a cluster breaks apart. */
  expansionZoom(clusterId: number): number {
    return Math.min(this.index.getClusterExpansionZoom(clusterId), MAP_MAX_ZOOM);
  }
}
