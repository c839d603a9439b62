import type { Db } from '../../db/open';
import { searchIndexFromTablesSteps } from '../../search/build/text-index';
import type { StepListener, Steps } from '../../jobs/steps';
import { HSDS_TABLES } from '../../db/hsds-tables';
import { writeSteps, writeStepsAsync } from '../../db/write-transaction';
import { onWriteWorker } from './write-on-worker';
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

/**
 * The same rollback on a connection of its own, yielding between tables and search batches so the window
 * keeps answering from the directory as it was until the commit; a cancel or failure changes nothing.
 * On a worker thread when it can be (write-on-worker.ts).
 */
export const rollbackAsync = (db: Db, listener: StepListener = {}): Promise<RollbackResult> =>
  onWriteWorker(db, { kind: 'rollback' }, listener, () => writeStepsAsync(db, rollbackSteps(db), listener));
