import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { ensureStarterDirectory } from '../hsds/install/starter';

export const STARTER_PATH = resolve(__dirname, '..', '..', 'data', 'starter-directory.json');
/** How many services the bundled directory holds: tests compare with it rather than with a fixed count. */
export const STARTER_SERVICES = (JSON.parse(readFileSync(STARTER_PATH, 'utf8')) as unknown[]).length;
export const GAZETTEER_PATH = resolve(__dirname, '..', '..', 'data', 'gazetteer.json');
export const AREAS_PATH = resolve(__dirname, '..', '..', 'data', 'areas.json');

/**
 * Removes a desk's folder while another thread may still be making files in it: a write's checkpoint runs
 * on a worker after its commit, not waited for (write-transaction.ts), and a session's worker closes its
 * connection after its last answer. Their connections make the log's files again beside a database being
 * removed, so the whole folder is removed again until it is gone (rmSync's own retries only retry the
 * folder, never the files that reappeared in it). The wait blocks this thread only: theirs go on.
 */
function removeFolder(dir: string): void {
  for (let attempt = 1; ; attempt++) {
    try {
      rmSync(dir, { recursive: true, force: true });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' || attempt === 50) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
}

/** A real SQLite file in a fresh temp folder; `cleanup` closes and removes it. */
export function tempDb(options: { starter?: boolean } = {}): { db: Db; path: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
  const path = join(dir, 'atlas.sqlite');
  const db = openDatabase(path);
  if (options.starter) ensureStarterDirectory(db, STARTER_PATH);
  return {
    db,
    path,
    dir,
    cleanup: () => {
      if (db.open) db.close();
      removeFolder(dir);
    },
  };
}

/**
 * Fresh desks, one per call (holding the bundled directory with `starter`), each closed and removed after
 * the test that made it. Called in a describe block, where it registers that clean-up.
 */
export function tempDbsEachTest(options: { starter?: boolean } = {}): () => ReturnType<typeof tempDb> {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return () => {
    const t = tempDb(options);
    cleanups.push(t.cleanup);
    return t;
  };
}

/** Desks holding the bundled directory, as tempDbsEachTest makes them. */
export const startersEachTest = () => tempDbsEachTest({ starter: true });
