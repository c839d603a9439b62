import { alternativeTerm, type QueryPlan } from '../query-plan';
import { grow } from './grow';
import { IdList } from './id-list';
import { lowerBound } from './lower-bound';
import { decodePostings, postingLength, putPosting } from './posting-codec';
import { TermTable } from './term-table';
import { derived, workArray } from '../per-index';

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

/** A TextIndex as a build makes it and the database stores it: its postings encoded (posting-codec.ts). */
export interface StoredTextIndex extends Omit<TextIndex, 'postingItem' | 'postingWeight'> {
  postings: Uint8Array;
}

/** The index a stored one encodes, ready to query; its terms as they are given (a list, or still its text). */
export function textIndexOf<Terms = string[]>({ postings, ...index }: Omit<StoredTextIndex, 'terms'> & { terms: Terms }): Omit<TextIndex, 'terms'> & { terms: Terms } {
  return { ...index, ...decodePostings(postings, index.postingStart, index.size) };
}

/**
 * Builds the index item by item, in item order: the caller turns words into term ids (terms) and adds
 * them to the current item's columns (add), so words it sees often (labels, cities, synonym tokens) can
 * be remembered as ids rather than looked up again. No per-item word arrays.
 *
 * Postings wait in fixed-size chunks until finish() sorts them by term: growing one array by copying
 * made V8 run a full collection over the whole heap (seconds, at 100,000 services) for the memory it
 * briefly held twice.
 */
export class TextIndexBuilder {
  readonly terms = new TermTable();
  private stamp = new Int32Array(4096).fill(-1);
  private count = new Uint32Array(4096);
  /** Items each term occurs in: its share of the final postings. */
  private items = new Int32Array(4096);
  /** The last item each term occurred in, and the bytes its encoded postings take so far. */
  private last = new Int32Array(4096).fill(-1);
  private bytes = new Int32Array(4096);
  private readonly chunkBits: number;
  private readonly termChunks: Int32Array[] = [];
  private readonly weightChunks: Uint16Array[] = [];
  private p = 0;
  /** Postings of item i end at itemEnd[i] (and start where item i - 1's end). */
  private readonly itemEnd: Int32Array;
  private readonly itemLength: Uint16Array;
  private readonly touched = new IdList();
  private item = 0;
  private length = 0;

  constructor(private readonly size: number) {
    // Some 70 postings per item in rich records: small directories get small chunks, large ones 1M postings.
    this.chunkBits = Math.min(20, Math.max(12, Math.ceil(Math.log2(size * 64 + 1))));
    this.itemEnd = new Int32Array(size);
    this.itemLength = new Uint16Array(size);
  }

  /** Grows the per-term counters to the term table's size. */
  private fit(): void {
    const n = this.terms.size;
    if (n <= this.stamp.length) return;
    const length = Math.max(n, this.stamp.length * 2);
    this.stamp = grow(this.stamp, length, -1);
    this.count = grow(this.count, length, 0);
    this.items = grow(this.items, length, 0);
    this.last = grow(this.last, length, -1);
    this.bytes = grow(this.bytes, length, 0);
  }

  /** One occurrence of a term in a column (0 names, 1 tags, 2 body) of the current item. */
  add(id: number, column: number): void {
    this.length++;
    if (id >= this.stamp.length) this.fit();
    if (this.stamp[id] !== this.item) {
      this.stamp[id] = this.item;
      this.count[id] = 0;
      this.touched.push(id);
    }
    this.count[id]! += COLUMN_WEIGHTS[column]!;
  }

  /** Closes the current item; the next add() goes to the next one. */
  endItem(): void {
    const { touched, chunkBits, item } = this;
    const mask = (1 << chunkBits) - 1;
    this.itemLength[item] = Math.min(this.length, MAX_U16);
    const ids = touched.ids;
    for (let t = 0; t < touched.length; t++) {
      const id = ids[t]!;
      const chunk = this.p >>> chunkBits;
      if (chunk === this.termChunks.length) {
        this.termChunks.push(new Int32Array(1 << chunkBits));
        this.weightChunks.push(new Uint16Array(1 << chunkBits));
      }
      const weight = Math.min(this.count[id]!, MAX_U16);
      this.termChunks[chunk]![this.p & mask] = id;
      this.weightChunks[chunk]![this.p & mask] = weight;
      this.items[id]!++;
      this.bytes[id]! += postingLength(item - this.last[id]! - 1, weight);
      this.last[id] = item;
      this.p++;
    }
    this.itemEnd[this.item] = this.p;
    touched.length = 0;
    this.length = 0;
    this.item++;
  }

  /**
   * The index, its terms sorted (prefixes are ranges) and postings in item order within each term, encoded
   * straight into their place: the postings are never held as arrays of items and weights.
   */
  finish(): StoredTextIndex {
    const { p, chunkBits, termChunks, weightChunks, itemEnd, items, bytes } = this;
    const names = this.terms.names;
    const order = Array.from(names.keys()).sort((a, b) => (names[a]! < names[b]! ? -1 : 1));
    const postingStart = new Int32Array(names.length + 1);
    /** By term id, where its next posting's bytes go. */
    const next = new Int32Array(names.length);
    let length = 0;
    for (let r = 0; r < order.length; r++) {
      next[order[r]!] = length;
      length += bytes[order[r]!]!;
      postingStart[r + 1] = postingStart[r]! + items[order[r]!]!;
    }
    const postings = new Uint8Array(length);
    const last = this.last.fill(-1);
    // Chunk by chunk, so the inner loop reads two typed arrays rather than looking its chunk up per posting.
    for (let c = 0, item = 0; c < termChunks.length; c++) {
      const terms = termChunks[c]!;
      const weights = weightChunks[c]!;
      const base = c << chunkBits;
      const end = Math.min(p - base, terms.length);
      for (let j = 0; j < end; j++) {
        while (base + j >= itemEnd[item]!) item++;
        const id = terms[j]!;
        next[id] = putPosting(postings, next[id]!, item - last[id]! - 1, weights[j]!);
        last[id] = item;
      }
    }
    return { size: this.size, terms: order.map((id) => names[id]!), postingStart, postings, itemLength: this.itemLength };
  }
}

/** Terms counted a step: all 60,000 of a statewide directory's in one took 60-80 ms. */
const COUNTED_A_STEP = 15_000;

/** Items a term's postings belong to, for typo correction's commonest-first order; a yield every COUNTED_A_STEP terms. */
export function* documentCountsSteps(ix: TextIndex): Generator<void, Map<string, number>, void> {
  const counts = new Map<string, number>();
  for (let t = 0; t < ix.terms.length; t++) {
    counts.set(ix.terms[t]!, ix.postingStart[t + 1]! - ix.postingStart[t]!);
    if ((t + 1) % COUNTED_A_STEP === 0) yield;
  }
  return counts;
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


export interface TextMatches {
  /** Matching items in item order: all of the plan's groups, or (when those are few) any of them. */
  items: Int32Array;
  /** bm25 by item, computed as SQLite FTS5's bm25() with COLUMN_WEIGHTS (higher is better). */
  score: Float64Array;
  /** 1 for items matching every group, 0 for those matching only some. */
  tier: Uint8Array;
}

/**
 * Evaluates a plan: each group (one query word) is scored with bm25 over the whole index as one term, its
 * alternatives' counts added together and its idf from the items any of them occurs in: a typo's rare
 * correction ("trafiking" -> tracking) then weighs no more than the common one meant (trafficking). An
 * item's score is the sum over the groups it contains. The AND form is the items
 * matching every group; when fewer than `minAll` do, those matching some group follow them. The arrays
 * answered are the index's work arrays (per-index.ts): good until its next matchPlan.
 */
export function matchPlan(ix: TextIndex, plan: QueryPlan, minAll: number): TextMatches {
  const n = ix.size;
  const score = workArray(ix, 'score', Float64Array, n, 0);
  const groups = workArray(ix, 'groups', Uint8Array, n, 0);
  const lastGroup = workArray(ix, 'lastGroup', Int32Array, n, 0);
  const phraseWeight = workArray(ix, 'phraseWeight', Float64Array, n, 0);
  const touched = workArray(ix, 'touched', Int32Array, n, 0);
  const averageLength = derived(ix, 'meanLength', () => meanLength(ix.itemLength));
  plan.forEach((alternatives, g) => {
    let hits = 0;
    for (const alternative of alternatives) {
      const [from, to] = termRange(ix, alternative);
      hits = gatherPhrase(ix, from, to, phraseWeight, touched, hits);
    }
    const idf = Math.max(Math.log((n - hits + 0.5) / (hits + 0.5)), 1e-6);
    scorePhrase(ix.itemLength, averageLength, idf, hits, touched, phraseWeight, score);
    markGroup(g + 1, hits, touched, lastGroup, groups);
  });
  return selectMatches(ix, groups, plan.length, minAll, score);
}

// The steps of matchPlan are separate functions so V8 optimizes each loop once and keeps it.

/** bm25's average document length: the same for every query on an index (derived once per index). */
function meanLength(itemLength: Uint16Array): number {
  let total = 0;
  for (let k = 0; k < itemLength.length; k++) total += itemLength[k]!;
  return total / Math.max(1, itemLength.length);
}

/**
 * Adds the terms' weighted counts per item to those gathered so far for the group (`hits` items in
 * `touched`); returns how many items the group has now.
 */
function gatherPhrase(ix: TextIndex, from: number, to: number, phraseWeight: Float64Array, touched: Int32Array, gathered: number): number {
  let hits = gathered;
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

function selectMatches(ix: TextIndex, groups: Uint8Array, all: number, minAll: number, score: Float64Array): TextMatches {
  const tier = workArray(ix, 'tier', Uint8Array, groups.length, 0);
  const items = workArray(ix, 'items', Int32Array, groups.length, 0);
  const [some, every] = gatherMatches(groups, all, items, tier);
  const orToo = all > 1 && every < minAll;
  return { items: orToo ? items.subarray(0, some) : keepEvery(items, some, every, tier), score, tier };
}

/**
 * Puts the items matching any group in `items`, in item order, marking tier 1 those matching every one:
 * one walk over all the items. Answers [items matching any, items matching every].
 */
function gatherMatches(groups: Uint8Array, all: number, items: Int32Array, tier: Uint8Array): [number, number] {
  let some = 0;
  let every = 0;
  for (let item = 0; item < groups.length; item++) {
    const g = groups[item]!;
    if (g === 0) continue;
    items[some++] = item;
    if (g === all) {
      tier[item] = 1;
      every++;
    }
  }
  return [some, every];
}

/** The first `some` items kept to those of tier 1, in order. */
function keepEvery(items: Int32Array, some: number, every: number, tier: Uint8Array): Int32Array {
  if (every === some) return items.subarray(0, some);
  let kept = 0;
  for (let k = 0; k < some; k++) if (tier[items[k]!] === 1) items[kept++] = items[k]!;
  return items.subarray(0, kept);
}
