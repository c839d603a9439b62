import type { DatasetInfo } from '../shared/domain';
import type { ChannelName, ChannelOutput, ParsedInput } from '../shared/ipc-contract';
import { openDatabase, type Db } from './db/open';
import { createServiceReader } from './db/service-read';
import { createImportHandlers, noChooser, type ChooseImportPath } from './hsds/import-handlers';
import { createSubstringSearch } from './search/substring-search';

export type Handlers = {
  [K in ChannelName]: (input: ParsedInput<K>) => ChannelOutput<K> | Promise<ChannelOutput<K>>;
};

/** The services behind every contract channel. Electron binds them to ipcMain; browser tests to the page. */
export interface HandlerOptions {
  /** How the Import screen asks for a file: Electron's dialog in the app, a stand-in in browser tests. */
  chooseImportPath?: ChooseImportPath;
  /** A second connection to the same database file (an import applies on it while the app keeps reading). */
  openWriter?: () => Db;
}

export function createHandlers(db: Db, databasePath: string, options: HandlerOptions = {}): Handlers {
  const reader = createServiceReader(db);
  const search = createSubstringSearch(db, reader);
  return {
    info: (): DatasetInfo => {
      const install = db
        .prepare('SELECT dataset_id, version, installed_at FROM dataset_install ORDER BY id DESC LIMIT 1')
        .get() as { dataset_id: string; version: string | null; installed_at: string } | undefined;
      const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      return {
        datasetId: install?.dataset_id ?? null,
        version: install?.version ?? null,
        importedAt: install?.installed_at ?? null,
        services: count('service'),
        organizations: count('organization'),
        databasePath,
      };
    },
    search: (q) => search(q),
    serviceDetail: ({ id }) => reader.detail(id),
    ...createImportHandlers(db, options.openWriter ?? (() => openDatabase(databasePath)), options.chooseImportPath ?? noChooser),
  };
}
