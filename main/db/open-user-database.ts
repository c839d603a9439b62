import { checkDatabaseFile } from '../jobs/database-file-job';
import { findLastGoodCopy, restoreLastGoodCopy, setAsideDamaged, type LastGoodCopy } from './last-good-copy';
import { openDatabase, type Db } from './open';

export interface DamagedDatabase {
  detail: string;
  lastGoodCopy: LastGoodCopy | null;
}

/** What the user chose when told the database is damaged. */
export type RecoveryChoice = 'restore' | 'start-fresh' | 'quit';

/**
 * Opens the user's database after a quick integrity check. A damaged file is never opened for writing:
 * the user is asked (through `ask`) whether to restore the last good copy, start again from the bundled
 * directory (the damaged file is kept aside), or quit.
 */
export function openUserDatabase(
  path: string,
  ask: (problem: DamagedDatabase) => RecoveryChoice,
  nativeBinding?: string,
): Db | null {
  const check = checkDatabaseFile(path, nativeBinding);
  if (check.status === 'corrupt') {
    const lastGoodCopy = findLastGoodCopy(path);
    const choice = ask({ detail: check.detail, lastGoodCopy });
    if (choice === 'quit') return null;
    if (choice === 'restore' && lastGoodCopy) restoreLastGoodCopy(path);
    else setAsideDamaged(path);
  }
  return openDatabase(path, { nativeBinding });
}
