import { useEffect, useState } from 'react';
import type { MapPoints, MapSetItems, MapTable } from '../../../shared/domain';
import { pointsOfItems } from '../../../shared/map/map-points';
import { atlas } from '../atlas';
import { KeptSets } from './clusters/kept-sets';

/** Sets kept, besides the whole directory's, as the cluster worker keeps their indexes (clusters/cluster-answers.ts). */
const KEPT = 3;

/** Main's answers: a set's services (null when main no longer keeps that set), an index's points (null once another is installed). */
export interface PointsSource {
  items(set: string): Promise<MapSetItems | null>;
  table(index: number): Promise<MapTable | null>;
}

const fromMain: PointsSource = {
  items: (set) =>
    atlas()
      .mapItems({ set })
      .then((r) => (r.ok ? r.value : null)),
  table: (index) =>
    atlas()
      .mapTable({ index })
      .then((r) => (r.ok ? r.value : null)),
};

/**
 * The points of the last few result sets, each asked of main once. A set comes as its services' numbers;
 * their points are read from the installed index's table, asked once per index. The search asks for an
 * answer's set as the answer arrives (`prefetch`), so main answers while the page draws the list; the
 * points made are told at once to whoever listens (`onMade`: the map's clustering starts then, on its
 * worker, without waiting for the page to render them), and the map takes them from here. Going back to
 * a set (a filter unticked) or to the whole directory's asks main nothing. Owned by the app's page, so a
 * quick exit forgets them with everything else.
 */
export class MapPointsCache {
  /** An answer of null (or a failed ask) is forgotten, so a later need asks again. */
  private readonly asked = new KeptSets<Promise<MapPoints | null>>(KEPT);
  private table: { index: number; answer: Promise<MapTable | null> } | null = null;
  private readonly listeners = new Set<(points: MapPoints) => void>();

  constructor(private readonly main: PointsSource = fromMain) {}

  get(set: string): Promise<MapPoints | null> {
    let points = this.asked.get(set);
    if (!points) {
      const asking = this.pointsOf(set).catch(() => null);
      points = asking;
      void asking.then((answer) => {
        if (answer === null) this.asked.forget(set, asking);
        else this.asked.offer(set, asking, answer.index, answer.lat.length);
      });
    }
    this.asked.add(set, points);
    return points;
  }

  /** Starts asking for a set's points ahead of the map's need. */
  prefetch(set: string): void {
    void this.get(set);
  }

  /** Hears each set's points as they are made; returns the way to stop hearing. */
  onMade(listener: (points: MapPoints) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private async pointsOf(set: string): Promise<MapPoints | null> {
    const items = await this.main.items(set);
    if (!items) return null;
    const table = await this.tableOf(items.index);
    if (!table) return null;
    const points = pointsOfItems(table, items);
    for (const listener of this.listeners) listener(points);
    return points;
  }

  /** One index's table at a time: a new install's numbers are another index's. */
  private tableOf(index: number): Promise<MapTable | null> {
    if (this.table?.index !== index) {
      const asking = this.main.table(index).catch(() => null);
      this.table = { index, answer: asking };
      void asking.then((answer) => {
        if (answer === null && this.table?.answer === asking) this.table = null;
      });
    }
    return this.table.answer;
  }
}

/**
 * The points of the result set a search answer named (`map.set`), from `cache`: a word typed further that
 * finds the same services costs the map nothing, and the list never waits for the points. The points held
 * stay until the new ones arrive; a set that changes again meanwhile drops the older set's answer.
 */
export function useMapPoints(set: string | null, cache: MapPointsCache): MapPoints | null {
  const [points, setPoints] = useState<MapPoints | null>(null);
  useEffect(() => {
    if (!set || points?.set === set) return;
    let current = true;
    // null: main no longer keeps that set, so a newer answer (with its own set) is on its way.
    void cache.get(set).then((answer) => current && answer && setPoints(answer));
    return () => {
      current = false;
    };
  }, [set, points, cache]);
  return points;
}
