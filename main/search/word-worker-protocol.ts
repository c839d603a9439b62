import type { TextIndex } from './text-postings';

/**
 * What the main thread and the word-index worker share (word-index-job.ts, word-index-worker.ts): slots of
 * a shared Int32Array the main thread can read, or wait on, while it is blocked in a straight-through install.
 */
export const WORKER_READY = 0;
export const WORKER_SCANNED = 1;
export const WORKER_RESULT = 2;
export const WORKER_STATE_SLOTS = 3;

/** The worker's one reply: the index, or what went wrong. */
export type WordWorkerMessage = { index: TextIndex } | { error: string };
