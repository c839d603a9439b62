import type { Migration } from './types';

/**
 * Search keeps its own word index and facet index as BLOBs of typed arrays (main/search/search-store.ts):
 * a start reads them in a few queries, and a 100,000-service build skips FTS5's inserts. The FTS5 table,
 * its vocabulary and the per-service facet rows of 005 go. Forgetting the index state makes the next
 * start rebuild the indexes in the new form.
 */
export const migration006: Migration = {
  name: '006_search_blobs',
  up: `
    DROP TABLE search_fts_terms;
    DROP TABLE search_fts;
    DROP TABLE search_facet;
    CREATE TABLE search_blob (name TEXT PRIMARY KEY, data BLOB NOT NULL);
    DELETE FROM search_index_state;
  `,
};
