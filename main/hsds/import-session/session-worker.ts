import type { ColumnMapping } from '../../../shared/import-types';
import { offlineTables } from '../../geo/offline-tables';
import { serveSession } from '../../jobs/session-on-worker';
import type { SessionWorkerData } from './on-worker';
import { localImportSession, type ApplyChoice } from './session';

/** An import session on a thread of its own (on-worker.ts starts it): a reading connection for its life, a writing one for its apply. */
serveSession<SessionWorkerData>((db, openWriter, data) => {
  const session = localImportSession(db, data.path, openWriter, offlineTables(data.dataDir).knownArea);
  return {
    check: (mapping: ColumnMapping | undefined, listener) => session.check(mapping, listener),
    choose: (choice: ApplyChoice) => session.choose(choice),
    apply: (_: undefined, listener) => session.apply(listener),
  };
});
