import type { Db } from '../db/open';
import { createServiceReader } from '../db/service-read';
import { termLabel } from '../../shared/vocabulary';
import { facetRows, writeFacetRows } from './facet-rows';
import { readServiceFacts, type ServiceFacts } from './service-facts';
import { SYNONYMS_VERSION, synonymTokens } from './synonyms';

/** bm25 weights of search_fts's columns: a word in a name counts far more than one in a description. */
export const COLUMN_WEIGHTS = [10, 4, 1] as const;

const labelCache = new Map<string, string>();
/** A term's English and Spanish labels with their synonym tokens; the same few dozen terms recur in every record. */
const labels = (ids: readonly string[]) =>
  ids.map((id) => {
    let text = labelCache.get(id);
    if (text === undefined) {
      const both = `${termLabel(id, 'en')} \n ${termLabel(id, 'es')}`;
      labelCache.set(id, (text = `${both} \n ${synonymTokens(both)}`));
    }
    return text;
  });

/**
 * The three indexed columns of a service: names; category, population, language and city words in both
 * languages; description. Each column also carries the tokens of the synonym groups it mentions.
 */
export function searchDocument(f: ServiceFacts): [string, string, string] {
  const cities = [...new Set(f.locations.map((l) => l.city).filter((c): c is string => !!c))];
  const withTokens = (text: string) => `${text} \n ${synonymTokens(text)}`;
  return [
    withTokens([f.name, f.alternateName, f.organization].filter(Boolean).join(' \n ')),
    [...labels(f.categories), ...labels(f.populationsServed), ...labels(f.languages), withTokens(cities.join(' \n '))].join(' \n '),
    withTokens([f.description, f.eligibility].filter(Boolean).join(' \n ')),
  ];
}

/**
 * Rebuilds the search indexes (full text and facet rows) from the HSDS tables. Runs inside the install
 * transaction, so they always describe exactly the installed directory; rowids are the service table's.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`).run();
    const insert = db.prepare('INSERT INTO search_fts (rowid, name, tags, body) VALUES (?, ?, ?, ?)');
    const facts = readServiceFacts(db, createServiceReader(db));
    for (const f of facts) insert.run(f.rowid, ...searchDocument(f));
    writeFacetRows(db, facetRows(facts));
    db.prepare(
      `INSERT INTO search_index_state (id, dataset_install_id, synonyms, built_at) VALUES (1, (SELECT max(id) FROM dataset_install), ?, ?)
       ON CONFLICT (id) DO UPDATE SET dataset_install_id = excluded.dataset_install_id, synonyms = excluded.synonyms, built_at = excluded.built_at`,
    ).run(SYNONYMS_VERSION, new Date().toISOString());
  })();
}

/**
 * The index was built for the latest install and with this build's synonym groups (a database from
 * before search existed, or indexed by an older build, is not).
 */
export function searchIndexIsCurrent(db: Db): boolean {
  const row = db
    .prepare(
      `SELECT (SELECT dataset_install_id FROM search_index_state WHERE id = 1) IS (SELECT max(id) FROM dataset_install)
          AND (SELECT synonyms FROM search_index_state WHERE id = 1) IS ? AS current`,
    )
    .get(SYNONYMS_VERSION) as { current: number };
  return row.current === 1;
}
