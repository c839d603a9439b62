import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { installDataset } from '../../hsds/install/install-dataset';
import { ImportCancelled } from '../../jobs/steps';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { rebuildSearchIndexAsync, searchIndexIsCurrent } from './text-index';

const stored = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

describe('a search index rebuilt from the tables, a step at a time', { timeout: 120_000 }, () => {
  const desk = tempDbsEachTest();

  it('is stopped by a cancel heard between any two of its steps, leaving the stored index as it was', async () => {
    const t = desk();
    installDataset(t.db, syntheticDirectory(2_000), { datasetId: 'synthetic', version: '1', source: 'test' });
    t.db.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run();
    const before = stored(t.db);
    let steps = 0;
    await rebuildSearchIndexAsync(t.db, { onProgress: () => steps++ });
    const after = stored(t.db);
    expect(searchIndexIsCurrent(t.db)).toBe(true);
    expect(steps).toBeGreaterThan(10);

    // Put back as it was, then stopped after the first step, the last, and a few between.
    for (const stopAt of new Set([1, ...Array.from({ length: 4 }, (_, k) => Math.ceil(((k + 1) * steps) / 5)), steps - 1])) {
      t.db.prepare('DELETE FROM search_blob').run();
      const insert = t.db.prepare('INSERT INTO search_blob (name, data) VALUES (?, ?)');
      for (const [name, data] of before as [string, Buffer][]) insert.run(name, data);
      t.db.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run();
      // Steps are cut by the clock as well as by counts, so a run may report fewer than the first did: one
      // that ends before `stopAt` is stopped by the question it is asked last, once its steps are done,
      // before its write commits (the only question that follows no report).
      let reported = 0;
      let asked = 0;
      const isCancelled = () => ++asked > reported || reported >= stopAt;
      await expect(rebuildSearchIndexAsync(t.db, { onProgress: () => reported++, isCancelled })).rejects.toThrow(ImportCancelled);
      expect(reported).toBeLessThanOrEqual(stopAt);
      expect(stored(t.db)).toEqual(before);
      expect(searchIndexIsCurrent(t.db)).toBe(false);
    }
    await rebuildSearchIndexAsync(t.db);
    expect(stored(t.db)).toEqual(after);
  });
});
