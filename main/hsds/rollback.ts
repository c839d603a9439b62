import type { Db } from '../db/open';
import { rebuildSearchIndex } from '../search/text-index';
import { HSDS_TABLES } from './tables';

export interface RollbackResult {
  datasetId: string;
  version: string | null;
  services: number;
}

/**
 * Restores the directory kept by the last install, exactly (same rows, same order), in one transaction.
 * The directory it replaces becomes the previous version, so a second rollback undoes the first.
 * Local notes and marks are separate tables and are not touched.
 */
export function rollback(db: Db): RollbackResult {
  return db.transaction(() => {
    const previous = db.prepare('SELECT dataset_id, version, source, services FROM dataset_previous WHERE id = 1').get() as
      | { dataset_id: string; version: string | null; source: string; services: number }
      | undefined;
    if (!previous) throw new Error('There is no previous version to roll back to.');
    const current = db.prepare('SELECT dataset_id, version, source, installed_at, services FROM dataset_install ORDER BY id DESC LIMIT 1').get() as
      { dataset_id: string; version: string | null; source: string; installed_at: string; services: number };
    db.pragma('defer_foreign_keys = ON');
    for (const t of HSDS_TABLES) db.exec(`CREATE TEMP TABLE swap_${t} AS SELECT * FROM ${t} ORDER BY rowid`);
    for (const t of [...HSDS_TABLES].reverse()) db.exec(`DELETE FROM ${t}`);
    for (const t of HSDS_TABLES) {
      db.exec(`INSERT INTO ${t} SELECT * FROM previous_${t} ORDER BY rowid`);
      db.exec(`DELETE FROM previous_${t}`);
      db.exec(`INSERT INTO previous_${t} SELECT * FROM swap_${t} ORDER BY rowid`);
      db.exec(`DROP TABLE swap_${t}`);
    }
    db.prepare('UPDATE dataset_previous SET dataset_id = ?, version = ?, source = ?, installed_at = ?, services = ? WHERE id = 1').run(
      current.dataset_id, current.version, current.source, current.installed_at, current.services,
    );
    db.prepare('INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, ?)').run(
      previous.dataset_id, previous.version, `rollback: ${previous.source}`, new Date().toISOString(), previous.services,
    );
    rebuildSearchIndex(db);
    return { datasetId: previous.dataset_id, version: previous.version, services: previous.services };
  })();
}
