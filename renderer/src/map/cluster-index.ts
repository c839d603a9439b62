import Supercluster from 'supercluster';
import type { MapPoint } from '../../../shared/domain';

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
  | { kind: 'cluster'; id: number; lat: number; lon: number; count: number }
  | { kind: 'place'; place: Place };

type PlaceProps = { place: number; n: number };
type ClusterProps = { n: number };

/** Groups points by exact coordinates. */
export function groupPlaces(points: readonly MapPoint[]): Place[] {
  const byKey = new Map<string, Place>();
  for (const p of points) {
    const key = `${p.lat},${p.lon}`;
    const place = byKey.get(key);
    if (place) {
      place.points.push(p);
      place.approximate &&= p.approximate;
    } else byKey.set(key, { lat: p.lat, lon: p.lon, points: [p], approximate: p.approximate });
  }
  return [...byKey.values()];
}

/**
 * The clustering step between a result set and the map: built once per result set, then asked for the
 * markers of a viewport on every pan and zoom. Counts are of points (service locations).
 */
export class ClusterIndex {
  readonly places: Place[];
  private readonly index: Supercluster<PlaceProps, ClusterProps>;

  constructor(points: readonly MapPoint[]) {
    this.places = groupPlaces(points);
    this.index = new Supercluster<PlaceProps, ClusterProps>({
      radius: 56,
      minZoom: MAP_MIN_ZOOM,
      // Above this zoom every place is drawn on its own.
      maxZoom: MAP_MAX_ZOOM - 1,
      map: (props) => ({ n: props.n }),
      reduce: (acc, props) => {
        acc.n += props.n;
      },
    });
    this.index.load(
      this.places.map((place, i) => ({
        type: 'Feature' as const,
        properties: { place: i, n: place.points.length },
        geometry: { type: 'Point' as const, coordinates: [place.lon, place.lat] },
      })),
    );
  }

  /** Markers inside [west, south, east, north] at a zoom. */
  markers(bbox: [number, number, number, number], zoom: number): MapMarker[] {
    return this.index.getClusters(bbox, Math.round(zoom)).map((f) => {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      const props = f.properties as Partial<Supercluster.ClusterProperties> & Partial<PlaceProps> & ClusterProps;
      return props.cluster ? { kind: 'cluster', id: props.cluster_id!, lat, lon, count: props.n } : { kind: 'place', place: this.places[props.place!]! };
    });
  }

  /** The zoom at which a cluster breaks apart. */
  expansionZoom(clusterId: number): number {
    return Math.min(this.index.getClusterExpansionZoom(clusterId), MAP_MAX_ZOOM);
  }
}
