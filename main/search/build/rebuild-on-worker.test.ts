import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { installDataset } from '../../hsds/install/install-dataset';
import { workerScript } from '../../jobs/worker-script';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { rebuildSearchIndexOffThread } from './rebuild-on-worker';
import { rebuildSearchIndex, searchIndexIsCurrent } from './text-index';

/** The stored search index, BLOB by BLOB, and what it was built for. */
const storedIndex = (db: Db) => ({
  blobs: db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all(),
  install: db.prepare('SELECT dataset_install_id FROM search_index_state').pluck().get(),
});

describe('a search index rebuilt from the tables on a worker thread', { timeout: 60_000 }, () => {
  const desk = tempDbsEachTest();

  it('has its worker script once built', () => {
    expect(workerScript('rebuild-worker.js'), 'run `npm run build` first: the app runs the built out/main/rebuild-worker.js').not.toBeNull();
  });

  it('is the index a rebuild on this thread stores, marked current, its progress reported here', async () => {
    const t = desk();
    installDataset(t.db, syntheticDirectory(3_000), { datasetId: 'synthetic', version: '1', source: 'test' });
    rebuildSearchIndex(t.db);
    const here = storedIndex(t.db);
    t.db.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run();
    t.db.prepare('DELETE FROM search_blob').run();
    const reported: number[] = [];
    await rebuildSearchIndexOffThread(t.db, { onProgress: ({ done }) => void reported.push(done) });
    expect(storedIndex(t.db)).toEqual(here);
    expect(searchIndexIsCurrent(t.db)).toBe(true);
    expect(reported.length).toBeGreaterThan(5);
    expect(reported.at(-1)).toBe(3_000);
  });

  it('is dropped when an install landed while it was being built: that install brought its own', async () => {
    const t = desk();
    installDataset(t.db, syntheticDirectory(3_000), { datasetId: 'synthetic', version: '1', source: 'test' });
    t.db.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run();
    const other = openDatabase(t.path);
    let installed: ReturnType<typeof storedIndex> | null = null;
    try {
      await rebuildSearchIndexOffThread(t.db, {
        onProgress: () => {
          if (installed) return;
          // The app's import on a connection of its own, committing while the rebuild reads its snapshot.
          installDataset(other, syntheticDirectory(2_000), { datasetId: 'synthetic', version: '2', source: 'test' });
          installed = storedIndex(other);
        },
      });
    } finally {
      other.close();
    }
    expect(installed).not.toBeNull();
    expect(storedIndex(t.db)).toEqual(installed);
    expect(searchIndexIsCurrent(t.db)).toBe(true);
  });
});
