import type { MapMarker, PointColumns } from '../../../shared/map/map-clusters';

/** What the page asks the cluster worker, and what it answers. Every request carries an id. */
export type ClusterRequest =
  /** set: the result set's key; an index the worker still holds for it is used again. */
  | { type: 'load'; id: number; set: string; columns: PointColumns }
  | { type: 'markers'; id: number; bbox: [number, number, number, number]; zoom: number }
  | { type: 'expansionZoom'; id: number; clusterId: number };

export type ClusterReply =
  | { type: 'loaded'; id: number }
  | { type: 'markers'; id: number; markers: MapMarker[] }
  | { type: 'expansionZoom'; id: number; zoom: number }
  | { type: 'error'; id: number; message: string };
