import type { DatasetInfo } from '../shared/domain';
import { openDatabase, type Db } from './db/open';
import { createWriteTurn } from './db/write-turn';
import { createServiceReader } from './db/service-read';
import { createImportHandlers, noImportShell, type ImportShell } from './hsds/import-handlers';
import { createMapHandlers, type MapHandlerOptions } from './map/handlers';
import { noDeskShell, type DeskShell } from './desk/desk-shell';
import { createDeskHandlers } from './desk/handlers';
import type { Handlers } from './handler-types';
import { createSearchHandlers } from './search/handlers';
import { openExternalSafely } from './security/open-external';
import { noSystemActions, type SystemActions } from './system-actions';
import { createSourceHandlers } from './sources/handlers';
import type { SecretBox } from './sources/secret-box';
import { createSyncHandlers } from './sync/handlers';

/** The services behind every contract channel. Electron binds them to ipcMain; browser tests to the page. */
export function createHandlers(
  db: Db,
  databasePath: string,
  // dataDir: where data/ is (gazetteer, area table); built and packaged entry points pass theirs. now: the
  // desk's clock, which browser tests fix at an evening hour.
  // secretBox: seals API keys (the app's key store; none on the CLI).
  system: SystemActions & DeskShell & Partial<ImportShell> & MapHandlerOptions & { dataDir?: string; now?: () => Date; secretBox?: SecretBox } = { ...noSystemActions, ...noDeskShell },
): Handlers {
  const reader = createServiceReader(db);
  const openWriter = system.openWriter ?? (() => openDatabase(databasePath));
  const writeTurn = createWriteTurn();
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
        sources: count('source'),
        databasePath,
      };
    },
    ...createSearchHandlers(db, reader, system.dataDir, openWriter),
    serviceDetail: ({ id }) => reader.detail(id),
    openExternal: ({ url }) => openExternalSafely(url, system.openExternal),
    copyText: ({ text }) => {
      system.copyText(text);
      return null;
    },
    ...createDeskHandlers(db, reader, system, system.now),
    ...createImportHandlers(db, {
      chooseImportPath: system.chooseImportPath ?? noImportShell.chooseImportPath,
      openWriter,
      writeTurn,
      dataDir: system.dataDir,
    }),
    ...createSourceHandlers(db, { openWriter, writeTurn, ...(system.secretBox ? { keys: system.secretBox } : {}) }),
    ...createSyncHandlers(db, databasePath, { openWriter, writeTurn }),
    ...createMapHandlers(db, system),
  };
}
