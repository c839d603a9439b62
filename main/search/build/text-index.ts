import type { Db, ReadDb } from '../../db/open';
import { createServiceReader } from '../../db/service-read';
import { buildFacetIndexSteps, type FacetColumns, type FacetIndex } from '../facets/facet-index';
import { writeFacetBlobsSteps, writeWordBlobsSteps } from '../search-store';
import { serviceFactsSteps, type ServiceFacts } from '../service-facts';
import { SYNONYMS_VERSION } from '../words/synonyms';
import { runSteps, runStepsAsync, type StepListener, type Steps } from '../../jobs/steps';
import { writeStepsAsync } from '../../db/write-transaction';
import type { StoredTextIndex } from '../words/text-postings';
import { latestInstall } from './texts-from-tables';
import { startWordIndexFromTablesSteps, startWordIndexSteps, TablesChanged, wordTagsSteps, type InstalledTables, type WordIndexJob } from './word-index-job';

/**
 * What the stored index was built with: the synonym groups and the layout of search-store.ts's BLOBs.
 * An index built by another build, with either different, is rebuilt rather than misread.
 */
const INDEX_VERSION = `${SYNONYMS_VERSION}/blobs-5`;

/**
 * Reads a directory's search facts, calling onServices as soon as the services' own columns are in (their
 * lists are filled later), so the word index can start on them while the rest is read.
 */
export type FactsSteps = (onServices: (services: readonly ServiceFacts[]) => void) => Steps<ServiceFacts[]>;

/** A search index built in memory, as it is stored. */
export interface BuiltSearchIndex {
  facets: FacetColumns & Pick<FacetIndex, 'nameRank'>;
  text: StoredTextIndex;
}

/**
 * The facet and word indexes of a directory, on two threads (word-index-job.ts). Once the services' own
 * columns are read, a worker puts their names in order and scans every word (three columns per service:
 * names, tags, body) while this thread reads the rest of the facts (with `texts`, the worker reads those
 * services' texts from the tables itself, from the start, and the facts are read without them); given the tags, it finishes the word
 * index while this thread builds the facets, and hands them to onFacets (an install stores them meanwhile).
 * Reports as it goes, so an import, a sync or a rollback can answer the window between batches.
 */
function* buildSearchIndexSteps(
  readFacts: FactsSteps,
  onFacets: (facets: FacetColumns) => Generator<void, void, void> = function* () {},
  texts?: InstalledTables,
): Steps<BuiltSearchIndex> {
  let words: WordIndexJob | undefined;
  let services: readonly ServiceFacts[] | undefined;
  let reading: Steps<ServiceFacts[]> | undefined;
  try {
    // Texts read from the tables: the word index starts on them at once, in parallel with the facts.
    if (texts) words = yield* startWordIndexFromTablesSteps(texts);
    reading = readFacts((read) => (services ??= read));
    // While the facts are read the words are being scanned: the progress reported is theirs.
    let next = reading.next();
    for (; !next.done; next = reading.next()) {
      if (services && !words) {
        // The services' last batch read is one step, the word index's start another.
        yield { ...next.value, done: 0 };
        words = yield* startWordIndexSteps(services);
      }
      yield { ...next.value, done: words?.scanned() ?? 0 };
    }
    const facts = next.value;
    words ??= yield* startWordIndexSteps(facts);
    const total = facts.length;
    yield { step: 'indexing', done: words.scanned(), total };
    // The worker finishes the word index while this thread builds the facets.
    const tagging = wordTagsSteps(facts);
    let tagged = tagging.next();
    for (; !tagged.done; tagged = tagging.next()) yield { step: 'indexing', done: words.scanned(), total };
    words.sendTags(tagged.value);
    yield { step: 'indexing', done: words.scanned(), total };
    const building = buildFacetIndexSteps(facts);
    let built = building.next();
    for (; !built.done; built = building.next()) yield { step: 'indexing', done: words.scanned(), total };
    const facets = built.value;
    for (const _ of onFacets(facets)) yield { step: 'indexing', done: words.scanned(), total };
    const { index: text, nameRank } = yield* words.finishSteps();
    yield { step: 'indexing', done: total, total };
    return { facets: { ...facets, nameRank }, text };
  } finally {
    // Stopped early (a cancel): the reading lets go of its snapshot, the worker of its thread.
    reading?.return(undefined as never);
    words?.close();
  }
}

/**
 * Stores the word index and name order beside the facets writeFacetBlobsSteps stored, a BLOB a step, and
 * marks the whole as built for the latest install by this INDEX_VERSION.
 */
function* storeWordsAndMarkSteps(db: Db, { facets, text }: { facets: Pick<FacetIndex, 'nameRank'>; text: StoredTextIndex }): Generator<void, void, void> {
  yield* writeWordBlobsSteps(db, text, facets.nameRank);
  markBuilt(db);
}

/** Marks the stored index as built for the latest install by this INDEX_VERSION. */
function markBuilt(db: Db): void {
  db.prepare(
    `INSERT INTO search_index_state (id, dataset_install_id, synonyms, built_at) VALUES (1, (SELECT max(id) FROM dataset_install), ?, ?)
     ON CONFLICT (id) DO UPDATE SET dataset_install_id = excluded.dataset_install_id, synonyms = excluded.synonyms, built_at = excluded.built_at`,
  ).run(INDEX_VERSION, new Date().toISOString());
}

/**
 * Builds the search indexes (words and facets) of these facts and stores them, marked as built for the
 * latest install. Runs inside the caller's transaction, so they always describe exactly the installed
 * directory. Reports as it goes, so an import or sync can answer the window between batches. With `texts`,
 * the facts are read without the word index's texts, which it reads from these tables.
 */
export function* searchIndexSteps(db: Db, readFacts: FactsSteps, texts?: InstalledTables): Steps<void> {
  runSteps(storeWordsAndMarkSteps(db, yield* buildSearchIndexSteps(readFacts, (facets) => writeFacetBlobsSteps(db, facets), texts)));
}

/**
 * searchIndexSteps for the HSDS tables as this connection sees them (inside a rollback's transaction: as
 * restored, before they commit), read in the service reader's masked form.
 */
export function* searchIndexFromTablesSteps(db: Db): Steps<void> {
  yield* searchIndexSteps(db, (onServices) => serviceFactsSteps(db, createServiceReader(db), onServices));
}

/** The facts of tables whose texts the word index reads itself (buildSearchIndexSteps' `texts`). */
const factsWithoutTexts = (db: ReadDb): FactsSteps => (onServices) => serviceFactsSteps(db, createServiceReader(db), onServices, { texts: false });

/**
 * Rebuilds the search indexes from the installed HSDS tables (for an index an older build made). Outside a
 * transaction, the tables are committed: the word index's worker reads their texts on a connection of its own.
 */
export function rebuildSearchIndex(db: Db): void {
  const committed = !db.inTransaction;
  db.transaction(() =>
    runSteps(committed ? searchIndexSteps(db, factsWithoutTexts(db), { db, install: latestInstall(db) }) : searchIndexFromTablesSteps(db)),
  )();
}

/**
 * The same rebuild, yielding to the event loop between batches: in the app on a worker thread of its own
 * (rebuild-on-worker.ts). The directory is read in one snapshot and the indexes built in memory; only the
 * final write takes the write lock, briefly, so the desk's own writes meanwhile (a note) neither wait on it
 * nor become part of it. An install that lands meanwhile brought its own index, and this one is then
 * dropped. Runs on its own connection.
 */
export async function rebuildSearchIndexAsync(db: Db, listener: StepListener = {}): Promise<void> {
  // A read transaction: one snapshot across the yields, and in WAL mode it holds no writer back.
  db.exec('BEGIN');
  let install: number | null;
  let built: BuiltSearchIndex;
  try {
    install = latestInstall(db);
    built = await runStepsAsync(buildSearchIndexSteps(factsWithoutTexts(db), undefined, { db, install }), listener);
  } catch (err) {
    // The word index's texts were read after an install had landed: that install brought its own index.
    if (err instanceof TablesChanged) return;
    throw err;
  } finally {
    db.exec('COMMIT');
  }
  await writeStepsAsync(db, storeBuiltIndexSteps(db, install, built), listener);
}

/** Stores a rebuilt index, a BLOB a step, unless an install has landed since it read the directory (that install brought its own). */
function* storeBuiltIndexSteps(db: Db, install: number | null, built: BuiltSearchIndex): Steps<void> {
  if (latestInstall(db) !== install) return;
  const progress = { step: 'indexing', done: built.facets.size, total: built.facets.size } as const;
  for (const _ of writeFacetBlobsSteps(db, built.facets)) yield progress;
  for (const _ of storeWordsAndMarkSteps(db, built)) yield progress;
}

/**
 * The index was built for the latest install by a build with this INDEX_VERSION (a database from
 * before search existed, or indexed by an older build, is not).
 */
export function searchIndexIsCurrent(db: ReadDb): boolean {
  const row = db
    .prepare(
      `SELECT (SELECT dataset_install_id FROM search_index_state WHERE id = 1) IS (SELECT max(id) FROM dataset_install)
          AND (SELECT synonyms FROM search_index_state WHERE id = 1) IS ? AS current`,
    )
    .get(INDEX_VERSION) as { current: number };
  return row.current === 1;
}
