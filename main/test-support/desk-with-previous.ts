import { installDataset } from '../hsds/install/install-dataset';
import { syntheticDirectory } from './synthetic-directory';
import { tempDb } from './temp-db';

/** A desk with two synthetic directories installed: `current` services now, `previous` for a rollback to restore. */
export function deskWithPrevious(previous: number, current: number): ReturnType<typeof tempDb> {
  const t = tempDb();
  installDataset(t.db, syntheticDirectory(previous), { datasetId: 'synthetic', version: '1', source: 'test' });
  installDataset(t.db, syntheticDirectory(current), { datasetId: 'synthetic', version: '2', source: 'test' });
  return t;
}
