import { closeSync, existsSync, fdatasync, openSync } from 'node:fs';
import type { Db } from '../db/open';

export interface LogFlusher {
  /** Starts putting what is in the log on the disk, unless that is already under way. */
  flush(): void;
  /** Waits until everything written to the log so far is on the disk. */
  flushed(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Puts what a long write adds to its write-ahead log on the disk as it goes, on libuv's threads. Left to
 * the commit, the system held a statewide install's hundreds of megabytes of log in memory, and the
 * commit's own last write waited on the disk for all of it: 0.4-1.7 s on the build machine, whether or not
 * SQLite syncs at the commit. Nothing is written through this: it only syncs the log file.
 */
export function logFlusher(db: Db): LogFlusher {
  const path = `${db.name}-wal`;
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  const start = (): Promise<void> => {
    if (running) return running;
    if (db.memory || (fd === null && !existsSync(path))) return Promise.resolve();
    fd ??= openSync(path, 'r+');
    const syncing = fd;
    running = new Promise<void>((resolve) => fdatasync(syncing, () => resolve())).finally(() => (running = null));
    return running;
  };
  return {
    flush: () => void start(),
    async flushed() {
      // One begun earlier may not cover what was written since it began.
      await running;
      await start();
    },
    async close() {
      await running;
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}
