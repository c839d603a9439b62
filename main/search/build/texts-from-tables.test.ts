import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { createServiceReader } from '../../db/service-read';
import { installDataset } from '../../hsds/install/install-dataset';
import { runSteps } from '../../jobs/steps';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDbsEachTest } from '../../test-support/temp-db';
import { readServiceFacts } from '../service-facts';
import { rebuildSearchIndex } from './text-index';
import { latestInstall } from './texts-from-tables';
import { startWordIndex, startWordIndexFromTablesSteps, TablesChanged, wordTags, wordWorkerScript, type WordIndexOptions } from './word-index-job';

/** The stored search index, BLOB by BLOB. */
const storedIndex = (db: Db) => db.prepare('SELECT name, data FROM search_blob ORDER BY name').raw().all();

describe('the word index with its texts read from the tables', { timeout: 60_000 }, () => {
  const desk = tempDbsEachTest();

  /** A desk past the size at which the word index goes to its worker thread. */
  const installed = () => {
    const t = desk();
    installDataset(t.db, syntheticDirectory(3_000), { datasetId: 'synthetic', version: '1', source: 'test' });
    return t;
  };

  /** The word index and name order of the installed tables, their texts read by the job itself, in one snapshot. */
  const fromTables = (db: Db, install: number | null, options: WordIndexOptions = {}) =>
    db.transaction(() => {
      const facts = readServiceFacts(db, createServiceReader(db));
      const job = runSteps(startWordIndexFromTablesSteps({ db, install }, options));
      job.sendTags(wordTags(facts));
      try {
        return runSteps(job.finishSteps());
      } finally {
        job.close();
      }
    })();

  /** The reference: the same built on this thread from the texts the facts carry. */
  const fromFacts = (db: Db) => {
    const facts = readServiceFacts(db, createServiceReader(db));
    const job = startWordIndex(facts, { inThread: true });
    job.sendTags(wordTags(facts));
    return runSteps(job.finishSteps());
  };

  it('is, read by the worker on a connection of its own, exactly the index built from the facts\' texts', () => {
    expect(wordWorkerScript(), 'run `npm run build` first').not.toBeNull();
    const { db } = installed();
    const built = fromTables(db, latestInstall(db));
    expect(built).toEqual(fromFacts(db));
    expect(built.nameRank).toHaveLength(3_000);
  });

  it('is the same read on this thread', () => {
    const { db } = installed();
    expect(fromTables(db, latestInstall(db), { inThread: true })).toEqual(fromFacts(db));
  });

  it('is refused when the worker read another install than the one the facts were read for', () => {
    const { db } = installed();
    expect(() => fromTables(db, latestInstall(db)! - 1)).toThrow(TablesChanged);
  });

  it('reads, inside a transaction, the rows the transaction wrote rather than the committed ones', () => {
    const { db, path } = installed();
    const before = storedIndex(db);
    // A rebuild inside a write that changes the texts (as a rollback's does): its index must hold the new word.
    db.transaction(() => {
      db.prepare("UPDATE service SET description = 'zzyzxword' WHERE rowid = (SELECT min(rowid) FROM service)").run();
      rebuildSearchIndex(db);
    })();
    const inside = storedIndex(db);
    expect(inside).not.toEqual(before);
    // The same as a rebuild from the committed tables on another connection.
    const other = openDatabase(path);
    try {
      rebuildSearchIndex(other);
      expect(storedIndex(other)).toEqual(inside);
    } finally {
      other.close();
    }
  });
});
