import type { ColumnMapping } from '../../../shared/import-types';
import { StepsWorker } from '../../jobs/steps-on-worker';
import type { ApplyChoice, ImportSession } from './session';

/** What session-worker.ts is started with: the file, the database, and what it needs to open both as this thread would. */
export interface SessionWorkerData {
  path: string;
  database: string;
  nativeBinding?: string;
  /** The offline area table's folder, for the check's warnings about unknown service areas. */
  dataDir: string;
}

export type SessionCall = { kind: 'check'; mapping?: ColumnMapping } | ({ kind: 'choose' } & ApplyChoice) | { kind: 'apply' };

/**
 * The session on a worker thread (session-worker.ts), with connections of its own. The window's thread
 * then holds none of it: not the rows read (their garbage collections paused it a tenth of a second and
 * more at 100,000 services), not the install's steps, not its commit.
 */
export function workerImportSession(script: string, data: SessionWorkerData): ImportSession {
  const worker = new StepsWorker(script, data);
  return {
    check: (mapping, listener) => worker.run({ kind: 'check', ...(mapping ? { mapping } : {}) } satisfies SessionCall, listener),
    choose: (choice) => worker.run({ kind: 'choose', ...choice } satisfies SessionCall),
    apply: (listener) => worker.run({ kind: 'apply' } satisfies SessionCall, listener),
    close: () => void worker.close(),
  };
}
