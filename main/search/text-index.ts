import type { Db } from '../db/open';
import { createServiceReader } from '../db/service-read';
import { termLabel } from '../../shared/vocabulary';
import { readServiceFacts, type ServiceFacts } from './service-facts';

/** bm25 weights of search_fts's columns: a word in a name counts far more than one in a description. */
export const COLUMN_WEIGHTS = [10, 4, 1] as const;

const labels = (ids: readonly string[]) => ids.flatMap((id) => [termLabel(id, 'en'), termLabel(id, 'es')]);

/** The three indexed columns of a service: names; category, population, language and city words in both languages; description. */
export function searchDocument(f: ServiceFacts): [string, string, string] {
  const cities = [...new Set(f.locations.map((l) => l.city).filter((c): c is string => !!c))];
  return [
    [f.name, f.alternateName, f.organization].filter(Boolean).join(' \n '),
    [...labels(f.categories), ...labels(f.populationsServed), ...labels(f.languages), ...cities].join(' \n '),
    [f.description, f.eligibility].filter(Boolean).join(' \n '),
  ];
}

/**
 * Rebuilds the full-text index from the HSDS tables. Runs inside the install transaction, so the index
 * always describes exactly the installed directory; rowids are the service table's own.
 */
export function rebuildSearchIndex(db: Db): void {
  db.transaction(() => {
    db.prepare(`INSERT INTO search_fts (search_fts) VALUES ('delete-all')`).run();
    const insert = db.prepare('INSERT INTO search_fts (rowid, name, tags, body) VALUES (?, ?, ?, ?)');
    for (const f of readServiceFacts(db, createServiceReader(db))) insert.run(f.rowid, ...searchDocument(f));
    db.prepare(
      `INSERT INTO search_index_state (id, dataset_install_id, built_at) VALUES (1, (SELECT max(id) FROM dataset_install), ?)
       ON CONFLICT (id) DO UPDATE SET dataset_install_id = excluded.dataset_install_id, built_at = excluded.built_at`,
    ).run(new Date().toISOString());
  })();
}

/** The dataset install the index was built for matches the latest install (a database from before search was added has none). */
export function searchIndexIsCurrent(db: Db): boolean {
  const row = db
    .prepare('SELECT (SELECT dataset_install_id FROM search_index_state WHERE id = 1) IS (SELECT max(id) FROM dataset_install) AS current')
    .get() as { current: number };
  return row.current === 1;
}
