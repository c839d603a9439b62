import { isBusy } from './busy';
import type { Db } from './open';

/**
 * How long one try waits for the write lock. better-sqlite3 waits synchronously, so this is how long the
 * main process (and with it the window) can stand still per try; SQLite's default here is 5 s.
 */
const TRY_MS = 5;
const FIRST_RETRY_MS = 10;
const LONGEST_RETRY_MS = 250;
/**
 * A long write (an import, a rollback, a sync apply) holds the lock for seconds, a minute on a slow
 * machine. Past this something else holds it (another program on the file): the save is refused with a
 * message rather than left waiting without end; the window keeps what was typed.
 */
const GIVE_UP_MS = 10 * 60_000;

interface Task {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
  giveUpAt: number;
}

/** The writes waiting on one connection, tried in the order they were asked for. */
function createQueue(db: Db) {
  const tasks: Task[] = [];
  let timer: NodeJS.Timeout | null = null;
  let delay = FIRST_RETRY_MS;

  /** One try: the whole write in one transaction that first takes the lock, so a busy database leaves nothing half done. */
  const attempt = (write: () => unknown): { done: true; value: unknown } | { done: false } => {
    const before = db.pragma('busy_timeout', { simple: true }) as number;
    db.pragma(`busy_timeout = ${TRY_MS}`);
    try {
      return { done: true, value: db.transaction(write).immediate() };
    } catch (err) {
      if (isBusy(err)) return { done: false };
      throw err;
    } finally {
      db.pragma(`busy_timeout = ${before}`);
    }
  };

  const retryLater = () => {
    timer = setTimeout(drain, delay);
    delay = Math.min(delay * 2, LONGEST_RETRY_MS);
  };

  function drain(): void {
    timer = null;
    while (tasks.length > 0) {
      const task = tasks[0]!;
      let outcome: ReturnType<typeof attempt>;
      try {
        outcome = attempt(task.write);
      } catch (err) {
        tasks.shift();
        task.reject(err);
        continue;
      }
      if (outcome.done) {
        tasks.shift();
        task.resolve(outcome.value);
      } else if (Date.now() >= task.giveUpAt) {
        tasks.shift();
        task.reject(new Error('The database stayed busy with another write for too long; save again once the update has finished.'));
      } else return retryLater();
    }
    delay = FIRST_RETRY_MS;
  }

  return {
    run<T>(write: () => T, giveUpAfterMs: number): Promise<T> {
      // Nothing waiting: try now, so a save without a long write answers at once, as it always did.
      if (tasks.length === 0) {
        try {
          const outcome = attempt(write);
          if (outcome.done) return Promise.resolve(outcome.value as T);
        } catch (err) {
          return Promise.reject(err);
        }
      }
      return new Promise<T>((resolve, reject) => {
        tasks.push({ write, resolve: resolve as (value: unknown) => void, reject, giveUpAt: Date.now() + giveUpAfterMs });
        if (!timer) retryLater();
      });
    },
  };
}

const queues = new WeakMap<Db, ReturnType<typeof createQueue>>();

/**
 * Runs a small write of the desk's own (a note, a call mark, a setting) on the app's main connection
 * without ever holding the main process on the write lock: while a long write on a writer connection
 * holds it, the write is retried from timers until the lock is free, and the promise settles once it is
 * committed. Writes on one connection land in the order they were asked for, whichever handler asked.
 */
export function writeWhenFree<T>(db: Db, write: () => T, giveUpAfterMs = GIVE_UP_MS): Promise<T> {
  let queue = queues.get(db);
  if (!queue) queues.set(db, (queue = createQueue(db)));
  return queue.run(write, giveUpAfterMs);
}
