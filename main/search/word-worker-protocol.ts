import type { TextIndex } from './text-postings';

/**
 * What the main thread and the word-index worker share (word-index-job.ts, word-index-worker.ts): slots of
 * a shared Int32Array the main thread can read, or wait on, while it is blocked in a straight-through install.
 */
export const WORKER_READY = 0;
export const WORKER_SCANNED = 1;
export const WORKER_RESULT = 2;
export const WORKER_NAMES = 3;
export const WORKER_STATE_SLOTS = 4;

/** The worker's replies, in this order: the services' name ranks, then the index; or, at any point, what went wrong. */
export type WordWorkerMessage = { nameRank: Int32Array } | { index: TextIndex } | { error: string };
