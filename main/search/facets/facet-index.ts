import type { ServiceFacts } from '../service-facts';
import { storedHoursSteps, type StoredHours } from './weekly-hours';
import { areaColumns, type AreaColumns } from './area-facet';
import { eligibilityRules } from './eligibility-rules';
import { sourceColumns, type SourceColumns } from './source-facet';
import { eachInBatches } from '../../jobs/steps';
import { ROW_BATCH } from '../../jobs/row-batches';

/** A many-valued facet as one bitmask row per service: any combination is a few word operations. */
export interface MaskFacet {
  values: string[];
  words: number;
  bits: Uint32Array;
}

/**
 * A many-valued facet of these items, a batch of them a step (eachInBatches): built over a statewide
 * directory in one go, a facet held the thread for up to 90 ms on a loaded machine.
 */
function* maskFacetSteps<T>(items: readonly T[], pick: (f: T) => readonly string[], known?: string[]): Generator<void, MaskFacet, void> {
  const values = known ?? (yield* valuesOfSteps(items, pick));
  const index = new Map(values.map((v, i) => [v, i]));
  const words = Math.max(1, Math.ceil(values.length / 32));
  const bits = new Uint32Array(items.length * words);
  let i = 0;
  yield* eachInBatches(items, ROW_BATCH, undefined, (item) => {
    for (const v of pick(item)) {
      const b = index.get(v)!;
      bits[i * words + (b >>> 5)]! |= 1 << (b & 31);
    }
    i++;
  });
  return { values, words, bits };
}

/** The values the items name, sorted; a loop, where a flatMap would make an array per item of 100,000. */
function* valuesOfSteps<T>(items: readonly T[], ...picks: ((f: T) => readonly string[])[]): Generator<void, string[], void> {
  const values = new Set<string>();
  yield* eachInBatches(items, ROW_BATCH, undefined, (item) => {
    for (const pick of picks) for (const v of pick(item)) values.add(v);
  });
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
 * The facet index of these services, but for their name order, a batch of services a step (eachInBatches:
 * ROW_BATCH of them, or 20 ms' worth on a slow machine), so a rebuild of a statewide directory's index on
 * the window's thread answers it meanwhile: built in one go it held the thread for about half a second.
 */
export function* buildFacetIndexSteps(facts: readonly ServiceFacts[]): Generator<void, FacetColumns, void> {
  const size = facts.length;
  const served = yield* maskFacetSteps(facts, (f) => f.populationsServed, yield* valuesOfSteps(facts, (f) => f.populationsServed, (f) => f.populationsExcluded));
  const excluded = yield* maskFacetSteps(facts, (f) => f.populationsExcluded, served.values);
  const categories = yield* maskFacetSteps(facts, (f) => f.categories);
  const languages = yield* maskFacetSteps(facts, (f) => f.languages);
  yield;

  const pointStart = new Int32Array(size + 1);
  const pointLat: number[] = [];
  const pointLon: number[] = [];
  const pointApproximate: number[] = [];
  const pointLocation: string[] = [];
  let i = 0;
  yield* eachInBatches(facts, ROW_BATCH, undefined, (f) => {
    pointStart[i++] = pointLat.length;
    // The service reader has already masked confidential locations: they have no point to keep.
    for (const l of f.locations) {
      if (l.locationType === 'virtual' || l.latitude === null || l.longitude === null) continue;
      pointLat.push(l.latitude);
      pointLon.push(l.longitude);
      pointApproximate.push(l.approximate ? 1 : 0);
      pointLocation.push(l.id);
    }
  });
  pointStart[size] = pointLat.length;
  yield;
  const hours = yield* storedHoursSteps(facts.map((f) => f.schedules));
  yield;
  const areas = areaColumns(facts);
  yield;
  const eligibility = yield* eligibilityColumnsSteps(facts);

  // Filled in one loop, a batch of services a step: each column made by a typed array's `from` with a
  // function (which goes through the iterator, an item at a time) held the thread for up to 90 ms.
  const ids: string[] = [];
  const sourceNames: string[] = [];
  const assuredAt = new Float64Array(size);
  const ageMin = new Float64Array(size);
  const ageMax = new Float64Array(size);
  i = 0;
  yield* eachInBatches(facts, ROW_BATCH, undefined, (f) => {
    ids.push(f.id);
    sourceNames.push(f.source);
    assuredAt[i] = f.assuredDate ? Date.parse(f.assuredDate) : NaN;
    ageMin[i] = f.minAge ?? NaN;
    ageMax[i++] = f.maxAge ?? NaN;
  });
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
    pointStart,
    pointLat: Float64Array.from(pointLat),
    pointLon: Float64Array.from(pointLon),
    pointApproximate: Uint8Array.from(pointApproximate),
    pointLocation,
    ...areas,
    ...eligibility,
    ...sourceColumns(sourceNames),
    ageMin,
    ageMax,
  };
}

/** Free of charge, no ID needed, wheelchair accessible, by item, a batch a step: each text read once (eligibility-rules.ts). */
function* eligibilityColumnsSteps(facts: readonly ServiceFacts[]): Generator<void, Pick<FacetColumns, 'free' | 'noIdNeeded' | 'wheelchair'>, void> {
  const rules = eligibilityRules();
  const free = new Int8Array(facts.length);
  const noIdNeeded = new Int8Array(facts.length);
  const wheelchair = new Int8Array(facts.length);
  let i = 0;
  yield* eachInBatches(facts, ROW_BATCH, undefined, (f) => {
    free[i] = rules.freeOfCharge(f.costs, f.fees);
    noIdNeeded[i] = rules.noIdNeeded(f.documents, f.eligibility);
    wheelchair[i++] = rules.wheelchairAccessible(f.accessibility);
  });
  return { free, noIdNeeded, wheelchair };
}
