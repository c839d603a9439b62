import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { rebuildSearchIndex } from '../../search/build/text-index';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { installDataset } from './install-dataset';
import { rollbackAsync } from './rollback';
import { ImportCancelled, type StepProgress } from '../../jobs/steps';
import { HSDS_TABLES } from '../../db/hsds-tables';
import { workerScript } from '../../jobs/worker-script';

const SERVICES = 3_000;

/** A fingerprint of what a query returns, BLOBs included: comparing fingerprints keeps these large comparisons quick. */
const digest = (db: Db, sql: string) => {
  const hash = createHash('sha256');
  for (const row of db.prepare(sql).raw().iterate() as Iterable<unknown[]>) {
    for (const value of row) hash.update(Buffer.isBuffer(value) ? value : JSON.stringify(value)).update('\u0000');
  }
  return hash.digest('hex');
};
const directory = (db: Db, prefix = '') => Object.fromEntries(HSDS_TABLES.map((t) => [t, digest(db, `SELECT * FROM ${prefix}${t} ORDER BY rowid`)]));
const searchIndex = (db: Db) => digest(db, 'SELECT name, data FROM search_blob ORDER BY name');
/** Everything a rollback touches: the directory, the kept previous version, the install record and the search index. */
const everything = (db: Db) => ({
  live: directory(db),
  previous: directory(db, 'previous_'),
  installs: digest(db, 'SELECT * FROM dataset_install ORDER BY id'),
  previousIdentity: digest(db, 'SELECT * FROM dataset_previous'),
  index: searchIndex(db),
  indexState: digest(db, 'SELECT * FROM search_index_state'),
});

describe('rolling back in steps on a writer connection', { timeout: 120_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  /** A desk that installed a directory of SERVICES services, then a smaller one with a renamed service. */
  const desk = () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    installDataset(t.db, syntheticDirectory(SERVICES), { datasetId: 'synthetic', version: '1', source: 'test' });
    const first = { directory: directory(t.db), index: searchIndex(t.db) };
    const second = syntheticDirectory(SERVICES / 2);
    second.service[0]!.name = 'SYNTHETIC Service 0 (renamed)';
    installDataset(t.db, second, { datasetId: 'synthetic', version: '2', source: 'test' });
    const writer = openDatabase(t.path);
    cleanups.unshift(() => writer.close());
    return { ...t, writer, first, second: { directory: directory(t.db), index: searchIndex(t.db) } };
  };

  it('has its worker script once built', () => {
    expect(workerScript('write-worker.js'), 'run `npm run build` first: the app runs the built out/main/write-worker.js').not.toBeNull();
  });

  it('writes on a thread and connection of its own: the connection handed in never holds the write, nor this thread its commit', async () => {
    const { db, writer, first } = desk();
    const held: boolean[] = [];
    const heard: string[] = [];
    await rollbackAsync(writer, {
      onProgress: () => void held.push(writer.inTransaction || db.inTransaction),
      onCommitting: () => void heard.push(`committing after ${held.length} steps`),
      onCommitted: () => void heard.push('committed'),
    });
    expect(held.length).toBeGreaterThan(HSDS_TABLES.length);
    expect(held.every((h) => !h)).toBe(true);
    expect(heard).toEqual([`committing after ${held.length} steps`, 'committed']);
    expect(directory(db)).toEqual(first.directory);
  });

  it('restores the previous rows exactly with the index a rebuild gives, and a second rollback undoes the first', async () => {
    const { db, writer, first, second } = desk();
    const steps: StepProgress[] = [];
    expect(await rollbackAsync(writer, { onProgress: (p) => void steps.push(p) })).toEqual({ datasetId: 'synthetic', version: '1', services: SERVICES });

    expect(directory(db)).toEqual(first.directory);
    expect(directory(db, 'previous_')).toEqual(second.directory);
    expect(searchIndex(db)).toEqual(first.index);
    rebuildSearchIndex(db);
    expect(searchIndex(db)).toEqual(first.index);
    expect(db.prepare('SELECT dataset_id, version, source FROM dataset_install ORDER BY id DESC LIMIT 1').get()).toEqual({ dataset_id: 'synthetic', version: '1', source: 'rollback: test' });

    // Table by table in batches, then the search index, each step's progress in order.
    expect(steps.map((p) => p.step).filter((s, i, all) => s !== all[i - 1])).toEqual(['restoring', 'indexing']);
    const restoring = steps.filter((p) => p.step === 'restoring');
    expect(restoring.length).toBeGreaterThan(HSDS_TABLES.length);
    expect(restoring.map((p) => p.done)).toEqual([...restoring.map((p) => p.done)].sort((a, b) => a - b));
    expect(restoring.at(-1)!.done).toBe(restoring.at(-1)!.total);
    expect(steps.at(-1)).toEqual({ step: 'indexing', done: SERVICES, total: SERVICES });

    await rollbackAsync(writer);
    expect(directory(db)).toEqual(second.directory);
    expect(directory(db, 'previous_')).toEqual(first.directory);
    expect(searchIndex(db)).toEqual(second.index);
  });

  const interrupted: [string, (steps: StepProgress[]) => { isCancelled?: () => boolean; onProgress?: (p: StepProgress) => void }, RegExp | typeof ImportCancelled][] = [
    ['cancelled halfway through the tables', (steps) => ({ isCancelled: () => steps.filter((p) => p.step === 'restoring').length >= 8 }), ImportCancelled],
    ['cancelled while preparing search', (steps) => ({ isCancelled: () => steps.filter((p) => p.step === 'indexing').length >= 4 }), ImportCancelled],
    // Asked once more than it has heard steps: only when the write, its steps done, asks whether it may commit.
    ['cancelled after its last step, as it is about to commit', (steps) => {
      let asked = 0;
      return { isCancelled: () => ++asked > steps.length };
    }, ImportCancelled],
    ['failing halfway (a listener throws)', (steps) => ({
      onProgress: () => {
        if (steps.length === 12) throw new Error('disk unplugged');
      },
    }), /disk unplugged/],
  ];
  for (const [name, listener, error] of interrupted) {
    it(`${name}, leaves the directory, its previous copy and the search index exactly as they were, and can be run again`, async () => {
      const { db, writer, first } = desk();
      const before = everything(db);
      const steps: StepProgress[] = [];
      const { onProgress, isCancelled } = listener(steps);
      await expect(
        rollbackAsync(writer, {
          onProgress: (p) => {
            steps.push(p);
            onProgress?.(p);
          },
          ...(isCancelled ? { isCancelled } : {}),
        }),
      ).rejects.toThrow(error);
      expect(everything(db)).toEqual(before);
      expect(everything(writer)).toEqual(before);

      await rollbackAsync(writer);
      expect(directory(db)).toEqual(first.directory);
      expect(searchIndex(db)).toEqual(first.index);
    });
  }

  it('with no previous version says so and changes nothing', async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    installDataset(t.db, syntheticDirectory(5), { datasetId: 'synthetic', version: '1', source: 'test' });
    const before = everything(t.db);
    const writer = openDatabase(t.path);
    cleanups.unshift(() => writer.close());
    await expect(rollbackAsync(writer)).rejects.toThrow('There is no previous version to roll back to.');
    expect(everything(t.db)).toEqual(before);
  });
});
