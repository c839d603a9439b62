import { createHash } from 'node:crypto';
import type { ReadDb } from '../db/open';
import { HSDS_TABLES } from '../db/hsds-tables';
import { hsdsColumns } from '../hsds/read/table-info';

/** A fingerprint of everything a sync may touch: the directory, the install record and the feed tables. */
export function dbDigest(db: ReadDb): string {
  const hash = createHash('sha256');
  for (const t of [...HSDS_TABLES, 'dataset_install', 'feed_subscription', 'feed_applied']) {
    hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
  }
  return hash.digest('hex');
}

/** The directory alone, for comparing databases that were reached by different paths (so not the name of the source that holds it). */
export function directoryDigest(db: ReadDb): string {
  const hash = createHash('sha256');
  for (const t of HSDS_TABLES) hash.update(t).update(JSON.stringify(db.prepare(`SELECT ${hsdsColumns(t).join(', ')} FROM ${t} ORDER BY id`).all()));
  return hash.digest('hex');
}

/**
 * Every stored table (the search index's own tables and the kept previous version included), for "left
 * exactly as it was". Virtual tables are read through the tables that hold their content.
 */
export function everythingDigest(db: ReadDb): string {
  const hash = createHash('sha256');
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name").pluck().all() as string[];
  for (const t of tables) hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY 1`).all(), (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : v)));
  return hash.digest('hex');
}
