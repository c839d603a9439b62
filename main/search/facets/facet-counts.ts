import type { FacetCounts, StatedCount } from '../../../shared/domain';
import { POPULATIONS } from '../../../shared/vocabulary';
import type { FacetIndex, MaskFacet } from './facet-index';
import { F_24X7, F_CATEGORY, F_FREE, F_LANGUAGE, F_NO_ID, F_OPEN_NOW, F_POPULATION, F_SOURCE, F_VERIFIED, F_WHEELCHAIR, type FilteredPool } from './pool-filter';
import { countSources } from './source-facet';

export const VERIFIED_STEPS = [3, 6, 12, 24];
export const MONTH_MS = 30.44 * 86_400_000;

/**
 * The many-valued facets turned on their side for counting: for each value, one bit per item. A value's
 * count is then the set bits of (its bits AND the items passing the other facets), 32 items per step,
 * the same few thousand words whatever the pool: about 1 ms for every value at 100,000 services, where
 * walking each pool item's values took several.
 */
export interface ValueColumns {
  /** Words per value: one bit per item. */
  words: number;
  categories: Uint32Array;
  languages: Uint32Array;
  served: Uint32Array;
  excluded: Uint32Array;
}

/** The columns of `ix`, a facet a step: all four at once held the thread some 15-30 ms at 100,000 services. */
export function* valueColumnsSteps(ix: FacetIndex): Generator<void, ValueColumns, void> {
  const words = Math.ceil(ix.size / 32);
  const column = (m: MaskFacet) => {
    const bits = new Uint32Array(m.values.length * words);
    for (let item = 0; item < ix.size; item++) {
      for (let w = 0; w < m.words; w++) {
        let set = m.bits[item * m.words + w]!;
        while (set !== 0) {
          const low = set & -set;
          bits[(w * 32 + 31 - Math.clz32(low)) * words + (item >>> 5)]! |= 1 << (item & 31);
          set ^= low;
        }
      }
    }
    return bits;
  };
  const categories = column(ix.categories);
  yield;
  const languages = column(ix.languages);
  yield;
  const served = column(ix.served);
  yield;
  return { words, categories, languages, served, excluded: column(ix.excluded) };
}

/**
 * Counts per facet value over the pool, each facet with every other facet applied but not its own. The
 * group listed apart with a place (F_APART) fails every facet's set, so the counts are over the results
 * the headline counts.
 */
export function countFacets(ix: FacetIndex, columns: ValueColumns, pool: Int32Array, { fail, open }: FilteredPool, now: Date): FacetCounts {
  const cutoffs = Float64Array.from(VERIFIED_STEPS, (m) => now.getTime() - m * MONTH_MS);
  const t = tallyPool(columns.words, pool, fail, open, ix.always, ix.assuredAt, cutoffs);
  const categories = countColumns(columns.categories, ix.categories.values.length, t.byCategory);
  const languages = countColumns(columns.languages, ix.languages.values.length, t.byLanguage);
  const serves = countColumns(columns.served, ix.served.values.length, t.byPopulation);
  const excluded = countColumns(columns.excluded, ix.excluded.values.length, t.byPopulation);
  const populationPool = t.byPopulation.items;
  return {
    categories: list(ix.categories.values, categories),
    languages: list(ix.languages.values, languages),
    // Every vocabulary population, so one no record mentions still shows how many have not said.
    populations: [...new Set([...POPULATIONS.map((p) => p.id), ...ix.served.values])].map((value) => {
      const v = ix.served.values.indexOf(value);
      return v < 0 ? { value, serves: 0, notStated: populationPool } : { value, serves: serves[v]!, notStated: Math.max(0, populationPool - serves[v]! - excluded[v]!) };
    }),
    openNow: t.openNow,
    open24x7: t.open24x7,
    hoursNotStated: t.hoursNotStated,
    verified: VERIFIED_STEPS.map((months, s) => ({ months, count: t.verified[s]! })),
    free: statedCount(ix.free, pool, fail, F_FREE),
    noIdNeeded: statedCount(ix.noIdNeeded, pool, fail, F_NO_ID),
    wheelchair: statedCount(ix.wheelchair, pool, fail, F_WHEELCHAIR),
    sources: countSources(ix, pool, fail, ~F_SOURCE),
  };
}

/** A yes / no / not stated facet over the pool items passing every other filter: how many say yes, how many do not say. */
function statedCount(answers: Int8Array, pool: Int32Array, fail: Uint16Array, flag: number): StatedCount {
  const others = ~flag;
  let yes = 0;
  let notStated = 0;
  for (let k = 0; k < pool.length; k++) {
    if ((fail[k]! & others) !== 0) continue;
    const a = answers[pool[k]!]!;
    if (a === 1) yes++;
    else if (a === -1) notStated++;
  }
  return { yes, notStated };
}

/** Items of the pool (one bit each) passing every filter but one facet's own, and the words holding any. */
interface Passing {
  bits: Uint32Array;
  used: Int32Array;
  /** How many of `used` are filled. */
  usedCount: number;
  items: number;
}

/**
 * One walk over the pool gathers all the facets need: who passes all but the category, language or
 * population filters; open now, hours not stated and 24/7; how recently verified (cutoffs newest first:
 * an item counts for its newest passed step and every step after it). Written out flat: the three
 * passing sets as one helper call each cost more than the rest of the walk.
 */
function tallyPool(words: number, pool: Int32Array, fail: Uint16Array, open: Int8Array, always: Uint8Array, assuredAt: Float64Array, cutoffs: Float64Array) {
  const catBits = new Uint32Array(words);
  const langBits = new Uint32Array(words);
  const popBits = new Uint32Array(words);
  const catUsed = new Int32Array(words);
  const langUsed = new Int32Array(words);
  const popUsed = new Int32Array(words);
  let cats = 0;
  let langs = 0;
  let pops = 0;
  let popItems = 0;
  let openNow = 0;
  let hoursNotStated = 0;
  let open24x7 = 0;
  const steps = cutoffs.length;
  const oldest = cutoffs[steps - 1]!;
  const verified = new Uint32Array(steps);
  // Imported bindings read inside the loop would be a property lookup per item in the test and bench runner.
  const [notCategory, notLanguage, notPopulation, notOpenNow, not24x7, notVerified] = [~F_CATEGORY, ~F_LANGUAGE, ~F_POPULATION, ~F_OPEN_NOW, ~F_24X7, ~F_VERIFIED];
  // With nothing failing (no filter ticked: most searches) the three passing sets are the whole pool: one is gathered.
  const same = !anyFails(fail, pool.length);
  for (let k = 0; k < pool.length; k++) {
    const f = fail[k]!;
    const item = pool[k]!;
    const w = item >>> 5;
    const bit = 1 << (item & 31);
    // Pool items come in item order: a word is first used by the first of its items.
    if ((f & notCategory) === 0) {
      if (catBits[w] === 0) catUsed[cats++] = w;
      catBits[w]! |= bit;
    }
    if (same) popItems++;
    else {
      if ((f & notLanguage) === 0) {
        if (langBits[w] === 0) langUsed[langs++] = w;
        langBits[w]! |= bit;
      }
      if ((f & notPopulation) === 0) {
        if (popBits[w] === 0) popUsed[pops++] = w;
        popBits[w]! |= bit;
        popItems++;
      }
    }
    if ((f & notOpenNow) === 0) {
      if (open[k] === 1) openNow++;
      else if (open[k] === -1) hoursNotStated++;
    }
    if ((f & not24x7) === 0 && always[item] === 1) open24x7++;
    if ((f & notVerified) === 0) {
      const at = assuredAt[item]!;
      if (at >= oldest) {
        let s = 0;
        while (!(at >= cutoffs[s]!)) s++;
        verified[s]!++;
      }
    }
  }
  for (let s = 1; s < steps; s++) verified[s]! += verified[s - 1]!;
  const byCategory: Passing = { bits: catBits, used: catUsed, usedCount: cats, items: 0 };
  const byLanguage: Passing = same ? byCategory : { bits: langBits, used: langUsed, usedCount: langs, items: 0 };
  const byPopulation: Passing = same ? { ...byCategory, items: popItems } : { bits: popBits, used: popUsed, usedCount: pops, items: popItems };
  return { byCategory, byLanguage, byPopulation, openNow, hoursNotStated, open24x7, verified };
}

function anyFails(fail: Uint16Array, length: number): boolean {
  for (let k = 0; k < length; k++) if (fail[k] !== 0) return true;
  return false;
}

function countColumns(columns: Uint32Array, values: number, { bits, used, usedCount }: Passing): Uint32Array {
  const words = bits.length;
  const counts = new Uint32Array(values);
  for (let v = 0; v < values; v++) {
    let n = 0;
    const at = v * words;
    for (let u = 0; u < usedCount; u++) {
      const w = used[u]!;
      const x = columns[at + w]! & bits[w]!;
      if (x !== 0) n += bitCount(x);
    }
    counts[v] = n;
  }
  return counts;
}

function bitCount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

function list(values: string[], counts: Uint32Array) {
  return values
    .map((value, v) => ({ value, count: counts[v]! }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
