import type { SourcePullSummary } from '../../../shared/domain';
import { databaseFileOf, type DatabaseFile, type Db } from '../../db/open';
import { stepsOnWorker } from '../../jobs/steps-on-worker';
import type { StepProgress } from '../../jobs/steps';
import { workerScript } from '../../jobs/worker-script';
import type { PullConfig } from '../pull-config';
import type { PullRunOptions } from './fetch-and-apply';

/** What pull-worker.ts is started with: the pull, and the database file. */
export interface PullJob extends DatabaseFile {
  name: string;
  config: PullConfig;
  /** The API key header, opened on this thread: the key store answers only here. */
  headers: Record<string, string>;
  dryRun: boolean;
  allowRemovals: boolean;
  limits?: PullRunOptions['limits'];
}

/** What the worker reports: the check's and the install's steps, and the download's lines. */
export type PullReport = StepProgress | { line: string };

/**
 * Runs a pull (fetch-and-apply.ts) on a worker thread with a connection of its own, or `here`, the same
 * pull on this thread, for a database in memory or before `npm run build` has made the worker's script.
 * On the worker nothing of it holds this thread: not the pages' JSON, not the hundreds of megabytes of
 * services and rows a statewide source is (their garbage collections alone paused a thread for a third of
 * a second), not the check, the install or its commit. Its progress, its cancel (the download's too) and
 * its commit are reported as on this thread.
 */
export function pullOnWorker(
  db: Db,
  pull: Omit<PullJob, keyof DatabaseFile>,
  options: PullRunOptions,
  here: () => Promise<SourcePullSummary>,
): Promise<SourcePullSummary> {
  const script = db.memory ? null : workerScript('pull-worker.js');
  if (!script) return here();
  const { listener = {}, progress, signal } = options;
  return stepsOnWorker<SourcePullSummary, PullReport>(
    script,
    { ...pull, ...databaseFileOf(db) } satisfies PullJob,
    {
      onProgress: (p) => ('line' in p ? progress?.(p.line) : listener.onProgress?.(p)),
      isCancelled: () => signal?.aborted === true || listener.isCancelled?.() === true,
      ...(listener.onCommitting ? { onCommitting: listener.onCommitting } : {}),
      ...(listener.onCommitted ? { onCommitted: listener.onCommitted } : {}),
    },
    [],
    signal,
  );
}
