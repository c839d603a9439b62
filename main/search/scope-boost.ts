import { COVERS } from '../geo/area-cover';
import type { TextMatches } from './words/text-postings';

/**
 * How much more a match counts, when the search gives no place, for a service whose areas take in the
 * whole state: it is the only kind known to serve a caller from anywhere. Words still decide; this orders
 * near-equal matches: a San Diego line and the national line both named "trafficking hotline" score within
 * a percent of each other, and a desk that gave no place needs the one that answers everyone. With a
 * place, distance and the service-area filter speak for locality instead.
 */
export const SCOPE_BOOST = 0.1;

/** Raises the scores of the matched items whose coverage (by item) is COVERS by SCOPE_BOOST, in place. */
export function boostCovering(matches: TextMatches, coverage: Uint8Array): void {
  const { items, score } = matches;
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    if (coverage[i] === COVERS) score[i]! *= 1 + SCOPE_BOOST;
  }
}
