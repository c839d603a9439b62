import type { Migration } from './types';

/**
 * The search indexes, derived from the HSDS tables and rebuilt whole on every dataset install
 * (main/search/build/text-index.ts): full text, and one compact row of facets per service that the in-memory
 * facet index loads at start in one read. Contentless: it stores no text of its own, only the index, because the
 * text lives in the HSDS tables. Accents are folded so "línea" and "linea" are one term.
 * The indexes let a result card read its phones, languages and hours without scanning those tables.
 */
export const migration005: Migration = {
  name: '005_search_index',
  up: `
    CREATE VIRTUAL TABLE search_fts USING fts5(
      name, tags, body, content = '', tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE VIRTUAL TABLE search_fts_terms USING fts5vocab(search_fts, row);
    CREATE INDEX phone_service_at_location ON phone(service_at_location_id);
    CREATE INDEX phone_contact ON phone(contact_id);
    CREATE INDEX language_location ON language(location_id);
    CREATE INDEX language_phone ON language(phone_id);
    CREATE INDEX schedule_service_at_location ON schedule(service_at_location_id);
    CREATE TABLE search_facet (
      rowid INTEGER PRIMARY KEY, service_id TEXT NOT NULL, name_rank INTEGER NOT NULL,
      categories TEXT NOT NULL, served TEXT NOT NULL, excluded TEXT NOT NULL, languages TEXT NOT NULL,
      hours TEXT, assured_at REAL, points TEXT NOT NULL
    );
    CREATE TABLE search_index_state (
      id INTEGER PRIMARY KEY CHECK (id = 1), dataset_install_id INTEGER, synonyms TEXT, built_at TEXT NOT NULL
    );
  `,
};
