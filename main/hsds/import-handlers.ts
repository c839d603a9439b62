import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import type { ColumnMapping, ImportJobStatus, ImportRemovalsToConfirm, ImportReport, ImportSource, PreviousVersion, RollbackStarted } from '../../shared/import-types';
import type { ReadDb } from '../db/open';
import { createWriteTurn, type WriteTurn } from '../db/write-turn';
import type { Handlers } from '../handler-types';
import { rollbackAsync } from './install/rollback';
import { createJobRegistry, type Job } from '../jobs/registry';
import type { StepListener } from '../jobs/steps';
import { openImportSession, type SessionShell } from './import-session/open-session';
import { NOT_APPLICABLE, type ImportSession } from './import-session/session';

/**
 * Asks the person for a file or folder; resolves to its path, or null if they cancelled. In the app this
 * is Electron's open dialog (main/index.ts); browser tests inject their own. The renderer never sends a
 * path: it can only ask main to show the chooser, so page script cannot make the app read arbitrary files.
 */
export type ChooseImportPath = (kind: 'file' | 'folder') => Promise<string | null>;

/** What was chosen and what its check found; how its runs go is kept in the job registry, under its id. */
interface OpenImport {
  /** The chosen file or folder; null for a rollback, which restores the previous version instead. */
  path: string | null;
  /** Opened by the first check, holding what it read until the import is let go. */
  session: ImportSession | null;
  /** The last check's report. */
  report: ImportReport | null;
}

type ImportRun = Job<string, 'check' | 'write', never>;

/** What the import needs from the shell the handlers run in (the app, the browser tests, the CLI). */
export interface ImportShell extends SessionShell {
  chooseImportPath: ChooseImportPath;
  /** Shared with the sync, so an import and a sync never write at the same time. */
  writeTurn?: WriteTurn;
}

const idle = (state: ImportJobStatus['state'], error: string | null = null): ImportJobStatus => ({ state, step: null, done: 0, total: 0, error });

/**
 * An import's status from its last run: none yet, or a check that passed, leaves it ready; a write ends
 * applied (its last step full); a cancelled or failed run says why.
 */
function statusOf(run: ImportRun | undefined): ImportJobStatus {
  if (!run) return idle('ready');
  const { step, done, total } = run.progress;
  if (run.state === 'running') return { state: run.kind === 'check' ? 'checking' : 'applying', step, done, total, error: null };
  if (run.state === 'done') return run.kind === 'check' ? idle('ready') : { state: 'applied', step, done: total, total, error: null };
  return idle(run.state, run.error);
}

type ImportChannel = 'importChoose' | 'importCheck' | 'importApply' | 'importStatus' | 'importCancel' | 'importPrevious' | 'importRollback';

/**
 * The Import screen's channels. Reading, checking, comparing and applying run in batches in an import
 * session (import-session/), on a worker thread where it can be, so the screen can poll progress and
 * cancel while they run; a rollback runs on a connection of its own.
 */
export function createImportHandlers(db: ReadDb, { chooseImportPath: choosePath, writeTurn = createWriteTurn(), ...shell }: ImportShell) {
  const open = new Map<string, OpenImport>();
  const runs = createJobRegistry<string, 'check' | 'write'>();
  const job = (jobId: string): OpenImport => {
    const j = open.get(jobId);
    if (!j) throw new Error('This import is no longer open; choose the file again.');
    return j;
  };
  /** An import of a chosen file: a rollback's job id is good for its status and cancel only. */
  const importJob = (jobId: string): OpenImport & { path: string } => {
    const j = job(jobId);
    if (j.path === null) throw new Error('This import is no longer open; choose the file again.');
    return j as OpenImport & { path: string };
  };
  const status = (jobId: string): ImportJobStatus => statusOf(runs.latest(jobId));
  const forget = (jobId: string) => {
    void runs.cancel(jobId);
    runs.forget(jobId);
    open.get(jobId)?.session?.close();
    open.delete(jobId);
  };
  /**
   * Runs a write of import `jobId`, its progress and outcome landing in the job's status. Refused while
   * another write (an import, a rollback, a sync) holds the turn.
   */
  const write = (jobId: string, what: string, step: 'applying' | 'restoring', task: (listener: StepListener) => Promise<unknown>) => {
    const giveBack = writeTurn.take(what);
    const { result } = runs.start(jobId, 'write', { step, done: 0, total: 0 }, async (run) => {
      try {
        return await task(run);
      } finally {
        giveBack();
      }
    });
    // How it ended is the job's status, which the screen polls.
    void result.catch(() => undefined);
  };

  return {
    importChoose: async ({ kind }: { kind: 'file' | 'folder' }): Promise<ImportSource | null> => {
      const path = await choosePath(kind);
      if (!path) return null;
      for (const id of open.keys()) if (status(id).state !== 'applying') forget(id);
      const jobId = randomUUID();
      open.set(jobId, { path, session: null, report: null });
      return { jobId, name: basename(path) };
    },
    /** Resolves when the check is done; meanwhile importStatus says how far it has got, and importCancel stops it. */
    importCheck: async ({ jobId, mapping }: { jobId: string; mapping?: ColumnMapping }): Promise<ImportReport> => {
      const j = importJob(jobId);
      const state = status(jobId).state;
      if (state === 'checking' || state === 'applying') throw new Error('This import is already running.');
      j.report = null;
      const session = (j.session ??= openImportSession(db, j.path, shell));
      const { result } = runs.start(jobId, 'check', { step: 'reading', done: 0, total: 0 }, (run) => session.check(mapping, run));
      j.report = await result;
      return j.report;
    },
    /** markConfidential: shelter sites of the report's unflaggedShelters to install with our confidential flag. */
    /** Refused, with the counts to ask about, when it would remove more than half of the directory and the call does not say the person confirmed. */
    importApply: async ({ jobId, markConfidential = [], allowRemovals = false }: { jobId: string; markConfidential?: string[]; allowRemovals?: boolean }): Promise<ImportJobStatus | ImportRemovalsToConfirm> => {
      const { session, report } = importJob(jobId);
      if (status(jobId).state !== 'ready' || !session || !report?.ok) throw new Error(NOT_APPLICABLE);
      const toConfirm = await session.choose({ markConfidential, allowRemovals });
      if (toConfirm) return toConfirm;
      // Asked again after the answer: the job may have been let go, or run again, meanwhile.
      if (open.get(jobId)?.session !== session || status(jobId).state !== 'ready') throw new Error('This import is no longer open; choose the file again.');
      write(jobId, 'An import is being applied', 'applying', async (listener) => {
        await session.apply(listener);
        // Applied, the rows it read are no longer needed; a check of the same file starts a session anew.
        session.close();
        if (open.get(jobId)?.session === session) open.get(jobId)!.session = null;
      });
      return status(jobId);
    },
    importStatus: ({ jobId }: { jobId: string }): ImportJobStatus => {
      job(jobId);
      return status(jobId);
    },
    importCancel: ({ jobId }: { jobId: string }): ImportJobStatus => {
      job(jobId);
      void runs.cancel(jobId);
      return status(jobId);
    },
    importPrevious: (): PreviousVersion | null => previousVersion(db),
    /**
     * Starts restoring the previous version on a second connection; importStatus says how far it has got
     * (restoring, then indexing), and searches meanwhile answer from the directory as it was.
     */
    importRollback: (): RollbackStarted => {
      const to = previousVersion(db);
      if (!to) throw new Error('There is no previous version to roll back to.');
      const jobId = randomUUID();
      write(jobId, 'The previous version is being restored', 'restoring', async (listener) => {
        const writer = shell.openWriter();
        try {
          await rollbackAsync(writer, listener);
        } finally {
          writer.close();
        }
      });
      open.set(jobId, { path: null, session: null, report: null });
      return { jobId, to, status: status(jobId) };
    },
  } satisfies Pick<Handlers, ImportChannel>;
}

const previousVersion = (db: ReadDb): PreviousVersion | null => {
  const row = db
    .prepare(
      `SELECT dataset_id AS datasetId, version, services, installed_at AS installedAt,
              (SELECT source FROM dataset_install ORDER BY id DESC LIMIT 1) LIKE 'rollback: %' AS redo
       FROM dataset_previous WHERE id = 1`,
    )
    .get() as (Omit<PreviousVersion, 'redo'> & { redo: number }) | undefined;
  return row ? { ...row, redo: row.redo === 1 } : null;
};

/** The CLI has no window: choosing a file there is done on the command line. */
export const noImportShell: Pick<ImportShell, 'chooseImportPath'> = { chooseImportPath: () => Promise.resolve(null) };
