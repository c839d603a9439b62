import { useEffect, useRef, useState } from 'react';
import type { MapPoints } from '../../../shared/domain';
import { atlas } from '../atlas';

/**
 * The points of the result set a search answer named (`map.set`), asked of main only when the set is not
 * the one already held: a word typed further that finds the same services costs the map nothing, and the
 * list never waits for the points. The points held stay until the new ones arrive; a set that changes
 * again meanwhile drops the older request's answer.
 */
export function useMapPoints(set: string | null): MapPoints | null {
  const [points, setPoints] = useState<MapPoints | null>(null);
  const held = useRef<string | null>(null);
  useEffect(() => {
    if (!set || held.current === set) return;
    let current = true;
    void atlas()
      .mapPoints({ set })
      .then((r) => {
        // null: main no longer keeps that set, so a newer answer (with its own set) is on its way.
        if (!current || !r.ok || !r.value) return;
        held.current = r.value.set;
        setPoints(r.value);
      });
    return () => {
      current = false;
    };
  }, [set]);
  return points;
}
