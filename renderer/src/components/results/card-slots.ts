/**
 * Keys for a list's cards that outlive the services in them. A service still in the next answer keeps
 * its slot (React keeps its card, and its memo skips drawing it again); a service new to the answer takes
 * the slot of one that left, so React writes the new texts into that card's elements rather than removing
 * it and building another. A new answer is mostly new services: building 50 cards' elements, and
 * Chromium styling them from nothing, was most of the time from an answer to its paint.
 *
 * `keep` names a service whose slot is never given to another (the card holding focus: its button must
 * not turn into another service's under the keyboard).
 */
export function nextSlots(previous: ReadonlyMap<string, number>, ids: readonly string[], keep: string | null = null): Map<string, number> {
  const kept = new Set<number>();
  for (const id of [...ids, keep]) {
    const slot = id === null ? undefined : previous.get(id);
    if (slot !== undefined) kept.add(slot);
  }
  // The slots left, in the order their cards were shown, go to the new services in the order they are shown;
  // then the lowest numbers no card holds, so the numbers stay within the longest list.
  const free = [...previous.values()].filter((slot) => !kept.has(slot));
  const inUse = new Set([...kept, ...free]);
  let lowest = 0;
  const unused = () => {
    while (inUse.has(lowest)) lowest++;
    return lowest++;
  };
  let f = 0;
  const next = new Map<string, number>();
  for (const id of ids) {
    if (next.has(id)) continue;
    next.set(id, previous.get(id) ?? (f < free.length ? free[f++]! : unused()));
  }
  return next;
}
