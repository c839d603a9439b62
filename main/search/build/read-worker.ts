import { parentPort, workerData } from 'node:worker_threads';
import { openDatabaseFile, type DatabaseFile } from '../../db/open';
import { ownBuffers } from '../../jobs/own-buffers';
import { readCurrentIndexListsAsText } from './read-on-worker';

/** The stored search index read and decoded on a thread and connection of its own (read-on-worker.ts starts it). */
const job = workerData as DatabaseFile;
try {
  const db = openDatabaseFile(job);
  try {
    const read = readCurrentIndexListsAsText(db);
    parentPort!.postMessage(read, ownBuffers(read));
  } finally {
    db.close();
  }
} catch (err) {
  parentPort!.postMessage({ failed: err instanceof Error ? err.message : String(err) });
}
