import type { Db } from '../db/open';
import { rebuildSearchIndex } from '../search/text-index';
import { replaceHsdsTables } from './write-tables';
import type { TableRows } from './tables';

export interface DatasetIdentity {
  datasetId: string;
  version: string | null;
  /** Where it came from: a file path, a feed URL, or "starter". */
  source: string;
}

/**
 * Installs a whole dataset atomically: the HSDS tables are replaced, the install recorded and the search
 * index rebuilt in one transaction, so a failure (or a killed process) leaves the previous directory exactly as it was.
 */
export function installDataset(db: Db, tables: TableRows, identity: DatasetIdentity): void {
  db.transaction(() => {
    replaceHsdsTables(db, tables);
    db.prepare(
      'INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, ?)',
    ).run(identity.datasetId, identity.version, identity.source, new Date().toISOString(), tables.service.length);
    rebuildSearchIndex(db);
  })();
}
