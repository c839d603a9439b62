import type { MapPoints } from '../../../../shared/domain';
import type { MapMarker } from '../../../../shared/map/map-clusters';
import type { ClusterReply, ClusterRequest, MapView } from './cluster-messages';

/** What the worker is sent of a set's points: not the service numbers, which only the page resolves. */
const clustered = ({ set, index, lat, lon, approximate }: MapPoints) => ({ set, index, columns: { lat, lon, approximate } });

type Pending = { resolve: (reply: ClusterReply) => void; reject: (err: Error) => void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/**
 * The page's side of the cluster worker: one promise per request, answered in order. `onFailed` is
 * called once if the worker fails (its script did not load, or it threw): every request then rejects.
 */
export class ClusterClient {
  private worker: Worker | null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(private readonly onFailed: () => void) {
    const worker = new Worker(new URL('./cluster-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ClusterReply>) => {
      const reply = event.data;
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!waiting) return;
      if (reply.type === 'error') waiting.reject(new Error(reply.message));
      else waiting.resolve(reply);
    };
    worker.onerror = (event) => {
      // Handled here, by the message on the map: not also an uncaught error of the page.
      event.preventDefault();
      this.fail();
    };
    worker.onmessageerror = () => this.fail();
    this.worker = worker;
  }

  private ask(request: DistributiveOmit<ClusterRequest, 'id'>): Promise<ClusterReply> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new Error('The cluster worker failed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  /** A worker that failed may have dropped what it was asked, so nothing is left waiting for it. */
  private fail(): void {
    if (!this.worker) return;
    this.worker.terminate();
    this.worker = null;
    const failure = new Error('The cluster worker failed');
    for (const waiting of this.pending.values()) waiting.reject(failure);
    this.pending.clear();
    this.onFailed();
  }

  /**
   * Markers then name points by their index in these columns. The worker was sent them as they were made
   * (`indexAhead`), so they are sent again only if it has let the set go: a copy of 100,000 points takes
   * the page's thread a few milliseconds. Resolves to the markers of `view`.
   */
  async load(points: MapPoints, view: MapView): Promise<MapMarker[]> {
    let reply = await this.ask({ type: 'load', set: points.set, index: points.index, view });
    if (reply.type === 'missing') reply = await this.ask({ type: 'load', ...clustered(points), view });
    return reply.type === 'loaded' ? reply.markers : [];
  }

  /** Builds a set's index ahead of its `load`, which then finds it built. Its points are copied (bytes, not objects): the page keeps its own. */
  indexAhead(points: MapPoints): void {
    this.ask({ type: 'index', ...clustered(points) }).catch(() => undefined);
  }

  async markers(view: MapView): Promise<MapMarker[]> {
    const reply = await this.ask({ type: 'markers', view });
    return reply.type === 'markers' ? reply.markers : [];
  }

  async expansionZoom(clusterId: number): Promise<number> {
    const reply = await this.ask({ type: 'expansionZoom', clusterId });
    return reply.type === 'expansionZoom' ? reply.zoom : 0;
  }

  /** Stops the worker. Unanswered requests are dropped, not failed: whoever asked went with the map. */
  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
    this.pending.clear();
  }
}
