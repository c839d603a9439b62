import type { Db } from '../db/open';
import { callSession, sessionWorker } from '../jobs/session-on-worker';
import type { StepsWorker } from '../jobs/steps-on-worker';
import { localFeedSession, type FeedSession } from './feed-session';
import { REFUSAL, SyncError } from './sync-error';

/** A refusal crosses back as one: its message is shown as it is, not as a failure's. */
const asRefusal = (err: unknown): never => {
  throw err instanceof Error && err.name === REFUSAL ? new SyncError(err.message) : err;
};

/** The session on a worker thread (feed-session-worker.ts): this thread holds none of the rows read, nor the install's steps, nor its commit. */
function workerFeedSession(worker: StepsWorker): FeedSession {
  return {
    check: (version, listener) => callSession<never>(worker, 'check', version, listener).catch(asRefusal),
    removals: () => callSession<never>(worker, 'removals').catch(asRefusal),
    apply: (update, listener) => callSession<never>(worker, 'apply', update, listener).catch(asRefusal),
    close: () => void worker.close(),
  };
}

/**
 * A feed version's session: on a worker thread, or on this one for a database in memory or before
 * `npm run build` has made the worker's script. A local session writes on `openWriter`'s connection.
 */
export function openFeedSession(db: Db, openWriter: () => Db): FeedSession {
  const worker = sessionWorker(db, 'feed-session-worker.js', {});
  return worker ? workerFeedSession(worker) : localFeedSession(db, openWriter);
}
