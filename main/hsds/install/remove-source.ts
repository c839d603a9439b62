import type { SourceRemoved } from '../../../shared/domain';
import type { Db } from '../../db/open';
import { HSDS_TABLES, SHARED_TABLES } from '../../db/hsds-tables';
import type { StepListener, Steps } from '../../jobs/steps';
import { searchIndexFromTablesSteps } from '../../search/build/text-index';
import { storedSource } from '../../sources/source-target';
import { deleteRowsInBatches } from '../../db/rows-in-batches';
import { refuseBrokenReferencesSteps } from './broken-references';
import { keepPreviousVersion, writeKeepingCopyAsync } from './install-dataset';
import { onWriteWorker } from './write-on-worker';

/**
 * The steps of removing one source, in one transaction like an install: the directory as it was is kept
 * for a one-step rollback (which brings the source back), then the source's rows and its entry go, and
 * the search index is built of what the other sources hold. The shared taxonomy stays. Desk notes on its
 * services stay too, keyed by their ids, and come back into use if the source does.
 */
export function* removeSourceSteps(db: Db, name: string): Steps<SourceRemoved> {
  const source = storedSource(db, name);
  if (!source) throw new Error(`There is no source named "${name}" (see \`source list\`). Nothing was changed.`);
  const removed = db.prepare('SELECT count(*) FROM service WHERE atlas_source = ?').pluck().get(name) as number;
  for (const _ of keepPreviousVersion(db)) yield { step: 'applying', done: 0, total: removed };
  for (const t of [...HSDS_TABLES].reverse()) {
    if (!SHARED_TABLES.has(t)) for (const _ of deleteRowsInBatches(db, t, 'atlas_source = ?', [name])) yield { step: 'applying', done: 0, total: removed };
  }
  db.prepare('DELETE FROM source WHERE name = ?').run(name);
  for (const _ of refuseBrokenReferencesSteps(db)) yield { step: 'applying', done: removed, total: removed };
  const services = db.prepare('SELECT count(*) FROM service').pluck().get() as number;
  const current = db.prepare('SELECT dataset_id, version FROM dataset_install ORDER BY id DESC LIMIT 1').get() as { dataset_id: string; version: string | null };
  db.prepare('INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, ?)').run(
    current.dataset_id, current.version, `removed: ${source.origin}`, new Date().toISOString(), services,
  );
  yield { step: 'indexing', done: 0, total: services };
  yield* searchIndexFromTablesSteps(db);
  return { source: name, removed, services };
}

/**
 * Removes a source, keeping a copy of the database file as it was for damage recovery, yielding to the event
 * loop between tables and index batches (jobs/row-batches.ts) as an import's apply does, so the window
 * keeps answering while the index of a large remaining directory is rebuilt. In the app, on a connection
 * of its own, on a worker thread when it can be (write-on-worker.ts): the reading one sees the directory
 * as it was until the commit.
 */
export function removeSourceAsync(db: Db, name: string, listener: StepListener = {}): Promise<SourceRemoved> {
  return onWriteWorker(db, { kind: 'remove-source', source: name }, listener, () => removeSourceWriteAsync(db, name, listener));
}

/** The removal's write on this connection, the file's copy for recovery made meanwhile (writeKeepingCopyAsync). */
export const removeSourceWriteAsync = (db: Db, name: string, listener: StepListener): Promise<SourceRemoved> => writeKeepingCopyAsync(db, removeSourceSteps(db, name), listener);
