import { ClusterIndex, type PointColumns } from '../../../shared/map/map-clusters';
import type { ClusterReply, ClusterRequest } from './cluster-messages';

/**
 * Builds and queries the cluster index off the page's thread: at 100,000 points building takes about a
 * tenth of a second (more on a loaded machine), during which the map must keep panning and the list keep
 * scrolling.
 */
let index: ClusterIndex | null = null;
/**
 * The newest indexes by result set, so going back to a set (a filter ticked and unticked, a word deleted)
 * is not clustered again. A few only: an index of 100,000 points takes some 20 MB.
 */
const KEPT = 3;
const recent = new Map<string, ClusterIndex>();

function indexFor(set: string, columns: PointColumns): ClusterIndex {
  const made = recent.get(set) ?? new ClusterIndex(columns);
  recent.delete(set);
  recent.set(set, made);
  while (recent.size > KEPT) recent.delete(recent.keys().next().value!);
  return made;
}

// The renderer is type-checked with DOM types only; a worker's global scope is all this file needs.
const scope = self as unknown as { onmessage: (event: MessageEvent<ClusterRequest>) => void; postMessage: (reply: ClusterReply) => void };

scope.onmessage = (event) => {
  const request = event.data;
  let reply: ClusterReply;
  if (request.type === 'load') {
    index = indexFor(request.set, request.columns);
    reply = { type: 'loaded', id: request.id };
  } else if (!index) {
    reply = { type: 'error', id: request.id, message: 'The cluster index is not built yet.' };
  } else if (request.type === 'markers') {
    reply = { type: 'markers', id: request.id, markers: index.markers(request.bbox, request.zoom) };
  } else {
    reply = { type: 'expansionZoom', id: request.id, zoom: index.expansionZoom(request.clusterId) };
  }
  scope.postMessage(reply);
};
