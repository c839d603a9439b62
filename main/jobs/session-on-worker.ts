import { workerData } from 'node:worker_threads';
import { databaseFileOf, openDatabaseFile, type DatabaseFile, type Db, type ReadDb } from '../db/open';
import type { StepListener } from './steps';
import { serveOnWorker, StepsWorker } from './steps-on-worker';
import { workerScript } from './worker-script';

/**
 * A session (an import's, a feed version's) kept on a worker thread: what its check read stays there,
 * some hundreds of megabytes of rows at 100,000 services whose garbage collections would pause the
 * window's thread, and so do its install's steps and commit. This thread holds a StepsWorker and asks the
 * session's methods across it, one at a time, each with one argument and the listener.
 */

/** What a session's worker opens the database with: the file of the connection it was started from. */
export interface SessionDatabase {
  database: DatabaseFile;
}

interface SessionCall {
  method: string;
  arg: unknown;
}

/** A session as its worker serves it: each method takes one argument (anything a structured clone carries) and the listener. */
export type ServedSession = Record<string, (arg: never, listener: StepListener) => Promise<unknown>>;

/**
 * The worker for a session on `db`'s file, started from the bundled `file` with `data`; null where it
 * cannot run, and the session then runs on this thread: a database in memory has no file another thread
 * could open, and before `npm run build` there is no script.
 */
export function sessionWorker(db: ReadDb, file: string, data: object): StepsWorker | null {
  const script = db.memory ? null : workerScript(file);
  return script ? new StepsWorker(script, { ...data, database: databaseFileOf(db) } satisfies SessionDatabase) : null;
}

/** Asks the session on `worker` to run `method` with `arg`; settles as StepsWorker.run does. */
export const callSession = <T>(worker: StepsWorker, method: string, arg?: unknown, listener?: StepListener): Promise<T> =>
  worker.run<T>({ method, arg } satisfies SessionCall, listener);

/**
 * On the worker thread: opens a reading connection to the database the starting thread named, makes the
 * session with it and with a way to open a writer beside it, and serves its methods until let go.
 */
export function serveSession<D extends SessionDatabase>(open: (db: Db, openWriter: () => Db, data: D) => ServedSession): void {
  const data = workerData as D;
  const db = openDatabaseFile(data.database);
  const session = open(db, () => openDatabaseFile(data.database), data) as Record<string, (arg: unknown, listener: StepListener) => Promise<unknown>>;
  serveOnWorker(
    (call, listener) => {
      const { method, arg } = call as SessionCall;
      const answer = session[method];
      return answer ? answer(arg, listener) : Promise.reject(new Error(`A session has no method ${method}.`));
    },
    () => db.close(),
  );
}
