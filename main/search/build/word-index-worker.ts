import { workerData, type MessagePort } from 'node:worker_threads';
import { nameRanks } from '../words/name-order';
import { namesOf, WordIndexParts } from './word-index-parts';
import { WORKER_READY, WORKER_RESULT, WORKER_SCANNED, type WordJobMessage, type WordWorkerMessage } from './word-worker-protocol';

/**
 * The text work of a search index on a thread of its own (word-index-job.ts starts it). First the services'
 * texts arrive, whose every word is scanned and whose names are put in order while the main thread reads
 * the rest of the facts. Then their tags arrive, and the finished word index and name order go back with
 * their arrays transferred, not copied.
 */

/** Services scanned between two updates of the count the main thread reports: the progress bar moves smoothly. */
const REPORT_EVERY = 256;
const { port, state } = workerData as { port: MessagePort; state: Int32Array };
let parts: WordIndexParts | null = null;
const pieces: string[] = [];
let nameRank: Int32Array | null = null;

/** Sets a flag the main thread may be blocked on in Atomics.wait (an install run straight through). */
const raise = (slot: number) => {
  Atomics.store(state, slot, 1);
  Atomics.notify(state, slot);
};
const reply = (message: WordWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on('message', (message: WordJobMessage) => {
  try {
    if ('piece' in message) {
      pieces.push(message.piece);
      return;
    }
    if ('layout' in message) {
      const texts = { ...message.layout, pieces };
      parts = new WordIndexParts(texts.size);
      for (let from = 0; from < texts.size; from += REPORT_EVERY) {
        const to = Math.min(texts.size, from + REPORT_EVERY);
        parts.scan(texts, from, to);
        Atomics.store(state, WORKER_SCANNED, to);
      }
      nameRank = nameRanks(namesOf(texts));
      return;
    }
    const index = parts!.assemble(message.tags);
    const arrays = [index.postingStart, index.postings, index.itemLength, nameRank!];
    reply({ index, nameRank: nameRank! }, arrays.map((a) => a.buffer as ArrayBuffer));
  } catch (err) {
    reply({ error: err instanceof Error ? err.message : String(err) });
  }
  raise(WORKER_RESULT);
  port.close();
});
Atomics.store(state, WORKER_READY, 1);
