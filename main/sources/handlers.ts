import type { SourceCancelView, SourceProgress } from '../../shared/domain';
import type { Db } from '../db/open';
import { writeWhenFree } from '../db/write-when-free';
import type { WriteTurn } from '../db/write-turn';
import type { Handlers } from '../handler-types';
import { createJobRegistry } from '../jobs/registry';
import type { StepListener } from '../jobs/steps';
import { addSource } from './add-source';
import { pullSource } from './pull-source';
import { NO_SECRET_BOX, type SecretBox } from './secret-box';
import { listSources } from './source-list';
import { pauseSource } from './source-pause';
import { removeSourceAndAddress } from './source-remove';

type SourceChannel = 'sourceList' | 'sourceRemove' | 'sourceAdd' | 'sourcePull' | 'sourceProgress' | 'sourceCancel' | 'sourcePause';

/**
 * The Settings panel's sources, through the same functions as the `source` commands. A pull or a removal
 * writes on a connection of its own (a pull's on a worker thread: pull-run/on-worker.ts) and takes the
 * write turn for its whole run (a pull's download too, so an import cannot start under it and be
 * overwritten), so it never runs beside an import or a sync; the
 * install and the index rebuild yield between batches, and sourceProgress says how far it has got.
 * Adding and pausing are small desk writes that wait for a running one (write-when-free.ts). API keys are
 * sealed by `keys` (the app's key store, secret-box.ts). sourceCancel stops a pull before its install
 * commits (the download is dropped, the check or the install stops at its next step and rolls back).
 */
export function createSourceHandlers(db: Db, { openWriter, writeTurn, keys = NO_SECRET_BOX }: { openWriter: () => Db; writeTurn: WriteTurn; keys?: SecretBox }): Pick<Handlers, SourceChannel> {
  const running = new Map<string, SourceProgress>();
  /** The running pulls, for their cancel: each is forgotten once it ends, so a later cancel finds none. */
  const pulls = createJobRegistry<string, 'pull', true>();

  /** Runs `write` on a writer connection under the write turn, recording its progress under `name`. */
  async function withWriter<T>(name: string, what: string, write: (writer: Db, listener: StepListener, line: (l: string) => void) => Promise<T>): Promise<T> {
    const giveBack = writeTurn.take(what);
    const progress: SourceProgress = { line: '', step: null, done: 0, total: 0 };
    running.set(name, progress);
    let writer: Db | null = null;
    try {
      writer = openWriter();
      return await write(writer, { onProgress: (p) => Object.assign(progress, p) }, (l) => void (progress.line = l));
    } finally {
      running.delete(name);
      writer?.close();
      giveBack();
    }
  }

  return {
    sourceList: () => listSources(db),
    sourceRemove: ({ name }) =>
      withWriter(name, 'A source is being removed', async (writer, listener) => {
        const { source, removed, services } = await removeSourceAndAddress(writer, name, listener);
        return { source, removed, services };
      }),
    sourceAdd: async ({ name, url, kind, headerName, apiKey }) => {
      await writeWhenFree(db, () => addSource(db, name, { kind, url, ...(headerName === undefined ? {} : { headerName }), ...(apiKey === undefined ? {} : { apiKey }) }, keys));
      return listSources(db).find((s) => s.name === name)!;
    },
    sourcePull: ({ name, dryRun, allowRemovals }) =>
      withWriter(name, `The source "${name}" is being pulled`, async (writer, listener, line) => {
        const { result } = pulls.start(name, 'pull', { step: 'downloading', done: 0, total: 0 }, (run) =>
          pullSource(writer, name, {
            dryRun: dryRun ?? false,
            allowRemovals: allowRemovals ?? false,
            keys,
            onWorker: true,
            listener: { ...listener, isCancelled: run.isCancelled, onCommitting: run.onCommitting, onCommitted: () => run.committed(true) },
            signal: run.signal,
            progress: line,
          }),
        );
        try {
          return await result;
        } finally {
          pulls.forget(name);
        }
      }),
    sourceProgress: ({ name }) => (running.has(name) ? { ...running.get(name)! } : null),
    sourceCancel: async ({ name }): Promise<SourceCancelView> => {
      if (!pulls.progress(name)) return { outcome: 'idle', message: 'No pull of this source is running, so there was nothing to cancel.' };
      // An install that is committing cannot be stopped: the cancel waits, and what became of it is the answer.
      switch ((await pulls.cancel(name)).outcome) {
        case 'cancelling':
          return { outcome: 'cancelling', message: 'Stopping. Nothing will be changed.' };
        case 'too-late':
          return { outcome: 'too-late', message: 'Too late to cancel: the pull had already been installed. Its answer says what it changed; the Import screen’s undo puts back what was there before.' };
        case 'idle':
          return { outcome: 'idle', message: 'The pull ended as it was being installed, so there was nothing left to cancel. Its answer says what happened.' };
      }
    },
    sourcePause: ({ name, paused }) => writeWhenFree(db, () => pauseSource(db, name, paused)),
  };
}
