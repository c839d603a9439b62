import type { MapPoints } from '../../../shared/domain';
import { atlas } from '../atlas';

/** Sets kept, as the cluster worker keeps their indexes (cluster-answers.ts). */
const KEPT = 3;
/** The newest sets asked for, newest last: going back to one (a filter unticked) asks main nothing. */
const recent = new Map<string, Promise<MapPoints | null>>();

/**
 * The points of result set `set`, asked of main once while among the last few sets. The search asks as
 * soon as an answer names its set (useSearch.ts), so main gathers the points and they cross while the
 * page renders the list, and the map (useMapPoints.ts) then gets the same answer. Null when main no
 * longer keeps that set (a newer answer, with its own set, is on its way) or refuses: not kept, so
 * asking again asks main.
 */
export function mapPointsOf(set: string): Promise<MapPoints | null> {
  const asked = recent.get(set) ?? ask(set);
  recent.delete(set);
  recent.set(set, asked);
  while (recent.size > KEPT) recent.delete(recent.keys().next().value!);
  return asked;
}

function ask(set: string): Promise<MapPoints | null> {
  const asked = atlas()
    .mapPoints({ set })
    .then((r) => (r.ok ? r.value : null));
  void asked.then((points) => {
    if (!points && recent.get(set) === asked) recent.delete(set);
  });
  return asked;
}
