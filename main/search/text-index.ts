import type { Db } from '../db/open';
import { createServiceReader } from '../db/service-read';
import { termLabel } from '../../shared/vocabulary';
import { foldedWords } from '../../shared/text-fold';
import { buildFacetIndex } from './facet-index';
import { writeSearchIndexes } from './search-store';
import { readServiceFacts, type ServiceFacts } from './service-facts';
import { groupToken, SYNONYMS_VERSION, synonymGroupsIn } from './synonyms';
import { buildTextIndex } from './text-postings';

/**
 * What the stored index was built with: the synonym groups and the layout of search-store.ts's BLOBs.
 * An index built by another build, with either different, is rebuilt rather than misread.
 */
const INDEX_VERSION = `${SYNONYMS_VERSION}/blobs-1`;

/** A text's folded words followed by the tokens of the synonym groups it mentions. */
const withSynonyms = (text: string): string[] => {
  const words = foldedWords(text);
  for (const g of synonymGroupsIn(words)) words.push(groupToken(g));
  return words;
};

const labelCache = new Map<string, string[]>();
/** A term's English and Spanish label words with their synonym tokens; the same few dozen terms recur in every record. */
const labelWords = (id: string) => {
  let words = labelCache.get(id);
  if (words === undefined) labelCache.set(id, (words = withSynonyms(`${termLabel(id, 'en')} \n ${termLabel(id, 'es')}`)));
  return words;
};

/**
 * The three indexed columns of a service, as words: names; category, population, language and city words
 * in both languages; description. Each column also carries the tokens of the synonym groups it mentions.
 */
export function searchColumns(f: ServiceFacts): [string[], string[], string[]] {
  const cities = [...new Set(f.locations.map((l) => l.city).filter((c): c is string => !!c))];
  const tags = withSynonyms(cities.join(' \n '));
  for (const id of [...f.categories, ...f.populationsServed, ...f.languages]) tags.push(...labelWords(id));
  return [withSynonyms([f.name, f.alternateName, f.organization].filter(Boolean).join(' \n ')), tags, withSynonyms([f.description, f.eligibility].filter(Boolean).join(' \n '))];
}

/**
 * Rebuilds the search indexes (words and facets) from the HSDS tables. Runs inside the install
 * transaction, so they always describe exactly the installed directory.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    const facts = readServiceFacts(db, createServiceReader(db));
    writeSearchIndexes(db, buildFacetIndex(facts), buildTextIndex(facts.length, (i) => searchColumns(facts[i]!)));
    db.prepare(
      `INSERT INTO search_index_state (id, dataset_install_id, synonyms, built_at) VALUES (1, (SELECT max(id) FROM dataset_install), ?, ?)
       ON CONFLICT (id) DO UPDATE SET dataset_install_id = excluded.dataset_install_id, synonyms = excluded.synonyms, built_at = excluded.built_at`,
    ).run(INDEX_VERSION, new Date().toISOString());
  })();
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
