import { useEffect, useRef, useState } from 'react';
import type { MapPoints } from '../../../shared/domain';
import { atlas } from '../atlas';

/** Sets kept, as the cluster worker keeps their indexes (cluster-answers.ts). */
const KEPT = 3;

/**
 * The points of the result set a search answer named (`map.set`), asked of main only when the set is not
 * the one already held: a word typed further that finds the same services costs the map nothing, and the
 * list never waits for the points. The points held stay until the new ones arrive; a set that changes
 * again meanwhile drops the older request's answer. The last few sets are kept.
 */
export function useMapPoints(set: string | null): MapPoints | null {
  const [points, setPoints] = useState<MapPoints | null>(null);
  /** The newest sets fetched, newest last: going back to one (a filter unticked) asks main nothing. */
  const recent = useRef(new Map<string, MapPoints>());
  useEffect(() => {
    if (!set || points?.set === set) return;
    const known = recent.current.get(set);
    if (known) return setPoints(known);
    let current = true;
    void atlas()
      .mapPoints({ set })
      .then((r) => {
        // null: main no longer keeps that set, so a newer answer (with its own set) is on its way.
        if (!current || !r.ok || !r.value) return;
        recent.current.set(r.value.set, r.value);
        while (recent.current.size > KEPT) recent.current.delete(recent.current.keys().next().value!);
        setPoints(r.value);
      });
    return () => {
      current = false;
    };
  }, [set, points]);
  return points;
}
