import { SEARCH_RADII_KM, type RelaxableFilter, type Relaxation } from '../../../shared/domain';
import { F_24X7, F_AGE, F_APART, F_AREA, F_CATEGORY, F_DISTANCE, F_FREE, F_LANGUAGE, F_NO_ID, F_OPEN_NOW, F_POPULATION, F_SOURCE, F_VERIFIED, F_WHEELCHAIR, type FilteredPool } from './pool-filter';

const DROPPABLE: [flag: number, filter: RelaxableFilter][] = [
  [F_CATEGORY, 'categories'],
  [F_LANGUAGE, 'languages'],
  [F_POPULATION, 'populations'],
  [F_SOURCE, 'sources'],
  [F_OPEN_NOW, 'openNow'],
  [F_24X7, 'open24x7'],
  [F_VERIFIED, 'verified'],
  [F_AREA, 'serves'],
  [F_AGE, 'age'],
  [F_FREE, 'free'],
  [F_NO_ID, 'noIdNeeded'],
  [F_WHEELCHAIR, 'wheelchair'],
];

/**
 * What an empty search would give with one filter dropped, or with the next wider radius that reaches
 * any: read off the failure bits the filters already left, one walk over the pool. An item failing one
 * filter group alone is a result without it; one failing only on distance is counted at the radii it is
 * within. Services listed apart (no point) are not counted: they are listed whatever the filters.
 */
export function relaxations({ fail, distance }: Pick<FilteredPool, 'fail' | 'distance'>, length: number, radiusKm: number | null): Relaxation[] {
  // One slot per combination of failure bits: the highest bit is the highest flag.
  const alone = new Uint32Array(Math.max(F_APART, F_SOURCE) << 1);
  const wider = SEARCH_RADII_KM.filter((r) => radiusKm !== null && r > radiusKm);
  const within = new Uint32Array(wider.length + 1);
  for (let k = 0; k < length; k++) {
    const f = fail[k]!;
    alone[f]!++;
    if (f !== F_DISTANCE) continue;
    for (let r = 0; r < wider.length; r++) if (distance[k]! <= wider[r]!) within[r]!++;
    within[wider.length]!++;
  }
  const found: Relaxation[] = DROPPABLE.filter(([flag]) => alone[flag]! > 0).map(([flag, drop]) => ({ drop, count: alone[flag]! }));
  if (radiusKm !== null) {
    const r = within.findIndex((n) => n > 0);
    if (r >= 0) found.push({ radiusKm: wider[r] ?? null, count: within[r]! });
  }
  return found.sort((a, b) => b.count - a.count);
}
