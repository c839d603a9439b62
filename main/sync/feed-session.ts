import type { RemovalCount, DatasetDiff, DiffCounts } from '../../shared/import-types';
import { diffCounts, shownDiff } from '../hsds/install/diff-shown';
import type { Db, ReadDb } from '../db/open';
import { removalsFrom } from '../hsds/install/removals';
import type { StepListener } from '../jobs/steps';
import { feedSource, installVersion, readChecked, type CheckedVersion, type FeedVersion, type VersionToApply } from './feed-install';

/**
 * One downloaded version of a feed, from its check to its apply: the session reads, checks and compares
 * its files, holds what it read (some hundreds of megabytes of rows at 100,000 services) while the person
 * looks at the diff, then installs it. feed-on-worker.ts keeps it on a worker thread.
 */
export interface FeedSession {
  /** Reads, checks and compares the version; its diff as the Sync screen shows it. Refused (SyncError) when its directory has errors. */
  check(version: FeedVersion, listener: StepListener): Promise<CheckedDiff>;
  /** What applying the checked version would remove from the feed's source as it is now (removals.ts). */
  removals(): Promise<RemovalCount>;
  /** Installs the checked version as installVersion does; the stored subscription id. */
  apply(update: VersionToApply, listener: StepListener): Promise<number>;
  /** Lets go of what the check read. */
  close(): void;
}

/** A checked version's diff as a screen is sent it (diff-shown.ts), with how many services it adds, changes and removes. */
export interface CheckedDiff {
  diff: DatasetDiff;
  counts: DiffCounts;
}

const NOT_CHECKED = 'This version has not been checked yet. Check for updates first.';

/**
 * The session on this thread, reading with `db` and writing on the connection `openWriter` gives, closed
 * after the apply unless it is `db` itself (the command line writes on its only connection).
 */
export function localFeedSession(db: ReadDb, openWriter: () => Db): FeedSession {
  let checked: (CheckedVersion & { version: FeedVersion }) | null = null;
  return {
    async check(version, listener) {
      checked = null;
      checked = { ...(await readChecked(db, version, listener)), version };
      return { diff: shownDiff(checked.diff), counts: diffCounts(checked.diff) };
    },
    async removals() {
      if (!checked) throw new Error(NOT_CHECKED);
      return removalsFrom(db, checked.tables, feedSource(db, checked.version.url));
    },
    async apply(update, listener) {
      if (!checked) throw new Error(NOT_CHECKED);
      const writer = openWriter();
      try {
        return await installVersion(writer, checked.version.manifest, checked, update, listener);
      } finally {
        if (writer !== db) writer.close();
      }
    },
    close() {
      checked = null;
    },
  };
}
