import { keepLastGoodCopy } from '../db/last-good-copy';
import type { Db } from '../db/open';
import { replaceHsdsTables } from './write-tables';
import type { TableRows } from './tables';

export interface DatasetIdentity {
  datasetId: string;
  version: string | null;
  /** Where it came from: a file path, a feed URL, or "starter". */
  source: string;
}

/**
 * Installs a whole dataset atomically: the HSDS tables are replaced and the install recorded in one
 * transaction, so a failure (or a killed process) leaves the previous directory exactly as it was. A copy
 * of the database as it was is kept first, for recovery from a damaged file.
 */
export function installDataset(db: Db, tables: TableRows, identity: DatasetIdentity): void {
  if (db.prepare('SELECT 1 FROM dataset_install LIMIT 1').get()) keepLastGoodCopy(db);
  db.transaction(() => {
    replaceHsdsTables(db, tables);
    db.prepare(
      'INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, ?)',
    ).run(identity.datasetId, identity.version, identity.source, new Date().toISOString(), tables.service.length);
  })();
}
