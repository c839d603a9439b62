import { useEffect, useState } from 'react';
import type { MapPoints } from '../../../shared/domain';
import { mapPointsOf } from './map-points';

/**
 * The points of the result set a search answer named (`map.set`), from mapPointsOf, which the search has
 * usually asked already; taken only when the set is not the one already held, so a word typed further
 * that finds the same services costs the map nothing. The points held stay until the new ones arrive; a
 * set that changes again meanwhile drops the older request's answer.
 */
export function useMapPoints(set: string | null): MapPoints | null {
  const [points, setPoints] = useState<MapPoints | null>(null);
  useEffect(() => {
    if (!set || points?.set === set) return;
    let current = true;
    void mapPointsOf(set).then((found) => current && found && setPoints(found));
    return () => {
      current = false;
    };
  }, [set, points]);
  return points;
}
