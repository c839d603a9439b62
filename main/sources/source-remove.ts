import type { SourceRemoved } from '../../shared/domain';
import type { Db } from '../db/open';
import { removeSourceAsync } from '../hsds/install/remove-source';
import type { StepListener } from '../jobs/steps';
import { removePullConfig } from './pull-config';
import { storedSource } from './source-target';

/**
 * What `source remove` and the Settings panel's Remove both do: the source's services, if it has any yet
 * (one transaction, undone by rollback, which also brings back where it is pulled from: that is stored
 * with the source's row), and the address it was added with. `pulled` is false for a source added and
 * never pulled, which had only its address to forget. The index of what remains is rebuilt in batches
 * that yield, with `listener` hearing each step.
 */
export async function removeSourceAndAddress(db: Db, name: string, listener?: StepListener): Promise<SourceRemoved & { pulled: boolean }> {
  if (!storedSource(db, name) && removePullConfig(db, name)) {
    return { source: name, removed: 0, services: db.prepare('SELECT count(*) FROM service').pluck().get() as number, pulled: false };
  }
  const r = await removeSourceAsync(db, name, listener);
  removePullConfig(db, name);
  return { ...r, pulled: true };
}
