import type { StepListener } from '../jobs/steps';
import { serveSession, type SessionDatabase } from '../jobs/session-on-worker';
import type { FeedVersion, VersionToApply } from './feed-install';
import { localFeedSession } from './feed-session';
import { REFUSAL, SyncError } from './sync-error';

/** Named so feed-on-worker.ts makes a SyncError of it again: only its message crosses the threads. */
const marked = (err: unknown): never => {
  if (err instanceof SyncError) err.name = REFUSAL;
  throw err;
};

/** A feed version's session on a thread of its own (feed-on-worker.ts starts it): a reading connection for its life, a writing one for its apply. */
serveSession<SessionDatabase>((db, openWriter) => {
  const session = localFeedSession(db, openWriter);
  return {
    check: (version: FeedVersion, listener: StepListener) => session.check(version, listener).catch(marked),
    removals: () => session.removals().catch(marked),
    apply: (update: VersionToApply, listener: StepListener) => session.apply(update, listener).catch(marked),
  };
});
