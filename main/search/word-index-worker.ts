import { workerData, type MessagePort } from 'node:worker_threads';
import { WordIndexParts, type WordTags, type WordTexts } from './word-index-parts';
import { WORKER_READY, WORKER_RESULT, WORKER_SCANNED, type WordWorkerMessage } from './word-worker-protocol';

/**
 * The word index's costly part on a thread of its own (word-index-job.ts starts it): first the services'
 * texts arrive and are scanned, while the main thread reads the rest of the facts and builds the facets;
 * then their tags arrive, and the finished index goes back with its arrays transferred, not copied.
 */
/** Services scanned between two updates of the count the main thread reports: the progress bar moves smoothly. */
const REPORT_EVERY = 256;
const { port, state } = workerData as { port: MessagePort; state: Int32Array };
let parts: WordIndexParts | null = null;

port.on('message', (message: { texts: WordTexts } | { tags: WordTags }) => {
  try {
    if ('texts' in message) {
      const { texts } = message;
      parts = new WordIndexParts(texts.size);
      for (let from = 0; from < texts.size; from += REPORT_EVERY) {
        const to = Math.min(texts.size, from + REPORT_EVERY);
        parts.scan(texts, from, to);
        Atomics.store(state, WORKER_SCANNED, to);
      }
      return;
    }
    const index = parts!.assemble(message.tags);
    const reply: WordWorkerMessage = { index };
    port.postMessage(reply, [index.postingStart, index.postingItem, index.postingWeight, index.itemLength].map((a) => a.buffer as ArrayBuffer));
  } catch (err) {
    const reply: WordWorkerMessage = { error: err instanceof Error ? err.message : String(err) };
    port.postMessage(reply);
  }
  // The main thread may be blocked in Atomics.wait (an install run straight through): the flag wakes it.
  Atomics.store(state, WORKER_RESULT, 1);
  Atomics.notify(state, WORKER_RESULT);
  port.close();
});
Atomics.store(state, WORKER_READY, 1);
