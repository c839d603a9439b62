import { alternativeTerm, type QueryPlan } from './query-plan';

/** bm25 weights of a document's three columns: a word in a name counts far more than one in a description. */
export const COLUMN_WEIGHTS = [10, 4, 1] as const;
/** The bm25 constants SQLite FTS5 uses, whose ranking this index reproduces. */
const K1 = 1.2;
const B = 0.75;
const MAX_U16 = 65_535;

/**
 * An inverted index over the items of the facet index: for each term (sorted), the items that contain
 * it in ascending order with the term's column-weighted count there. Typed arrays only, so it is stored
 * as a few BLOBs and loaded in milliseconds; a broad word's 40,000 items are walked in well under one.
 */
export interface TextIndex {
  size: number;
  terms: string[];
  /** Postings of terms[t] are postingStart[t] .. postingStart[t + 1] - 1. */
  postingStart: Int32Array;
  postingItem: Int32Array;
  /** Sum over columns of column weight x occurrences of the term there. */
  postingWeight: Uint16Array;
  /** Tokens in the item, all columns: bm25's document length. */
  itemLength: Uint16Array;
}

/** Builds the index from each item's three columns of folded words (names, tags, body). */
export function buildTextIndex(size: number, columnsOf: (item: number) => readonly (readonly string[])[]): TextIndex {
  const idOf = new Map<string, number>();
  const names: string[] = [];
  let stamp = new Int32Array(4096).fill(-1);
  let count = new Uint32Array(4096);
  let capacity = size * 64;
  let pTerm = new Int32Array(capacity);
  let pItem = new Int32Array(capacity);
  let pWeight = new Uint16Array(capacity);
  let p = 0;
  const itemLength = new Uint16Array(size);
  const touched: number[] = [];

  for (let item = 0; item < size; item++) {
    touched.length = 0;
    let length = 0;
    columnsOf(item).forEach((words, column) => {
      const weight = COLUMN_WEIGHTS[column]!;
      length += words.length;
      for (const word of words) {
        let id = idOf.get(word);
        if (id === undefined) {
          id = names.length;
          idOf.set(word, id);
          names.push(word);
          if (id >= stamp.length) {
            stamp = grow(stamp, stamp.length * 2, -1);
            count = grow(count, count.length * 2, 0);
          }
        }
        if (stamp[id] !== item) {
          stamp[id] = item;
          count[id] = 0;
          touched.push(id);
        }
        count[id]! += weight;
      }
    });
    itemLength[item] = Math.min(length, MAX_U16);
    if (p + touched.length > capacity) {
      capacity = Math.max(capacity * 2, p + touched.length);
      pTerm = grow(pTerm, capacity, 0);
      pItem = grow(pItem, capacity, 0);
      pWeight = grow(pWeight, capacity, 0);
    }
    for (const id of touched) {
      pTerm[p] = id;
      pItem[p] = item;
      pWeight[p++] = Math.min(count[id]!, MAX_U16);
    }
  }

  // Terms in sorted order (prefixes are ranges); postings stay in item order within each term.
  const order = names.map((_, i) => i).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
  const rank = new Int32Array(names.length);
  order.forEach((id, r) => (rank[id] = r));
  const postingStart = new Int32Array(names.length + 1);
  for (let k = 0; k < p; k++) postingStart[rank[pTerm[k]!]! + 1]!++;
  for (let t = 0; t < names.length; t++) postingStart[t + 1]! += postingStart[t]!;
  const next = postingStart.slice(0, names.length);
  const postingItem = new Int32Array(p);
  const postingWeight = new Uint16Array(p);
  for (let k = 0; k < p; k++) {
    const at = next[rank[pTerm[k]!]!]!++;
    postingItem[at] = pItem[k]!;
    postingWeight[at] = pWeight[k]!;
  }
  return { size, terms: order.map((id) => names[id]!), postingStart, postingItem, postingWeight, itemLength };
}

function grow<T extends Int32Array | Uint32Array | Uint16Array>(a: T, length: number, fill: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(length);
  bigger.set(a);
  if (fill !== 0) bigger.fill(fill, a.length);
  return bigger;
}

/** Items a term's postings belong to, for typo correction's commonest-first order. */
export function documentCounts(ix: TextIndex): Map<string, number> {
  return new Map(ix.terms.map((term, t) => [term, ix.postingStart[t + 1]! - ix.postingStart[t]!]));
}

/** The terms [from, to) an alternative names: one term, or every term starting with a prefix. */
function termRange(ix: TextIndex, alternative: string): [number, number] {
  const { term, prefix } = alternativeTerm(alternative);
  const from = lowerBound(ix.terms, term);
  if (!prefix) return ix.terms[from] === term ? [from, from + 1] : [from, from];
  let to = from;
  while (to < ix.terms.length && ix.terms[to]!.startsWith(term)) to++;
  return [from, to];
}

function lowerBound(list: readonly string[], key: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface TextMatches {
  /** Matching items in item order: all of the plan's groups, or (when those are few) any of them. */
  items: Int32Array;
  /** bm25 by item, computed as SQLite FTS5's bm25() with COLUMN_WEIGHTS (higher is better). */
  score: Float64Array;
  /** 1 for items matching every group, 0 for those matching only some. */
  tier: Uint8Array;
}

/**
 * Evaluates a plan: each alternative is a phrase scored with bm25 over the whole index (its idf from the
 * items it occurs in), an item's score the sum over the phrases it contains. The AND form is the items
 * matching every group; when fewer than `minAll` do, those matching some group follow them.
 */
export function matchPlan(ix: TextIndex, plan: QueryPlan, minAll: number): TextMatches {
  const n = ix.size;
  const score = new Float64Array(n);
  const groups = new Uint8Array(n);
  const lastGroup = new Int32Array(n);
  const phraseWeight = new Float64Array(n);
  const touched = new Int32Array(n);
  const averageLength = meanLength(ix.itemLength);
  plan.forEach((alternatives, g) => {
    for (const alternative of alternatives) {
      const [from, to] = termRange(ix, alternative);
      const hits = gatherPhrase(ix, from, to, phraseWeight, touched);
      const idf = Math.max(Math.log((n - hits + 0.5) / (hits + 0.5)), 1e-6);
      scorePhrase(ix.itemLength, averageLength, idf, hits, touched, phraseWeight, score);
      markGroup(g + 1, hits, touched, lastGroup, groups);
    }
  });
  return selectMatches(groups, plan.length, minAll, score);
}

// The steps of matchPlan are separate functions so V8 optimizes each loop once and keeps it.

function meanLength(itemLength: Uint16Array): number {
  let total = 0;
  for (let k = 0; k < itemLength.length; k++) total += itemLength[k]!;
  return total / Math.max(1, itemLength.length);
}

/** Sums the phrase's weighted counts per item (a prefix's terms together); returns how many items have it. */
function gatherPhrase(ix: TextIndex, from: number, to: number, phraseWeight: Float64Array, touched: Int32Array): number {
  let hits = 0;
  for (let p = ix.postingStart[from]!; p < ix.postingStart[to]!; p++) {
    const item = ix.postingItem[p]!;
    if (phraseWeight[item] === 0) touched[hits++] = item;
    phraseWeight[item]! += ix.postingWeight[p]!;
  }
  return hits;
}

function scorePhrase(itemLength: Uint16Array, averageLength: number, idf: number, hits: number, touched: Int32Array, phraseWeight: Float64Array, score: Float64Array): void {
  for (let h = 0; h < hits; h++) {
    const item = touched[h]!;
    const f = phraseWeight[item]!;
    phraseWeight[item] = 0;
    score[item]! += (idf * f * (K1 + 1)) / (f + K1 * (1 - B + (B * itemLength[item]!) / averageLength));
  }
}

function markGroup(stamp: number, hits: number, touched: Int32Array, lastGroup: Int32Array, groups: Uint8Array): void {
  for (let h = 0; h < hits; h++) {
    const item = touched[h]!;
    if (lastGroup[item] !== stamp) {
      lastGroup[item] = stamp;
      groups[item]!++;
    }
  }
}

function selectMatches(groups: Uint8Array, all: number, minAll: number, score: Float64Array): TextMatches {
  const orToo = all > 1 && countAtLeast(groups, all) < minAll;
  const tier = new Uint8Array(groups.length);
  const items = gatherItems(groups, all, orToo ? 1 : all, tier);
  return { items, score, tier };
}

function countAtLeast(groups: Uint8Array, least: number): number {
  let n = 0;
  for (let item = 0; item < groups.length; item++) if (groups[item]! >= least) n++;
  return n;
}

/** Items matching at least `least` groups, in item order; tier 1 for those matching all. */
function gatherItems(groups: Uint8Array, all: number, least: number, tier: Uint8Array): Int32Array {
  const items = new Int32Array(countAtLeast(groups, least));
  let k = 0;
  for (let item = 0; item < groups.length; item++) {
    const g = groups[item]!;
    if (g >= least) items[k++] = item;
    if (g === all) tier[item] = 1;
  }
  return items;
}
