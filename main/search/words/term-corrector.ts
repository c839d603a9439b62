import { lowerBound } from './lower-bound';

/** Terms taken in a step: a statewide directory's 100,000 at once held the thread some 50 ms. */
const KNOWN_A_STEP = 25_000;

/**
 * Typo correction against a vocabulary (the index's own terms plus the synonym words). Candidates come
 * from a trigram index over the vocabulary, not a scan: a scan costs tens of milliseconds per misspelled
 * word on a real directory's few hundred thousand terms. That trigram index is built on the first
 * misspelling, not at start: most searches are of known words and prefixes. Made with a yield after its
 * sort and every KNOWN_A_STEP terms.
 */
export function* termCorrectorSteps(terms: ReadonlyMap<string, number>) {
  const list = [...terms.keys()].sort();
  yield;
  const known = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    known.add(list[i]!);
    if ((i + 1) % KNOWN_A_STEP === 0) yield;
  }
  return corrector(terms, list, known);
}

function corrector(terms: ReadonlyMap<string, number>, list: readonly string[], known: ReadonlySet<string>) {
  let trigramIndex: Map<string, number[]> | null = null;
  const gramPostings = () => {
    if (trigramIndex) return trigramIndex;
    const grams = (trigramIndex = new Map<string, number[]>());
    list.forEach((term, i) => {
      for (const g of trigrams(term)) {
        const posting = grams.get(g);
        if (posting) posting.push(i);
        else grams.set(g, [i]);
      }
    });
    return grams;
  };

  return {
    has: (word: string) => known.has(word),
    /** Some vocabulary term starts with this prefix. */
    hasPrefix(prefix: string): boolean {
      const at = lowerBound(list, prefix);
      return at < list.length && list[at]!.startsWith(prefix);
    },
    /**
     * Up to `max` terms within edit distance 1 (words of 4-5 letters) or 2 (longer), commonest first, all at
     * the closest distance found: a word one edit away is the likelier meaning, and a farther one beside it
     * would only dilute it.
     */
    corrections(word: string, max = 3): string[] {
      if (word.length < 4) return [];
      const maxDistance = word.length >= 6 ? 2 : 1;
      const grams = gramPostings();
      const shared = new Map<number, number>();
      for (const g of trigrams(word)) for (const i of grams.get(g) ?? []) shared.set(i, (shared.get(i) ?? 0) + 1);
      const found: { term: string; distance: number; docs: number }[] = [];
      for (const [i] of shared) {
        const term = list[i]!;
        if (Math.abs(term.length - word.length) > maxDistance) continue;
        const distance = editDistance(word, term, maxDistance);
        if (distance <= maxDistance) found.push({ term, distance, docs: terms.get(term) ?? 0 });
      }
      const closest = Math.min(...found.map((f) => f.distance));
      return found
        .filter((f) => f.distance === closest)
        .sort((a, b) => b.docs - a.docs || a.term.localeCompare(b.term))
        .slice(0, max)
        .map((f) => f.term);
    },
  };
}

export type TermCorrector = ReturnType<typeof corrector>;

function trigrams(word: string): Set<string> {
  const padded = `$${word}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** Optimal string alignment distance (a swap of two neighbours is one edit), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  const m = a.length;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = new Array<number>(n + 1);
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > limit) return limit + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}
