import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ColumnMapping, ImportJobStatus, ImportReport, ImportSource, PreviousVersion } from '../../shared/import-types';
import type { Db } from '../db/open';
import { applyCheckedAsync, checkDataset, type CheckedDataset } from './apply';
import { InstallCancelled } from './install-dataset';
import { rollback } from './rollback';

/**
 * Asks the person for a file or folder; resolves to its path, or null if they cancelled. In the app this
 * is Electron's open dialog (main/index.ts); browser tests inject their own. The renderer never sends a
 * path: it can only ask main to show the chooser, so page script cannot make the app read arbitrary files.
 */
export type ChooseImportPath = (kind: 'file' | 'folder') => Promise<string | null>;

interface Job {
  path: string;
  checked: CheckedDataset | null;
  status: ImportJobStatus;
  cancelled: boolean;
}

/** What the import needs from the shell the handlers run in (the app, the browser tests, the CLI). */
export interface ImportShell {
  chooseImportPath: ChooseImportPath;
  /**
   * A second connection to the database file: an import applies on it while the app keeps reading. In
   * Electron it must load the Electron build of better-sqlite3, as the first connection did.
   */
  openWriter: () => Db;
}

/** The Import screen's channels. Parsing runs in the main process; applying runs in batches on the second connection. */
export function createImportHandlers(db: Db, { chooseImportPath: choosePath, openWriter }: ImportShell) {
  const jobs = new Map<string, Job>();
  const job = (jobId: string): Job => {
    const j = jobs.get(jobId);
    if (!j) throw new Error('This import is no longer open; choose the file again.');
    return j;
  };
  const applying = () => [...jobs.values()].some((j) => j.status.state === 'applying');

  return {
    importChoose: async ({ kind }: { kind: 'file' | 'folder' }): Promise<ImportSource | null> => {
      const path = await choosePath(kind);
      if (!path) return null;
      for (const [id, j] of jobs) if (j.status.state !== 'applying') jobs.delete(id);
      const jobId = randomUUID();
      jobs.set(jobId, { path, checked: null, cancelled: false, status: { state: 'ready', written: 0, total: 0, error: null } });
      return { jobId, name: basename(path) };
    },
    importCheck: ({ jobId, mapping }: { jobId: string; mapping?: ColumnMapping }): ImportReport => {
      const j = job(jobId);
      j.checked = checkDataset(db, j.path, mapping ? { mapping } : {});
      return j.checked.report;
    },
    importApply: ({ jobId }: { jobId: string }): ImportJobStatus => {
      const j = job(jobId);
      if (!j.checked?.report.ok) throw new Error('This dataset has errors and cannot be applied.');
      if (applying()) throw new Error('Another import is being applied.');
      j.status = { state: 'applying', written: 0, total: 0, error: null };
      const writer = openWriter();
      void applyCheckedAsync(writer, j.checked, {
        onProgress: (p) => (j.status = { ...j.status, written: p.written, total: p.total }),
        isCancelled: () => j.cancelled,
      })
        .then(
          () => (j.status = { ...j.status, state: 'applied', written: j.status.total }),
          (err: unknown) =>
            (j.status = err instanceof InstallCancelled
              ? { ...j.status, state: 'cancelled', error: err.message }
              : { ...j.status, state: 'failed', error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => writer.close());
      return j.status;
    },
    importStatus: ({ jobId }: { jobId: string }): ImportJobStatus => job(jobId).status,
    importCancel: ({ jobId }: { jobId: string }): ImportJobStatus => {
      const j = job(jobId);
      if (j.status.state === 'applying') j.cancelled = true;
      return j.status;
    },
    importPrevious: (): PreviousVersion | null => {
      const p = db.prepare('SELECT dataset_id AS datasetId, version, services FROM dataset_previous WHERE id = 1').get() as PreviousVersion | undefined;
      return p ?? null;
    },
    importRollback: (): PreviousVersion => {
      if (applying()) throw new Error('An import is being applied; wait for it to finish.');
      return rollback(db);
    },
  };
}

/** The CLI has no window: choosing a file there is done on the command line. */
export const noImportShell: Pick<ImportShell, 'chooseImportPath'> = { chooseImportPath: () => Promise.resolve(null) };
