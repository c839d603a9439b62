import { nativeBindingOf, type Db } from '../../db/open';
import { searchIndexFromTablesSteps } from '../../search/build/text-index';
import type { StepListener, Steps } from '../../jobs/steps';
import { HSDS_TABLES } from '../../db/hsds-tables';
import { writeSteps, writeStepsAsync } from '../../db/write-transaction';
import { stepsOnWorker } from '../../jobs/steps-on-worker';
import { workerScript } from '../../jobs/worker-script';
import { swapWithPrevious } from './swap-with-previous';

export interface RollbackResult {
  datasetId: string;
  version: string | null;
  services: number;
}

interface InstallRecord {
  dataset_id: string;
  version: string | null;
  source: string;
  installed_at: string;
  services: number;
}

const count = (db: Db, table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/**
 * The steps of a rollback, to run inside one write transaction: restore the directory kept by the last
 * install or source removal, exactly (same rows, same order, same sources), table by table, then build
 * the search index of what was restored. The directory it replaces becomes the previous version, so a
 * second rollback undoes the first. Local notes and marks are separate tables and are not touched.
 */
export function* rollbackSteps(db: Db): Steps<RollbackResult> {
  const previous = db.prepare('SELECT dataset_id, version, source, installed_at, services FROM dataset_previous WHERE id = 1').get() as InstallRecord | undefined;
  if (!previous) throw new Error('There is no previous version to roll back to.');
  const current = db.prepare('SELECT dataset_id, version, source, installed_at, services FROM dataset_install ORDER BY id DESC LIMIT 1').get() as InstallRecord;
  const sizes = HSDS_TABLES.map((t) => count(db, `previous_${t}`));
  const total = sizes.reduce((a, b) => a + b, 0);
  let done = 0;
  yield { step: 'restoring', done, total };
  for (const [i, t] of HSDS_TABLES.entries()) {
    for (const restored of swapWithPrevious(db, t)) yield { step: 'restoring', done: done + restored, total };
    done += sizes[i]!;
    yield { step: 'restoring', done, total };
  }
  for (const _ of swapWithPrevious(db, 'source')) yield { step: 'restoring', done, total };
  db.prepare('UPDATE dataset_previous SET dataset_id = @dataset_id, version = @version, source = @source, installed_at = @installed_at, services = @services WHERE id = 1').run(current);
  db.prepare('INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (@dataset_id, @version, @source, @installed_at, @services)').run({
    ...previous,
    source: `rollback: ${previous.source}`,
    installed_at: new Date().toISOString(),
  });
  yield* searchIndexFromTablesSteps(db);
  return { datasetId: previous.dataset_id, version: previous.version, services: previous.services };
}

/** Rolls back in one transaction, straight through (the CLI). */
export const rollback = (db: Db): RollbackResult => writeSteps(db, rollbackSteps(db));

/** What rollback-worker.ts is started with: the database file, and the build of better-sqlite3 to open it with. */
export interface RollbackJob {
  path: string;
  nativeBinding?: string;
}

/**
 * The same rollback on a connection of its own, yielding between tables and search batches so the window
 * keeps answering from the directory as it was until the commit; a cancel or failure changes nothing.
 * On a worker thread (steps-on-worker.ts says why), or on this one for a database in memory or before
 * `npm run build` has made the worker's script.
 */
export function rollbackAsync(db: Db, listener: StepListener = {}): Promise<RollbackResult> {
  const script = db.memory ? null : workerScript('rollback-worker.js');
  if (!script) return writeStepsAsync(db, rollbackSteps(db), listener);
  const nativeBinding = nativeBindingOf(db);
  return stepsOnWorker(script, { path: db.name, ...(nativeBinding ? { nativeBinding } : {}) } satisfies RollbackJob, listener);
}
