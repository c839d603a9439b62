import { ClusterIndex, type PointColumns } from '../../../../shared/map/map-clusters';
import type { ClusterReply, ClusterRequest } from './cluster-messages';
import { KeptSets } from './kept-sets';

/**
 * A few only: an index of 100,000 points takes some 10 MB. Going back to a set (a filter ticked and
 * unticked, a word deleted) is then not clustered again; nor, ever, to the whole directory's (kept-sets.ts).
 */
const KEPT = 3;

/** The cluster worker's answers (cluster-worker.ts), kept apart from the worker's scope so tests can ask. */
export class ClusterAnswers {
  private index: ClusterIndex | null = null;
  private readonly kept = new KeptSets<ClusterIndex>(KEPT);

  answer(request: ClusterRequest): ClusterReply {
    if (request.type === 'load') {
      const made = this.indexFor(request);
      if (!made) return { type: 'missing', id: request.id };
      this.index = made;
      return { type: 'loaded', id: request.id, markers: made.markers(request.view.bbox, request.view.zoom) };
    }
    if (request.type === 'index') {
      this.indexFor(request);
      return { type: 'indexed', id: request.id };
    }
    if (!this.index) return { type: 'error', id: request.id, message: 'The cluster index is not built yet.' };
    if (request.type === 'markers') return { type: 'markers', id: request.id, markers: this.index.markers(request.view.bbox, request.view.zoom) };
    return { type: 'expansionZoom', id: request.id, zoom: this.index.expansionZoom(request.clusterId) };
  }

  /** The set's index, kept or built from its columns; null when neither is there to use. */
  private indexFor({ set, index, columns }: { set: string; index: number; columns?: PointColumns }): ClusterIndex | null {
    const kept = this.kept.get(set);
    const made = kept ?? (columns ? new ClusterIndex(columns) : null);
    if (!made) return null;
    this.kept.add(set, made);
    if (!kept && columns) this.kept.offer(set, made, index, columns.lat.length);
    return made;
  }
}
