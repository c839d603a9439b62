import { Worker } from 'node:worker_threads';
import { databaseFileOf, type Db } from '../../db/open';
import { workerScript } from '../../jobs/worker-script';
import { runSteps, runStepsAsync } from '../../jobs/steps';
import { listsSplitSteps, readSearchIndexes, readSearchIndexesListsAsTextSteps, type SearchIndexes, type SearchIndexesListsAsText } from '../search-store';
import { searchIndexIsCurrent } from './text-index';

/** What one read of the stored index found: the latest install then, and its indexes unless stale or unreadable. */
export interface StoredRead<Indexes = SearchIndexes> {
  install: number | null;
  stored: Indexes | null;
}

/**
 * The latest install and its stored indexes, read and decoded in one snapshot; null indexes when they were
 * built for another install or by another build, or cannot be read (damaged): either way they are rebuilt.
 */
export const readCurrentIndex = (db: Db): StoredRead => readCurrent(db, readSearchIndexes);

/** readCurrentIndex with the indexes' lists of strings still as text: what the reading thread hands over. */
export const readCurrentIndexListsAsText = (db: Db): StoredRead<SearchIndexesListsAsText> =>
  readCurrent(db, (db) => runSteps(readSearchIndexesListsAsTextSteps(db)));

function readCurrent<Indexes>(db: Db, read: (db: Db) => Indexes | null): StoredRead<Indexes> {
  return db.transaction((): StoredRead<Indexes> => {
    const install = (db.prepare('SELECT max(id) FROM dataset_install').pluck().get() as number | null) ?? null;
    if (!searchIndexIsCurrent(db)) return { install, stored: null };
    try {
      return { install, stored: read(db) };
    } catch {
      return { install, stored: null };
    }
  })();
}

/**
 * readCurrentIndex on a worker thread with a connection of its own, its arrays handed over rather than
 * copied: at 100,000 services reading the BLOBs (some 22 MB) and decoding the postings held this thread
 * 0.2-0.4 s in one call. Its two lists of strings come as one text each and are split here a slice a step:
 * some 200,000 strings copied one by one held this thread about 50 ms. Done here for a database in memory,
 * or before `npm run build` has made the worker's script.
 */
export function readCurrentIndexOffThread(db: Db): Promise<StoredRead> {
  const script = db.memory ? null : workerScript('read-worker.js');
  if (!script) return Promise.resolve(readCurrentIndex(db));
  const posted = new Promise<StoredRead<SearchIndexesListsAsText>>((resolve, reject) => {
    const worker = new Worker(script, { workerData: databaseFileOf(db) });
    let answer: StoredRead<SearchIndexesListsAsText> | { failed: string } | null = null;
    worker.once('message', (heard: StoredRead<SearchIndexesListsAsText> | { failed: string }) => void (answer = heard));
    worker.once('error', reject);
    // Settled once the thread has ended, its connection closed: the file may then be closed or removed here.
    worker.once('exit', (code) => {
      if (answer === null) reject(new Error(`The search index's reading thread ended (code ${code}) before it answered.`));
      else if ('failed' in answer) reject(new Error(answer.failed));
      else resolve(answer);
    });
  });
  return posted.then(async ({ install, stored }) => {
    if (!stored) return { install, stored: null };
    try {
      return { install, stored: await runStepsAsync(listsSplitSteps(stored)) };
    } catch {
      return { install, stored: null };
    }
  });
}
