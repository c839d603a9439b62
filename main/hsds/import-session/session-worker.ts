import { workerData } from 'node:worker_threads';
import { offlineTables } from '../../geo/offline-tables';
import { openDatabase } from '../../db/open';
import { serveOnWorker } from '../../jobs/steps-on-worker';
import type { SessionCall, SessionWorkerData } from './on-worker';
import { localImportSession } from './session';

/** An import session on a thread of its own (on-worker.ts starts it): a reading connection for its life, a writing one for its apply. */
const data = workerData as SessionWorkerData;
const options = data.nativeBinding ? { nativeBinding: data.nativeBinding } : {};
const db = openDatabase(data.database, options);
const session = localImportSession(db, data.path, () => openDatabase(data.database, options), offlineTables(data.dataDir).knownArea);
serveOnWorker(
  (call, listener) => {
    const asked = call as SessionCall;
    if (asked.kind === 'check') return session.check(asked.mapping, listener);
    if (asked.kind === 'choose') return session.choose(asked);
    return session.apply(listener);
  },
  () => db.close(),
);
