import type { MapService, MapSet, MapTable } from '../../shared/domain';
import type { FacetIndex } from './facets/facet-index';

/**
 * The map's side of a search, kept apart from the list's. A search answer names its mappable result set
 * by a key (`MapSet`) instead of carrying every point: at 100,000 services the points as objects with id
 * strings were about 12 MB of JSON per broad answer, built, copied and parsed before the list could
 * paint. The map asks for a set's services (`mapItems`) only when the key is not the one it has drawn, and
 * gets their numbers; their points it reads from the index's table (`mapTable`), asked once per index. The
 * few services a marker or a spider opens are resolved to ids and names on demand (`mapServices`).
 */

/** Sets kept for the map to ask for: the newest answers' (searches run one at a time, the map asks right after). */
const KEPT_SETS = 8;

/** The mappable items of one result set, in result order, with the points and services they come to. */
export interface MapItems {
  items: Int32Array;
  points: number;
}

/**
 * A key for the points of these items under index `index`: the same items in the same order give the
 * same points, so the same key. Two 32-bit mixes over the sequence, with the counts in front.
 */
export function mapSetKey(index: number, { items, points }: MapItems): string {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (let k = 0; k < items.length; k++) {
    const v = items[k]!;
    a = Math.imul(a ^ v, 0x01000193);
    b = Math.imul(b ^ (v + k), 0x85ebca6b);
    b ^= b >>> 13;
  }
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');
  return `${index}.${items.length}.${points}.${hex(a)}${hex(b)}`;
}

/** Every public point of index `index`, by item: copies, so IPC carries these columns and not the buffers they sit in. */
export function mapTable(ix: FacetIndex, index: number): MapTable {
  return { index, pointStart: ix.pointStart.slice(), lat: ix.pointLat.slice(), lon: ix.pointLon.slice(), approximate: ix.pointApproximate.slice() };
}

/** The newest result sets by key, for `mapItems` to answer from. */
export class RecentMapSets {
  private readonly sets = new Map<string, MapItems>();

  /** Keeps a copy of `items` (a search's work array) under its key and answers the set's brief. */
  keep(index: number, items: Int32Array, points: number): MapSet {
    const set = mapSetKey(index, { items, points });
    const known = this.sets.get(set);
    this.sets.delete(set);
    this.sets.set(set, known ?? { items: items.slice(), points });
    while (this.sets.size > KEPT_SETS) this.sets.delete(this.sets.keys().next().value!);
    return { set, points, services: items.length };
  }

  get(set: string): MapItems | null {
    return this.sets.get(set) ?? null;
  }

  clear(): void {
    this.sets.clear();
  }
}

/** Resolves service numbers (items of index `index`) to ids and names; numbers out of range are left out. */
export function servicesOfRefs(ix: FacetIndex, refs: readonly number[], names: (ids: string[]) => (string | null)[]): MapService[] {
  const known = [...new Set(refs)].filter((r) => Number.isInteger(r) && r >= 0 && r < ix.size);
  const found = names(known.map((r) => ix.ids[r]!));
  return known.flatMap((ref, n) => (found[n] === null ? [] : [{ ref, serviceId: ix.ids[ref]!, name: found[n]! }]));
}
