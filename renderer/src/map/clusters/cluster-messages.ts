import type { MapMarker, PointColumns } from '../../../../shared/map/map-clusters';

/** A view of the map: west, south, east, north, and the zoom. */
export interface MapView {
  bbox: [number, number, number, number];
  zoom: number;
}

/** What the page asks the cluster worker, and what it answers. Every request carries an id. */
export type ClusterRequest =
  /**
   * set: the result set's key; an index the worker still holds for it is used again. index: the search
   * index the set belongs to. columns: the set's points, left out when the worker was sent them already
   * (`index`), which it answers `missing` if it has let that set go. view: the map's view, whose markers
   * come back with the reply, so the first draw of a set asks nothing more.
   */
  | { type: 'load'; id: number; set: string; index: number; columns?: PointColumns; view: MapView }
  /** Builds a set's index ahead of its load, kept with the newest: the page renders the set's points meanwhile. */
  | { type: 'index'; id: number; set: string; index: number; columns: PointColumns }
  | { type: 'markers'; id: number; view: MapView }
  | { type: 'expansionZoom'; id: number; clusterId: number };

export type ClusterReply =
  | { type: 'loaded'; id: number; markers: MapMarker[] }
  | { type: 'indexed'; id: number }
  | { type: 'missing'; id: number }
  | { type: 'markers'; id: number; markers: MapMarker[] }
  | { type: 'expansionZoom'; id: number; zoom: number }
  | { type: 'error'; id: number; message: string };
