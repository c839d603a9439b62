import type { ServiceCard } from '../../shared/domain';

/** Cards kept: several pages' worth, so a word typed further finds most of its page here. */
const KEPT = 400;

/**
 * `read` answering from memory the cards it has already read while `version` (the installed dataset)
 * stays the same. A word typed one letter further mostly finds the page of cards the last letter found,
 * and reading a page from SQLite was about a third of a broad search. Call it inside the transaction
 * that reads the page: `version` is then read in the same snapshot as the cards, so a page never mixes
 * cards of two installs.
 */
export function rememberedCards(read: (ids: readonly string[]) => (ServiceCard | null)[], version: () => unknown): (ids: readonly string[]) => (ServiceCard | null)[] {
  let readAt: unknown;
  let known = new Map<string, ServiceCard | null>();
  return (ids) => {
    const now = version();
    if (now !== readAt) {
      known = new Map();
      readAt = now;
    }
    const missing = [...new Set(ids.filter((id) => !known.has(id)))];
    if (missing.length > 0) {
      const cards = read(missing);
      missing.forEach((id, n) => known.set(id, cards[n]!));
    }
    const page = ids.map((id) => known.get(id)!);
    // This page's cards become the newest; the oldest go first.
    ids.forEach((id, n) => {
      known.delete(id);
      known.set(id, page[n]!);
    });
    while (known.size > KEPT) known.delete(known.keys().next().value!);
    return page;
  };
}
