import { BUNDLED_SOURCE, type FacetCount } from '../../../shared/domain';

/**
 * The source facet: which source (the bundled directory, an imported file, a feed, a pulled API) each
 * service came from. A service has exactly one source and a desk holds a handful, so each item keeps its
 * source's number in a Uint16Array (200 KB at 100,000 services) rather than a bitmask row: filtering is
 * one table lookup per item and counting one increment, both a fraction of a millisecond.
 */
export interface SourceColumns {
  /** The source names the items hold, the bundled one first, then by name. */
  sources: string[];
  /** By item: its source's place in `sources`. */
  sourceOf: Uint16Array;
}

/** Bundled first, then by name: the order the sources screen lists them in. */
const bySourceOrder = (a: string, b: string) => Number(a !== BUNDLED_SOURCE) - Number(b !== BUNDLED_SOURCE) || (a < b ? -1 : a > b ? 1 : 0);

export function sourceColumns(sourceNames: readonly string[]): SourceColumns {
  const sources = [...new Set(sourceNames)].sort(bySourceOrder);
  if (sources.length > 0xffff) throw new Error(`The search index holds at most 65,535 sources, not ${sources.length}.`);
  const number = new Map(sources.map((s, n) => [s, n]));
  const sourceOf = new Uint16Array(sourceNames.length);
  for (let i = 0; i < sourceNames.length; i++) sourceOf[i] = number.get(sourceNames[i]!)!;
  return { sources, sourceOf };
}

/** By source number, 1 for those asked for: a name the index does not hold matches nothing. */
export function sourceWanted(ix: SourceColumns, names: readonly string[]): Uint8Array {
  const wanted = new Uint8Array(ix.sources.length);
  for (const name of names) {
    const n = ix.sources.indexOf(name);
    if (n >= 0) wanted[n] = 1;
  }
  return wanted;
}

/**
 * Services per source among the pool items failing no filter but the source's own (`others` masks the
 * failure bits that count): the same services the headline counts, as every facet's counts are. Every
 * source the index holds is listed, with zero too, so the facet does not come and go with the query.
 */
export function countSources(ix: SourceColumns, pool: Int32Array, fail: Uint16Array, others: number): FacetCount[] {
  const counts = new Uint32Array(ix.sources.length);
  const { sourceOf } = ix;
  for (let k = 0; k < pool.length; k++) if ((fail[k]! & others) === 0) counts[sourceOf[pool[k]!]!]!++;
  return ix.sources.map((value, n) => ({ value, count: counts[n]! }));
}
