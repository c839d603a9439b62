import { createHash } from 'node:crypto';
import type { Db } from '../db/open';
import { HSDS_TABLES } from '../hsds/tables';

/** A fingerprint of everything a sync may touch: the directory, the install record and the feed tables. */
export function dbDigest(db: Db): string {
  const hash = createHash('sha256');
  for (const t of [...HSDS_TABLES, 'dataset_install', 'feed_subscription', 'feed_applied']) {
    hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()));
  }
  return hash.digest('hex');
}

/** The directory alone, for comparing databases that were reached by different paths. */
export function directoryDigest(db: Db): string {
  const hash = createHash('sha256');
  for (const t of HSDS_TABLES) hash.update(t).update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()));
  return hash.digest('hex');
}
