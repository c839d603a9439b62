/**
 * What the map keeps per result set (the page its points, the cluster worker its index): the newest few,
 * and apart from them the largest set of the search index last seen. That one is the whole directory's
 * (the box cleared, the last filter unticked): the set a desk comes back to most, and the costliest to
 * make again (76,000 points at 100,000 services, clustered in 70-110 ms). Kept among the newest only, it
 * was gone after three filters ticked.
 */
export class KeptSets<V> {
  /** Newest last. */
  private readonly recent = new Map<string, V>();
  private largest: { set: string; index: number; size: number; value: V } | null = null;

  constructor(private readonly newest: number) {}

  get(set: string): V | undefined {
    return this.recent.get(set) ?? (this.largest?.set === set ? this.largest.value : undefined);
  }

  /** Keeps `value` as the newest set's. */
  add(set: string, value: V): void {
    this.recent.delete(set);
    this.recent.set(set, value);
    while (this.recent.size > this.newest) this.recent.delete(this.recent.keys().next().value!);
  }

  /**
   * Keeps `value` apart as well when its set (of `size` points, from search index `index`) is the largest
   * of its index: another index's first set takes the place of the one held (an install or a rollback
   * gives the page another index, and an older index's sets are not asked for again).
   */
  offer(set: string, value: V, index: number, size: number): void {
    const held = this.largest;
    if (!held || index !== held.index || size > held.size) this.largest = { set, index, size, value };
  }

  /** Forgets a set's value, if it is still `value`. */
  forget(set: string, value: V): void {
    if (this.recent.get(set) === value) this.recent.delete(set);
    if (this.largest?.set === set && this.largest.value === value) this.largest = null;
  }
}
