import type { Db } from '../db/open';
import { createServiceReader } from '../db/service-read';
import { termLabel } from '../../shared/vocabulary';
import { buildFacetIndex, type FacetIndex } from './facet-index';
import { writeSearchIndexes } from './search-store';
import { serviceFactsSteps, type ServiceFacts } from './service-facts';
import { groupAt, groupToken, NO_GROUP, PHRASE_START, SYNONYMS_VERSION, synonymRole } from './synonyms';
import { runSteps, runStepsAsync, type StepListener, type Steps } from '../hsds/steps';
import { grow } from './grow';
import { TextIndexBuilder, type TextIndex } from './text-postings';

/**
 * What the stored index was built with: the synonym groups and the layout of search-store.ts's BLOBs.
 * An index built by another build, with either different, is rebuilt rather than misread.
 */
const INDEX_VERSION = `${SYNONYMS_VERSION}/blobs-1`;

/**
 * The word index of the services: three columns per service, each also carrying the tokens of the
 * synonym groups it mentions. Names (service, alternate, organization); tags (cities, and the category,
 * population and language labels in English and Spanish); body (description, eligibility). Labels and
 * cities recur in most records, so their term ids are worked out once and remembered.
 */
export function buildServiceTextIndex(facts: readonly ServiceFacts[]): TextIndex {
  return runSteps(serviceTextIndexSteps(facts));
}

/** Services indexed between two progress reports. */
const INDEX_BATCH = 5_000;

/** buildServiceTextIndex, reporting every INDEX_BATCH services. */
function* serviceTextIndexSteps(facts: readonly ServiceFacts[]): Steps<TextIndex> {
  const b = new TextIndexBuilder(facts.length);
  /** Synonym role by term id, filled as terms appear: one array read per word instead of a map lookup. */
  let roles = new Int32Array(4096);
  let known = 0;
  const groupTerms = new Map<number, number>();
  const groupSeen = new Map<number, number>();
  let text = 0;
  const names = b.terms.names;
  const groups: number[] = [];
  /** Appends the term ids of the texts' folded words, then of their synonym groups' tokens (each group once). */
  const termIds = (out: number[], ...values: (string | null)[]): number[] => {
    const start = out.length;
    for (const value of values) if (value) b.terms.scan(value, out);
    const end = out.length;
    text++;
    groups.length = 0;
    let words: string[] | null = null;
    for (let i = start; i < end; i++) {
      const id = out[i]!;
      if (id >= known) {
        if (id >= roles.length) roles = grow(roles, Math.max(id + 1, roles.length * 2), 0);
        for (; known <= id; known++) roles[known] = synonymRole(names[known]!);
      }
      const role = roles[id]!;
      if (role === NO_GROUP) continue;
      let g: number | undefined = role;
      if (role === PHRASE_START) {
        // A phrase may run on from one text into the next, as it did when the texts were joined into one.
        words ??= out.slice(start, end).map((t) => names[t]!);
        g = groupAt(words, i - start)?.group;
      }
      if (g !== undefined && groupSeen.get(g) !== text) {
        groupSeen.set(g, text);
        groups.push(g);
      }
    }
    for (const g of groups) {
      let id = groupTerms.get(g);
      if (id === undefined) groupTerms.set(g, (id = b.terms.id(groupToken(g))));
      out.push(id);
    }
    return out;
  };
  /** Term ids of a recurring text (a city, a label pair), worked out on first sight. */
  const rememberer = () => {
    const remembered = new Map<string, number[]>();
    return (key: string, value: () => string) => {
      let ids = remembered.get(key);
      if (ids === undefined) remembered.set(key, (ids = termIds([], value())));
      return ids;
    };
  };
  const placeIds = rememberer();
  const labelIds = rememberer();
  const addAll = (ids: readonly number[], column: number) => {
    for (let k = 0; k < ids.length; k++) b.add(ids[k]!, column);
  };
  const scratch: number[] = [];
  const addText = (column: number, ...values: (string | null)[]) => {
    scratch.length = 0;
    addAll(termIds(scratch, ...values), column);
  };

  for (let done = 0; done < facts.length; done++) {
    if (done % INDEX_BATCH === 0) yield { step: 'indexing', done, total: facts.length };
    const f = facts[done]!;
    addText(0, f.name, f.alternateName, f.organization);
    const cities: string[] = [];
    for (const l of f.locations) if (l.city && !cities.includes(l.city)) cities.push(l.city);
    const place = cities.length === 1 ? cities[0]! : cities.join(' \n ');
    addAll(placeIds(place, () => place), 1);
    for (const terms of [f.categories, f.populationsServed, f.languages]) {
      for (const id of terms) addAll(labelIds(id, () => `${termLabel(id, 'en')} \n ${termLabel(id, 'es')}`), 1);
    }
    addText(2, f.description, f.eligibility);
    b.endItem();
  }
  return b.finish();
}

/** The facet and word indexes of these facts, reporting every INDEX_BATCH services. */
function* buildSearchIndexSteps(facts: readonly ServiceFacts[]): Steps<{ facets: FacetIndex; text: TextIndex }> {
  const total = facts.length;
  yield { step: 'indexing', done: 0, total };
  const facets = buildFacetIndex(facts);
  const text = yield* serviceTextIndexSteps(facts);
  yield { step: 'indexing', done: total, total };
  return { facets, text };
}

/** Stores built indexes, marked as built for the latest install by this INDEX_VERSION. */
function storeSearchIndexes(db: Db, { facets, text }: { facets: FacetIndex; text: TextIndex }): void {
  writeSearchIndexes(db, facets, text);
  db.prepare(
    `INSERT INTO search_index_state (id, dataset_install_id, synonyms, built_at) VALUES (1, (SELECT max(id) FROM dataset_install), ?, ?)
     ON CONFLICT (id) DO UPDATE SET dataset_install_id = excluded.dataset_install_id, synonyms = excluded.synonyms, built_at = excluded.built_at`,
  ).run(INDEX_VERSION, new Date().toISOString());
}

/**
 * Builds the search indexes (words and facets) of these facts and stores them, marked as built for the
 * latest install. Runs inside the caller's transaction, so they always describe exactly the installed
 * directory. Reports as it goes, so an import or sync can answer the window between batches.
 */
export function* searchIndexSteps(db: Db, facts: readonly ServiceFacts[]): Steps<void> {
  storeSearchIndexes(db, yield* buildSearchIndexSteps(facts));
}

/**
 * searchIndexSteps for the HSDS tables as this connection sees them (inside a rollback's transaction: as
 * restored, before they commit), read in the service reader's masked form.
 */
export function* searchIndexFromTablesSteps(db: Db): Steps<void> {
  yield* searchIndexSteps(db, yield* serviceFactsSteps(db, createServiceReader(db)));
}

/** Rebuilds the search indexes from the installed HSDS tables (for an index an older build made). */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => runSteps(searchIndexFromTablesSteps(db)))();
}

const latestInstall = (db: Db) => (db.prepare('SELECT max(id) AS id FROM dataset_install').get() as { id: number | null }).id;

/**
 * The same rebuild, yielding to the event loop between batches. The directory is read in one snapshot
 * and the indexes built in memory; only the final write takes the write lock, briefly, so the desk's own
 * writes meanwhile (a note) neither wait on it nor become part of it. An install that lands meanwhile
 * brought its own index, and this one is then dropped. Runs on its own connection (the caller's writer).
 */
export async function rebuildSearchIndexAsync(db: Db, listener: StepListener = {}): Promise<void> {
  // A read transaction: one snapshot across the yields, and in WAL mode it holds no writer back.
  db.exec('BEGIN');
  let install: number | null;
  let facts: ServiceFacts[];
  try {
    install = latestInstall(db);
    facts = await runStepsAsync(serviceFactsSteps(db, createServiceReader(db)), listener);
  } finally {
    db.exec('COMMIT');
  }
  const built = await runStepsAsync(buildSearchIndexSteps(facts), listener);
  db.transaction(() => {
    if (latestInstall(db) === install) storeSearchIndexes(db, built);
  }).immediate();
}

/**
 * The index was built for the latest install by a build with this INDEX_VERSION (a database from
 * before search existed, or indexed by an older build, is not).
 */
export function searchIndexIsCurrent(db: Db): boolean {
  const row = db
    .prepare(
      `SELECT (SELECT dataset_install_id FROM search_index_state WHERE id = 1) IS (SELECT max(id) FROM dataset_install)
          AND (SELECT synonyms FROM search_index_state WHERE id = 1) IS ? AS current`,
    )
    .get(INDEX_VERSION) as { current: number };
  return row.current === 1;
}
