import type { Db, ReadDb } from '../../db/open';
import { offlineTables, sourceDataDir } from '../../geo/offline-tables';
import { sessionWorker, type SessionDatabase } from '../../jobs/session-on-worker';
import { workerImportSession, type SessionWorkerData } from './on-worker';
import { localImportSession, type ImportSession } from './session';

/** What an import session needs besides the file: the app's connection and how to open a writer beside it. */
export interface SessionShell {
  openWriter: () => Db;
  /** The offline tables' folder, when not the sources' own: service area names the import does not know are warned about. */
  dataDir?: string;
}

/**
 * An import of the file at `path`: on a worker thread (on-worker.ts), or on this one for a database in
 * memory (no file another thread could open) or before `npm run build` has made the worker's script.
 */
export function openImportSession(db: ReadDb, path: string, { openWriter, dataDir }: SessionShell): ImportSession {
  // Named here: a bundled worker's own idea of the sources' folder would be its bundle's.
  const data: Omit<SessionWorkerData, keyof SessionDatabase> = { path, dataDir: dataDir ?? sourceDataDir() };
  const worker = sessionWorker(db, 'import-session-worker.js', data);
  return worker ? workerImportSession(worker) : localImportSession(db, path, openWriter, offlineTables(dataDir).knownArea);
}
