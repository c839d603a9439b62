import type { DatabaseFile } from '../../db/open';
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
 * What the main thread sends the worker, in this order: the texts, either as pieces one by one and then where
 * each service's texts lie in them (its name among them), or as the database file to read them from
 * (texts-from-tables.ts); then the tags.
 */
export type WordJobMessage = { piece: string } | { layout: Omit<WordTexts, 'pieces'> } | { read: DatabaseFile } | { tags: WordTags };

/**
 * The worker's one reply: the result (with, when it read the texts itself, the latest install in the
 * snapshot it read them in), or what went wrong.
 */
export type WordWorkerMessage = (WordIndexResult & { install?: number | null }) | { error: string };
