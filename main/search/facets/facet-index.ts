import type { ServiceFacts } from '../service-facts';
import { storedHoursSteps, type StoredHours } from './weekly-hours';
import { areaColumns, type AreaColumns } from './area-facet';
import { eligibilityRules } from './eligibility-rules';
import { sourceColumns, type SourceColumns } from './source-facet';

/** A many-valued facet as one bitmask row per service: any combination is a few word operations. */
export interface MaskFacet {
  values: string[];
  words: number;
  bits: Uint32Array;
}

function maskFacet<T>(items: readonly T[], pick: (f: T) => readonly string[], values: string[] = valuesOf(items, pick)): MaskFacet {
  const index = new Map(values.map((v, i) => [v, i]));
  const words = Math.max(1, Math.ceil(values.length / 32));
  const bits = new Uint32Array(items.length * words);
  for (let i = 0; i < items.length; i++) {
    for (const v of pick(items[i]!)) {
      const b = index.get(v)!;
      bits[i * words + (b >>> 5)]! |= 1 << (b & 31);
    }
  }
  return { values, words, bits };
}

/** The values the items name, sorted; a loop, where a flatMap would make an array per item of 100,000. */
function valuesOf<T>(items: readonly T[], ...picks: ((f: T) => readonly string[])[]): string[] {
  const values = new Set<string>();
  for (const item of items) for (const pick of picks) for (const v of pick(item)) values.add(v);
  return [...values].sort();
}

/** The mask row of the given values, to test "any of" against an item (pool-filter.ts). */
export function valueMask(m: MaskFacet, values: readonly string[]): Uint32Array {
  const mask = new Uint32Array(m.words);
  for (const v of values) {
    const b = m.values.indexOf(v);
    if (b >= 0) mask[b >>> 5]! |= 1 << (b & 31);
  }
  return mask;
}

/**
 * Everything search filters, counts and sorts on, in typed arrays indexed by a service's position
 * ("item", services in rowid order): a few MB of typed arrays at 100,000 services, any facet combination
 * with its counts in a few milliseconds, stored as BLOBs (search-store.ts) so a start reads, not rebuilds, it.
 */
export interface FacetIndex extends StoredHours, AreaColumns, SourceColumns {
  size: number;
  ids: string[];
  /** Each item's place in name order: a listing without query text is in this order. */
  nameRank: Int32Array;
  categories: MaskFacet;
  languages: MaskFacet;
  served: MaskFacet;
  excluded: MaskFacet;
  /** assured_date as epoch milliseconds; NaN when never verified. */
  assuredAt: Float64Array;
  /** Public map points of item i are pointStart[i] .. pointStart[i + 1] - 1. */
  pointStart: Int32Array;
  pointLat: Float64Array;
  pointLon: Float64Array;
  /** 1: a city centre, not an address. */
  pointApproximate: Uint8Array;
  /** Ages served; NaN for a bound not stated. */
  ageMin: Float64Array;
  ageMax: Float64Array;
  /** Free of charge, no ID needed, wheelchair accessible: 1 yes, 0 no, -1 not stated (eligibility-rules.ts). */
  free: Int8Array;
  noIdNeeded: Int8Array;
  wheelchair: Int8Array;
}

/**
 * A facet index but for its name order, which the word-index job works out (name-order.ts), with each
 * point's location id, which is stored but not loaded: the map names a point by its service.
 */
export type FacetColumns = Omit<FacetIndex, 'nameRank'> & { pointLocation: string[] };

/**
 * The facet index of these services, but for their name order, a column at a time with a yield between
 * columns (and within the hours), so an install building the index of a statewide directory answers the
 * window meanwhile: built in one go it held the thread for about half a second.
 */
export function* buildFacetIndexSteps(facts: readonly ServiceFacts[]): Generator<void, FacetColumns, void> {
  const size = facts.length;
  const served = maskFacet(facts, (f) => f.populationsServed, valuesOf(facts, (f) => f.populationsServed, (f) => f.populationsExcluded));
  const excluded = maskFacet(facts, (f) => f.populationsExcluded, served.values);
  yield;
  const categories = maskFacet(facts, (f) => f.categories);
  const languages = maskFacet(facts, (f) => f.languages);
  yield;

  const pointStart = new Int32Array(size + 1);
  const points: { locationId: string; lat: number; lon: number; approximate: boolean }[] = [];
  facts.forEach((f, i) => {
    pointStart[i] = points.length;
    // The service reader has already masked confidential locations: they have no point to keep.
    for (const l of f.locations) {
      if (l.locationType === 'virtual' || l.latitude === null || l.longitude === null) continue;
      points.push({ locationId: l.id, lat: l.latitude, lon: l.longitude, approximate: l.approximate });
    }
  });
  pointStart[size] = points.length;
  yield;
  const hours = yield* storedHoursSteps(facts.map((f) => f.schedules));
  yield;
  const areas = areaColumns(facts);
  yield;
  const eligibility = eligibilityColumns(facts);
  yield;
  const ids = facts.map((f) => f.id);
  const assuredAt = Float64Array.from(facts, (f) => (f.assuredDate ? Date.parse(f.assuredDate) : NaN));
  yield;
  const pointColumns = {
    pointStart,
    pointLat: Float64Array.from(points, (p) => p.lat),
    pointLon: Float64Array.from(points, (p) => p.lon),
    pointApproximate: Uint8Array.from(points, (p) => (p.approximate ? 1 : 0)),
    pointLocation: points.map((p) => p.locationId),
  };
  yield;

  return {
    size,
    ids,
    categories,
    languages,
    served,
    excluded,
    ...hours,
    assuredAt,
    ...pointColumns,
    ...areas,
    ...eligibility,
    ...sourceColumns(facts.map((f) => f.source)),
    ageMin: Float64Array.from(facts, (f) => f.minAge ?? NaN),
    ageMax: Float64Array.from(facts, (f) => f.maxAge ?? NaN),
  };
}

/** Free of charge, no ID needed, wheelchair accessible, by item: loops, each text read once (eligibility-rules.ts). */
function eligibilityColumns(facts: readonly ServiceFacts[]): Pick<FacetColumns, 'free' | 'noIdNeeded' | 'wheelchair'> {
  const rules = eligibilityRules();
  const free = new Int8Array(facts.length);
  const noIdNeeded = new Int8Array(facts.length);
  const wheelchair = new Int8Array(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    free[i] = rules.freeOfCharge(f.costs, f.fees);
    noIdNeeded[i] = rules.noIdNeeded(f.documents, f.eligibility);
    wheelchair[i] = rules.wheelchairAccessible(f.accessibility);
  }
  return { free, noIdNeeded, wheelchair };
}
