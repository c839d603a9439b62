import type { RemovalCount } from '../../../shared/import-types';
import type { TableRows } from '../../db/hsds-tables';
import type { ReadDb } from '../../db/open';
import { sourceServiceIds } from '../../sources/source-tables';

/**
 * What installing `incoming` into a source would remove from it as it is now: counted when the install
 * is asked for, not when the dataset was checked, since another import, a sync or a rollback may have
 * changed the directory in between. Other sources are not touched, so they do not count.
 */
export function removalsFrom(db: ReadDb, incoming: TableRows, source: string): RemovalCount {
  const kept = new Set(incoming.service.map((s) => String(s.id)));
  const installed = sourceServiceIds(db, source);
  return { removed: installed.filter((id) => !kept.has(id)).length, installed: installed.length };
}

/**
 * An import or pull that would remove more than half of the services of the source it replaces needs an explicit yes
 * (`--allow-removals` on the command line, a confirmation in the app): a wrong file or a broken feed must
 * not empty a directory by accident.
 */
export const needsRemovalConsent = ({ removed, installed }: RemovalCount): boolean => removed * 2 > installed;

/** Why an apply was refused for want of that yes; `confirm` says how to give it. */
export const removalRefusal = ({ removed, installed }: RemovalCount, confirm: string): string =>
  `This would remove ${removed} of the ${installed} services it replaces, more than half of them, so it needs an explicit yes: ${confirm}. Nothing was changed.`;
