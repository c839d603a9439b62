import type { SourceRemoved } from '../../shared/domain';
import type { Db } from '../db/open';
import { removeSource } from '../hsds/install/remove-source';
import { removePullConfig } from './pull-config';
import { storedSource } from './source-target';

/**
 * What `source remove` and the Settings panel's Remove both do: the source's services, if it has any yet
 * (one transaction, undone by rollback), and where it is pulled from. `pulled` is false for a source
 * added and never pulled, which had only its address to forget.
 */
export function removeSourceAndAddress(db: Db, name: string): SourceRemoved & { pulled: boolean } {
  if (!storedSource(db, name) && removePullConfig(db, name)) {
    return { source: name, removed: 0, services: db.prepare('SELECT count(*) FROM service').pluck().get() as number, pulled: false };
  }
  const r = removeSource(db, name);
  removePullConfig(db, name);
  return { ...r, pulled: true };
}
