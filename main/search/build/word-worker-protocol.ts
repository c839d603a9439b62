import type { StoredTextIndex } from '../words/text-postings';
import type { WordTags, WordTexts } from './word-index-parts';

/**
 * What the main thread and the word-index worker share (word-index-job.ts, word-index-worker.ts): slots of
 * a shared Int32Array the main thread can read, or wait on, while it is blocked in a straight-through install.
 */
export const WORKER_READY = 0;
export const WORKER_SCANNED = 1;
export const WORKER_RESULT = 2;
export const WORKER_STATE_SLOTS = 3;

/** The word index, and each service's place in name order (name-order.ts). */
export interface WordIndexResult {
  index: StoredTextIndex;
  nameRank: Int32Array;
}

/**
 * What the main thread sends the worker, in this order: the names, the texts' pieces one by one and then
 * where each service's texts lie in them, then the tags.
 */
export type WordJobMessage = { names: PackedNames } | { piece: string } | { layout: Omit<WordTexts, 'pieces'> } | { tags: WordTags };

/** The worker's one reply: the result, or what went wrong. */
export type WordWorkerMessage = WordIndexResult | { error: string };

/**
 * The services' names end to end in one string, item i's ending at ends[i]: posted to the worker in two
 * copies, where an array of 100,000 strings took the main thread some 40 ms to post.
 */
export interface PackedNames {
  text: string;
  ends: Int32Array;
}

export function packNames(names: readonly string[]): PackedNames {
  const ends = new Int32Array(names.length);
  let at = 0;
  names.forEach((name, i) => (ends[i] = at += name.length));
  return { text: names.join(''), ends };
}

export function unpackNames({ text, ends }: PackedNames): string[] {
  return Array.from(ends, (end, i) => text.slice(i === 0 ? 0 : ends[i - 1]!, end));
}
