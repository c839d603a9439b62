import { workerData, type MessagePort } from 'node:worker_threads';
import { openDatabaseFile } from '../../db/open';
import { runSteps } from '../../jobs/steps';
import { nameRanks } from '../words/name-order';
import { latestInstall, textsFromTablesSteps } from './texts-from-tables';
import { namesOf, WordIndexParts, type WordTexts } from './word-index-parts';
import { WORKER_READY, WORKER_RESULT, WORKER_SCANNED, type WordJobMessage, type WordWorkerMessage } from './word-worker-protocol';

/**
 * The text work of a search index on a thread of its own (word-index-job.ts starts it). First the services'
 * texts arrive, or are read here from the tables on a connection of its own, and their every word is scanned
 * and their names put in order while the main thread reads the rest of the facts. Then their tags arrive, and the finished word index and name order go back with
 * their arrays transferred, not copied.
 */

/** Services scanned between two updates of the count the main thread reports: the progress bar moves smoothly. */
const REPORT_EVERY = 256;
const { port, state } = workerData as { port: MessagePort; state: Int32Array };
let parts: WordIndexParts | null = null;
const pieces: string[] = [];
let nameRank: Int32Array | null = null;
/** The latest install in the snapshot the texts were read in, when they were read here. */
let install: number | null | undefined;

/** Sets a flag the main thread may be blocked on in Atomics.wait (an install run straight through). */
const raise = (slot: number) => {
  Atomics.store(state, slot, 1);
  Atomics.notify(state, slot);
};
const reply = (message: WordWorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/** Scans every service's words, reporting how many are done, and puts their names in order. */
function scanAll(texts: WordTexts): void {
  parts = new WordIndexParts(texts.size);
  for (let from = 0; from < texts.size; from += REPORT_EVERY) {
    const to = Math.min(texts.size, from + REPORT_EVERY);
    parts.scan(texts, from, to);
    Atomics.store(state, WORKER_SCANNED, to);
  }
  nameRank = nameRanks(namesOf(texts));
}

port.on('message', (message: WordJobMessage) => {
  try {
    if ('piece' in message) {
      pieces.push(message.piece);
      return;
    }
    if ('layout' in message) {
      scanAll({ ...message.layout, pieces });
      return;
    }
    if ('read' in message) {
      const db = openDatabaseFile(message.read);
      let texts: WordTexts;
      try {
        // One snapshot: the install read is the one whose texts these are.
        texts = db.transaction(() => {
          install = latestInstall(db);
          return runSteps(textsFromTablesSteps(db, { step: 'indexing', done: 0, total: 0 }));
        })();
      } finally {
        db.close();
      }
      scanAll(texts);
      return;
    }
    const index = parts!.assemble(message.tags);
    const arrays = [index.postingStart, index.postings, index.itemLength, nameRank!];
    reply({ index, nameRank: nameRank!, ...(install === undefined ? {} : { install }) }, arrays.map((a) => a.buffer as ArrayBuffer));
  } catch (err) {
    reply({ error: err instanceof Error ? err.message : String(err) });
  }
  raise(WORKER_RESULT);
  port.close();
});
Atomics.store(state, WORKER_READY, 1);
