import type { FacetCounts } from '../../shared/domain';
import { POPULATIONS } from '../../shared/vocabulary';
import type { FacetIndex, MaskFacet } from './facet-index';
import { F_24X7, F_CATEGORY, F_LANGUAGE, F_OPEN_NOW, F_POPULATION, F_VERIFIED, type FilteredPool } from './pool-filter';

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

export function valueColumns(ix: FacetIndex): ValueColumns {
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
  return { words, categories: column(ix.categories), languages: column(ix.languages), served: column(ix.served), excluded: column(ix.excluded) };
}

/** Counts per facet value over the pool, each facet with every other facet applied but not its own. */
export function countFacets(ix: FacetIndex, columns: ValueColumns, pool: Int32Array, { fail, open }: FilteredPool, now: Date): FacetCounts {
  const [byCategory, byLanguage, byPopulation] = passingItems(columns.words, pool, fail, [F_CATEGORY, F_LANGUAGE, F_POPULATION]);
  const categories = countColumns(columns.categories, ix.categories.values.length, byCategory!);
  const languages = countColumns(columns.languages, ix.languages.values.length, byLanguage!);
  const serves = countColumns(columns.served, ix.served.values.length, byPopulation!);
  const excluded = countColumns(columns.excluded, ix.excluded.values.length, byPopulation!);
  const populationPool = passing(fail, F_POPULATION);
  const [openNow, hoursNotStated, open24x7] = countHours(ix, pool, fail, open);
  const verified = countVerified(ix, pool, fail, VERIFIED_STEPS.map((m) => now.getTime() - m * MONTH_MS));
  return {
    categories: list(ix.categories.values, categories),
    languages: list(ix.languages.values, languages),
    // Every vocabulary population, so one no record mentions still shows how many have not said.
    populations: [...new Set([...POPULATIONS.map((p) => p.id), ...ix.served.values])].map((value) => {
      const v = ix.served.values.indexOf(value);
      return v < 0 ? { value, serves: 0, notStated: populationPool } : { value, serves: serves[v]!, notStated: Math.max(0, populationPool - serves[v]! - excluded[v]!) };
    }),
    openNow,
    open24x7,
    hoursNotStated,
    verified: VERIFIED_STEPS.map((months, s) => ({ months, count: verified[s]! })),
  };
}

/**
 * For each facet flag, the items (one bit each) of the pool that pass every filter but that facet's own,
 * with the words that hold any: a few words hold all of a narrow search's items, and only they are counted.
 */
function passingItems(words: number, pool: Int32Array, fail: Uint8Array, flags: number[]): { bits: Uint32Array; used: Int32Array }[] {
  return flags.map((own) => {
    const bits = new Uint32Array(words);
    const used: number[] = [];
    for (let k = 0; k < pool.length; k++) {
      if ((fail[k]! & ~own) !== 0) continue;
      const item = pool[k]!;
      if (bits[item >>> 5] === 0) used.push(item >>> 5);
      bits[item >>> 5]! |= 1 << (item & 31);
    }
    return { bits, used: Int32Array.from(used) };
  });
}

function countColumns(columns: Uint32Array, values: number, { bits, used }: { bits: Uint32Array; used: Int32Array }): Uint32Array {
  const words = bits.length;
  const counts = new Uint32Array(values);
  for (let v = 0; v < values; v++) {
    let n = 0;
    const at = v * words;
    for (let u = 0; u < used.length; u++) {
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

/** [open now, hours not stated, open 24/7]. Each loop is a function of its own so V8 keeps it optimized. */
function countHours(ix: FacetIndex, pool: Int32Array, fail: Uint8Array, open: Int8Array): [number, number, number] {
  let openNow = 0;
  let hoursNotStated = 0;
  let open24x7 = 0;
  for (let k = 0; k < pool.length; k++) {
    if ((fail[k]! & ~F_OPEN_NOW) === 0) {
      if (open[k] === 1) openNow++;
      else if (open[k] === -1) hoursNotStated++;
    }
    if ((fail[k]! & ~F_24X7) === 0 && ix.always[pool[k]!] === 1) open24x7++;
  }
  return [openNow, hoursNotStated, open24x7];
}

function passing(fail: Uint8Array, own: number): number {
  let n = 0;
  for (let k = 0; k < fail.length; k++) if ((fail[k]! & ~own) === 0) n++;
  return n;
}

/** Cutoffs run newest first (3 months ago, 6 ...): an item counts for its newest passed step and all after it. */
function countVerified(ix: FacetIndex, pool: Int32Array, fail: Uint8Array, cutoffs: number[]): Uint32Array {
  const counts = new Uint32Array(cutoffs.length);
  const steps = cutoffs.length;
  for (let k = 0; k < pool.length; k++) {
    if ((fail[k]! & ~F_VERIFIED) !== 0) continue;
    const at = ix.assuredAt[pool[k]!]!;
    if (!(at >= cutoffs[steps - 1]!)) continue;
    let s = 0;
    while (!(at >= cutoffs[s]!)) s++;
    counts[s]!++;
  }
  for (let s = 1; s < steps; s++) counts[s]! += counts[s - 1]!;
  return counts;
}

function list(values: string[], counts: Uint32Array) {
  return values
    .map((value, v) => ({ value, count: counts[v]! }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
