import { describe, expect, it } from 'vitest';
import { installDataset } from '../../hsds/install/install-dataset';
import { workerScript } from '../../jobs/worker-script';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { readSearchIndexes } from '../search-store';
import { readCurrentIndexOffThread } from './read-on-worker';

describe('the stored search index read on a worker thread', { timeout: 60_000 }, () => {
  const desk = tempDbsEachTest();
  const installed = () => {
    const t = desk();
    installDataset(t.db, syntheticDirectory(2_000), { datasetId: 'synthetic', version: '1', source: 'test' });
    return t;
  };

  it('has its worker script once built', () => {
    expect(workerScript('read-worker.js'), 'run `npm run build` first: the app runs the built out/main/read-worker.js').not.toBeNull();
  });

  it('is the index a read on this thread gives, for the latest install', async () => {
    const { db } = installed();
    const install = db.prepare('SELECT max(id) FROM dataset_install').pluck().get();
    expect(await readCurrentIndexOffThread(db)).toEqual({ install, stored: readSearchIndexes(db) });
  });

  it('is none when the index is damaged, or was built by an older build: either is rebuilt rather than misread', async () => {
    const { db } = installed();
    db.prepare("UPDATE search_blob SET data = x'ff' WHERE name = 'postings'").run();
    expect((await readCurrentIndexOffThread(db)).stored).toBeNull();
    const other = installed().db;
    other.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run();
    expect((await readCurrentIndexOffThread(other)).stored).toBeNull();
  });

  it('is none when its ids are not one per service, read on either thread (their list is split apart from the rest)', async () => {
    const { db } = installed();
    db.prepare("UPDATE search_blob SET data = CAST(substr(CAST(data AS TEXT), 1, 100) AS BLOB) WHERE name = 'ids'").run();
    expect((await readCurrentIndexOffThread(db)).stored).toBeNull();
    expect(() => readSearchIndexes(db)).toThrow(/different number of services/);
  });
});
