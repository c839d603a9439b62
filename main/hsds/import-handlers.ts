import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ColumnMapping, ImportJobStatus, ImportRemovalsToConfirm, ImportReport, ImportSource, PreviousVersion, RollbackStarted } from '../../shared/import-types';
import type { Db } from '../db/open';
import { createWriteTurn, type WriteTurn } from '../db/write-turn';
import type { Handlers } from '../handler-types';
import { applyCheckedAsync, checkDatasetAsync, markingConfidential, type CheckedDataset } from './install/apply';
import { needsRemovalConsent, removalRefusal, removalsFrom } from './install/removals';
import { rollbackAsync } from './install/rollback';
import { ImportCancelled, type StepListener } from '../jobs/steps';

/**
 * Asks the person for a file or folder; resolves to its path, or null if they cancelled. In the app this
 * is Electron's open dialog (main/index.ts); browser tests inject their own. The renderer never sends a
 * path: it can only ask main to show the chooser, so page script cannot make the app read arbitrary files.
 */
export type ChooseImportPath = (kind: 'file' | 'folder') => Promise<string | null>;

interface Job {
  /** The chosen file or folder; null for a rollback, which restores the previous version instead. */
  path: string | null;
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
  /** Shared with the sync, so an import and a sync never write at the same time. */
  writeTurn?: WriteTurn;
}

const idle = (state: ImportJobStatus['state'], error: string | null = null): ImportJobStatus => ({ state, step: null, done: 0, total: 0, error });

/** How a finished step leaves the job: cancelled by the person, or failed with a message for them. */
const ended = (err: unknown): ImportJobStatus =>
  err instanceof ImportCancelled ? idle('cancelled', err.message) : idle('failed', err instanceof Error ? err.message : String(err));

type ImportChannel = 'importChoose' | 'importCheck' | 'importApply' | 'importStatus' | 'importCancel' | 'importPrevious' | 'importRollback';

/**
 * The Import screen's channels. Reading, checking and comparing run in the main process in batches, so the
 * screen can poll progress and cancel while they run; applying runs in batches on the second connection.
 */
export function createImportHandlers(db: Db, { chooseImportPath: choosePath, openWriter, writeTurn = createWriteTurn() }: ImportShell) {
  const jobs = new Map<string, Job>();
  const job = (jobId: string): Job => {
    const j = jobs.get(jobId);
    if (!j) throw new Error('This import is no longer open; choose the file again.');
    return j;
  };
  /** An import of a chosen file: a rollback's job id is good for its status and cancel only. */
  const importJob = (jobId: string): Job & { path: string } => {
    const j = job(jobId);
    if (j.path === null) throw new Error('This import is no longer open; choose the file again.');
    return j as Job & { path: string };
  };
  /**
   * Runs a write on a second connection, its progress and outcome landing in the job's status. Refused
   * while another write (an import, a rollback, a sync) holds the turn.
   */
  const write = (j: Job, what: string, step: ImportJobStatus['step'], task: (writer: Db, listener: StepListener) => Promise<unknown>) => {
    const giveBack = writeTurn.take(what);
    j.cancelled = false;
    j.status = { ...idle('applying'), step };
    const writer = openWriter();
    void task(writer, listen(j))
      .then(
        () => (j.status = { ...j.status, state: 'applied', done: j.status.total }),
        (err: unknown) => (j.status = ended(err)),
      )
      .finally(() => {
        writer.close();
        giveBack();
      });
  };
  /** Progress lands in the job's status; a cancel is heard between two batches. */
  const listen = (j: Job): StepListener => ({
    onProgress: (p) => (j.status = { ...j.status, step: p.step, done: p.done, total: p.total }),
    isCancelled: () => j.cancelled,
  });

  return {
    importChoose: async ({ kind }: { kind: 'file' | 'folder' }): Promise<ImportSource | null> => {
      const path = await choosePath(kind);
      if (!path) return null;
      for (const [id, j] of jobs) {
        if (j.status.state === 'applying') continue;
        j.cancelled = true;
        jobs.delete(id);
      }
      const jobId = randomUUID();
      jobs.set(jobId, { path, checked: null, cancelled: false, status: idle('ready') });
      return { jobId, name: basename(path) };
    },
    /** Resolves when the check is done; meanwhile importStatus says how far it has got, and importCancel stops it. */
    importCheck: async ({ jobId, mapping }: { jobId: string; mapping?: ColumnMapping }): Promise<ImportReport> => {
      const j = importJob(jobId);
      if (j.status.state === 'checking' || j.status.state === 'applying') throw new Error('This import is already running.');
      j.cancelled = false;
      j.checked = null;
      j.status = { ...idle('checking'), step: 'reading' };
      try {
        j.checked = await checkDatasetAsync(db, j.path, mapping ? { mapping } : {}, listen(j));
      } catch (err) {
        j.status = ended(err);
        throw err;
      }
      j.status = idle('ready');
      return j.checked.report;
    },
    /** markConfidential: shelter sites of the report's unflaggedShelters to install with our confidential flag. */
    /** Refused, with the counts to ask about, when it would remove more than half of the directory and the call does not say the person confirmed. */
    importApply: ({ jobId, markConfidential = [], allowRemovals = false }: { jobId: string; markConfidential?: string[]; allowRemovals?: boolean }): ImportJobStatus | ImportRemovalsToConfirm => {
      const j = importJob(jobId);
      if (j.status.state !== 'ready' || !j.checked?.report.ok || !j.checked.tables) throw new Error('This dataset has errors and cannot be applied.');
      const checked = markingConfidential(j.checked, markConfidential);
      const removals = removalsFrom(db, j.checked.tables);
      if (needsRemovalConsent(removals) && !allowRemovals) return { state: 'confirm-removals', ...removals, message: removalRefusal(removals, 'confirm it to import anyway') };
      write(j, 'An import is being applied', 'applying', (writer, listener) => applyCheckedAsync(writer, checked, listener));
      return j.status;
    },
    importStatus: ({ jobId }: { jobId: string }): ImportJobStatus => job(jobId).status,
    importCancel: ({ jobId }: { jobId: string }): ImportJobStatus => {
      const j = job(jobId);
      if (j.status.state === 'checking' || j.status.state === 'applying') j.cancelled = true;
      return j.status;
    },
    importPrevious: (): PreviousVersion | null => previousVersion(db),
    /**
     * Starts restoring the previous version on a second connection; importStatus says how far it has got
     * (restoring, then indexing), and searches meanwhile answer from the directory as it was.
     */
    importRollback: (): RollbackStarted => {
      const to = previousVersion(db);
      if (!to) throw new Error('There is no previous version to roll back to.');
      const j: Job = { path: null, checked: null, cancelled: false, status: idle('ready') };
      write(j, 'The previous version is being restored', 'restoring', rollbackAsync);
      const jobId = randomUUID();
      jobs.set(jobId, j);
      return { jobId, to, status: j.status };
    },
  } satisfies Pick<Handlers, ImportChannel>;
}

const previousVersion = (db: Db): PreviousVersion | null =>
  (db.prepare('SELECT dataset_id AS datasetId, version, services FROM dataset_previous WHERE id = 1').get() as PreviousVersion | undefined) ?? null;

/** The CLI has no window: choosing a file there is done on the command line. */
export const noImportShell: Pick<ImportShell, 'chooseImportPath'> = { chooseImportPath: () => Promise.resolve(null) };
