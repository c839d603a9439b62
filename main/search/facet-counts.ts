import type { FacetCounts } from '../../shared/domain';
import { POPULATIONS } from '../../shared/vocabulary';
import type { FacetIndex, MaskFacet } from './facet-index';
import { F_24X7, F_CATEGORY, F_LANGUAGE, F_OPEN_NOW, F_POPULATION, F_VERIFIED, type FilteredPool } from './pool-filter';

export const VERIFIED_STEPS = [3, 6, 12, 24];
export const MONTH_MS = 30.44 * 86_400_000;

/** Counts per facet value over the pool, each facet with every other facet applied but not its own. */
export function countFacets(ix: FacetIndex, pool: Int32Array, { fail, open }: FilteredPool, now: Date): FacetCounts {
  const categories = countMask(ix.categories, pool, fail, F_CATEGORY);
  const languages = countMask(ix.languages, pool, fail, F_LANGUAGE);
  const serves = countMask(ix.served, pool, fail, F_POPULATION);
  const excluded = countMask(ix.excluded, pool, fail, F_POPULATION);
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

/** Adds one to counts[v] for every value v the item has: walks set bits only. */
function countValues(m: MaskFacet, item: number, counts: Uint32Array): void {
  for (let w = 0; w < m.words; w++) {
    let bits = m.bits[item * m.words + w]!;
    while (bits !== 0) {
      const low = bits & -bits;
      counts[w * 32 + 31 - Math.clz32(low)]!++;
      bits ^= low;
    }
  }
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

function countMask(m: MaskFacet, pool: Int32Array, fail: Uint8Array, own: number): Uint32Array {
  const counts = new Uint32Array(m.values.length);
  for (let k = 0; k < pool.length; k++) if ((fail[k]! & ~own) === 0) countValues(m, pool[k]!, counts);
  return counts;
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
