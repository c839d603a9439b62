import type { GeoPoint } from '../../../shared/domain';
import { distanceWithCosinesKm, latitudeCosine, latitudeGapKm } from '../../geo/distance';
import type { FacetIndex, MaskFacet } from './facet-index';
import { openStates } from './weekly-hours';
import { derived, workArray } from '../per-index';

// Filter groups: an item's failures are a bitmask, so one pass yields both the results and, for each
// facet, the items that pass every other facet (what that facet's counts are over).
export const F_CATEGORY = 1;
export const F_LANGUAGE = 2;
export const F_POPULATION = 4;
export const F_OPEN_NOW = 8;
export const F_24X7 = 16;
export const F_VERIFIED = 32;
export const F_DISTANCE = 64;
export const F_AREA = 128;
export const F_AGE = 256;
export const F_FREE = 512;
export const F_NO_ID = 1024;
export const F_WHEELCHAIR = 2048;
/** With a place: no public point to measure from. Listed apart from the results, and not in their counts. */
export const F_APART = 4096;
export const F_SOURCE = 8192;

export interface PoolFilters {
  categoryMask: Uint32Array | null;
  languageMask: Uint32Array | null;
  /** Population value indexes (-1 for one no record mentions). */
  populations: number[];
  /** By source number, 1 for the sources asked for (source-facet.ts); null for any source. */
  sourceWanted: Uint8Array | null;
  /** Drop services that have not said whether they serve the populations, rather than mark them. */
  confirmedOnly: boolean;
  /** The same for hours, with "open now" or "open 24/7". */
  hoursConfirmedOnly: boolean;
  openNow: boolean;
  open24x7: boolean;
  /** Epoch milliseconds; null for no verification filter. */
  verifiedSince: number | null;
  reference: GeoPoint | null;
  radiusKm: number | null;
  /** By item, with `serves`: 2 its area covers the place, 1 not stated or unclear, 0 does not (area-facet.ts). */
  areaCoverage: Uint8Array | null;
  age: number | null;
  free: boolean;
  noIdNeeded: boolean;
  wheelchair: boolean;
  now: Date;
}

export interface FilteredPool {
  /** By pool position: the filter groups the item fails (0 = a result). */
  fail: Uint16Array;
  /** By pool position: km to the nearest public point, Infinity without one (or without a reference). */
  distance: Float64Array;
  /** By pool position: 1 open now, 0 closed, -1 hours not stated. */
  open: Int8Array;
  /** By pool position: how many of the populations asked about the item has not said it serves; null when none are asked about. */
  unconfirmed: Uint8Array | null;
}

// Helpers of the per-item loops live beside them: a call into another module costs a getter in the
// module runner the benchmark and tests use, several times the bit test itself.
export function hasValue(m: MaskFacet, item: number, value: number): boolean {
  return (m.bits[item * m.words + (value >>> 5)]! & (1 << (value & 31))) !== 0;
}

function anyOf(m: MaskFacet, item: number, mask: Uint32Array): boolean {
  for (let w = 0; w < m.words; w++) if ((m.bits[item * m.words + w]! & mask[w]!) !== 0) return true;
  return false;
}

/**
 * Applies the filters to the pool one filter at a time: each pass is a short loop over typed arrays,
 * which V8 compiles once and keeps, where one loop testing everything would be re-optimized on every query.
 * The arrays answered are the index's work arrays (per-index.ts): good until its next filterPool.
 */
export function filterPool(ix: FacetIndex, pool: Int32Array, q: PoolFilters): FilteredPool {
  const n = pool.length;
  const fail = workArray(ix, 'fail', Uint16Array, n, 0);
  const open = openStates(ix, pool, q.now);
  if (q.categoryMask) failUnlessAny(fail, F_CATEGORY, ix.categories, pool, q.categoryMask);
  if (q.languageMask) failUnlessAny(fail, F_LANGUAGE, ix.languages, pool, q.languageMask);
  const unconfirmed = q.populations.length > 0 ? workArray(ix, 'unconfirmed', Uint8Array, n, 0) : null;
  for (const p of q.populations) failPopulation(fail, unconfirmed!, ix, pool, p, q.confirmedOnly);
  if (q.sourceWanted) failSource(fail, pool, ix.sourceOf, q.sourceWanted);
  if (q.openNow) {
    for (let k = 0; k < n; k++) if (open[k] === 0 || (open[k] === -1 && q.hoursConfirmedOnly)) fail[k]! |= F_OPEN_NOW;
  }
  if (q.open24x7) {
    for (let k = 0; k < n; k++) if (open[k] === -1 ? q.hoursConfirmedOnly : ix.always[pool[k]!] === 0) fail[k]! |= F_24X7;
  }
  if (q.verifiedSince !== null) {
    for (let k = 0; k < n; k++) if (!(ix.assuredAt[pool[k]!]! >= q.verifiedSince)) fail[k]! |= F_VERIFIED;
  }
  if (q.areaCoverage) failArea(fail, pool, q.areaCoverage, q.confirmedOnly);
  if (q.age !== null) failAge(fail, pool, ix.ageMin, ix.ageMax, q.age, q.confirmedOnly);
  if (q.free) failUnlessYes(fail, F_FREE, pool, ix.free, q.confirmedOnly);
  if (q.noIdNeeded) failUnlessYes(fail, F_NO_ID, pool, ix.noIdNeeded, q.confirmedOnly);
  if (q.wheelchair) failUnlessYes(fail, F_WHEELCHAIR, pool, ix.wheelchair, q.confirmedOnly);
  const distance = workArray(ix, 'distance', Float64Array, n, Infinity);
  if (q.reference) measureDistances(ix, pool, q.reference, q.radiusKm, distance, fail);
  return { fail, distance, open, unconfirmed };
}

/** Areas that do not reach the place fail; with "confirmed only", so do those that do not say. */
function failArea(fail: Uint16Array, pool: Int32Array, coverage: Uint8Array, confirmedOnly: boolean): void {
  const least = confirmedOnly ? 2 : 1;
  for (let k = 0; k < pool.length; k++) if (coverage[pool[k]!]! < least) fail[k]! |= F_AREA;
}

/** Stated ages that leave the age out fail; with "confirmed only", so do services stating none. */
function failAge(fail: Uint16Array, pool: Int32Array, min: Float64Array, max: Float64Array, age: number, confirmedOnly: boolean): void {
  for (let k = 0; k < pool.length; k++) {
    const i = pool[k]!;
    const lo = min[i]!;
    const hi = max[i]!;
    if (age < lo || age > hi || (confirmedOnly && Number.isNaN(lo) && Number.isNaN(hi))) fail[k]! |= F_AGE;
  }
}

/** A yes / no / not stated facet (1, 0, -1): "no" fails; with "confirmed only", so does "not stated". */
function failUnlessYes(fail: Uint16Array, flag: number, pool: Int32Array, answers: Int8Array, confirmedOnly: boolean): void {
  for (let k = 0; k < pool.length; k++) {
    const a = answers[pool[k]!]!;
    if (a === 0 || (confirmedOnly && a === -1)) fail[k]! |= flag;
  }
}

/** Services from a source not asked for fail. */
function failSource(fail: Uint16Array, pool: Int32Array, sourceOf: Uint16Array, wanted: Uint8Array): void {
  for (let k = 0; k < pool.length; k++) if (wanted[sourceOf[pool[k]!]!] === 0) fail[k]! |= F_SOURCE;
}

function failUnlessAny(fail: Uint16Array, flag: number, m: MaskFacet, pool: Int32Array, mask: Uint32Array): void {
  for (let k = 0; k < pool.length; k++) if (!anyOf(m, pool[k]!, mask)) fail[k]! |= flag;
}

/**
 * Those that said they do not serve the population fail; with "confirmed only", so do those that have
 * not said. Those kept without having said are counted in `unconfirmed`, to rank after those that confirm.
 */
function failPopulation(fail: Uint16Array, unconfirmed: Uint8Array, ix: FacetIndex, pool: Int32Array, p: number, confirmedOnly: boolean): void {
  for (let k = 0; k < pool.length; k++) {
    const i = pool[k]!;
    if (p >= 0 && hasValue(ix.served, i, p)) continue;
    if (confirmedOnly || (p >= 0 && hasValue(ix.excluded, i, p))) fail[k]! |= F_POPULATION;
    else unconfirmed[k]!++;
  }
}

/**
 * Items without a public point (phone and online services, withheld addresses) never fail on distance:
 * they are marked to be listed apart.
 * A point whose latitude alone puts it beyond the radius keeps that lower bound as its distance: it
 * fails either way, and its item is never shown or sorted by it.
 */
function measureDistances(ix: FacetIndex, pool: Int32Array, reference: GeoPoint, radiusKm: number | null, distance: Float64Array, fail: Uint16Array): void {
  const reach = radiusKm ?? Infinity;
  // Imported functions called per point would be a property lookup each in the test and bench runner.
  const [gapKm, greatCircleKm] = [latitudeGapKm, distanceWithCosinesKm];
  const { lat, lon } = reference;
  const cos = latitudeCosine(lat);
  const pointCos = derived(ix, 'pointCosines', () => Float64Array.from(ix.pointLat, latitudeCosine));
  for (let k = 0; k < pool.length; k++) {
    const i = pool[k]!;
    let nearest = Infinity;
    for (let p = ix.pointStart[i]!; p < ix.pointStart[i + 1]!; p++) {
      const gap = gapKm(lat, ix.pointLat[p]!);
      nearest = Math.min(nearest, gap > reach ? gap : greatCircleKm(lat, lon, cos, ix.pointLat[p]!, ix.pointLon[p]!, pointCos[p]!));
    }
    distance[k] = nearest;
    if (nearest === Infinity) fail[k]! |= F_APART;
    else if (radiusKm !== null && nearest > radiusKm) fail[k]! |= F_DISTANCE;
  }
}
