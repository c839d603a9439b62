import { join } from 'node:path';
import { diffCounts } from '../hsds/install/diff-shown';
import type { Db, ReadDb } from '../db/open';
import type { TableRows } from '../db/hsds-tables';
import type { DatasetDiff } from '../../shared/import-types';
import { checkDatasetAsync } from '../hsds/install/apply';
import { installDatasetAsync, type DatasetIdentity } from '../hsds/install/install-dataset';
import type { RowChanges } from '../hsds/install/row-changes';
import type { StepListener } from '../jobs/steps';
import { targetOf } from '../sources/source-target';
import { pruneKept } from './kept-versions';
import { datasetFolder, type Manifest } from './manifest';
import { createSubscriptionStore, type AppliedMark, type Subscription } from './subscriptions';
import { SyncError } from './sync-error';

/** A verified version's files on disk, as its check reads them. */
export interface FeedVersion {
  /** The kept version's folder (kept-versions.ts). */
  dir: string;
  manifest: Manifest;
  /** The feed's address: its source is the one the version would replace. */
  url: string;
}

/** A version read, validated and compared with the feed's source as it was. */
export interface CheckedVersion {
  tables: TableRows;
  diff: DatasetDiff;
  /** The rows applying it would change, as its diff found (hsds/install/row-changes.ts). */
  changes: RowChanges | null;
}

/** What applying a checked version records beside the directory: the subscription as it is now and how the version was fetched. */
export interface VersionToApply {
  sub: Subscription;
  manifestSha256: string;
  etag: string | null;
  lastModified: string | null;
  feedsDir: string;
}

/** The source a feed fills: the one it filled before, else a new one named after its host. */
export const feedSource = (db: ReadDb, url: string): string => targetOf(db, url).name;

export const identityOf = (sub: Subscription, manifest: Manifest): DatasetIdentity => ({ datasetId: manifest.dataset_id, version: String(manifest.version), source: sub.url });

/**
 * Reads and validates the verified datapackage with the import's own checks and diffs it against the
 * feed's source as it is. A signed feed can still carry a broken directory; it is refused the same way a
 * broken import file is.
 */
export async function readChecked(db: ReadDb, { dir, manifest, url }: FeedVersion, listener: StepListener): Promise<CheckedVersion> {
  const { report, tables, changes = null } = await checkDatasetAsync(db, join(dir, datasetFolder(manifest)), { sourceName: feedSource(db, url) }, listener);
  if (!tables || !report.diff) {
    const first = report.errors[0];
    const where = first ? `${first.file}${first.row != null ? ` row ${first.row}` : ''}${first.field ? ` ${first.field}` : ''}: ${first.message}` : 'unknown problem';
    throw new SyncError(`Version ${manifest.version} is signed by the coordinator but its directory has ${report.errorCount} error(s), so it was not applied. First: ${where}. Nothing was changed.`);
  }
  return { tables, diff: report.diff, changes };
}

/**
 * Applies a checked version in one transaction: the directory, the subscription's new high-water mark
 * and the history entry commit together or not at all. The install yields between batches, so `db`
 * must be a connection of its own while the app keeps reading on another (see installDatasetAsync).
 * The tables were validated by the check; a second pass over every row is spared, as the import does.
 * Returns the stored subscription id.
 */
export async function installVersion(db: Db, manifest: Manifest, checked: CheckedVersion, { sub, manifestSha256, etag, lastModified, feedsDir }: VersionToApply, listener: StepListener): Promise<number> {
  const store = createSubscriptionStore(db);
  let id = 0;
  await installDatasetAsync(db, checked.tables, identityOf(sub, manifest), listener, () => {
    // Checked again as it commits: another address of the same feed may have applied a newer version since.
    refuseGoingBack(manifest, manifestSha256, store.highestApplied(sub.pin, manifest.dataset_id));
    store.raiseHighest(sub.pin, manifest.dataset_id, { version: manifest.version, manifestSha256 });
    id = store.save({ ...sub, datasetId: manifest.dataset_id, version: manifest.version, manifestSha256, etag, lastModified });
    store.recordApplied(id, { version: manifest.version, manifestSha256, appliedAt: new Date().toISOString(), kind: 'update', ...diffCounts(checked.diff) });
  }, checked.changes);
  pruneKept(feedsDir, sub.url);
  return id;
}

/**
 * Never backwards, measured per publisher key and dataset id (whatever address the feed came through): an
 * older version could bring back numbers that are no longer valid, and a version number published twice
 * with different content means someone changed it after publishing.
 */
export function refuseGoingBack(manifest: Manifest, manifestSha256: string, highest: AppliedMark | null): void {
  if (!highest) return;
  if (manifest.version < highest.version) {
    throw new SyncError(`The feed offers version ${manifest.version} of "${manifest.dataset_id}", older than version ${highest.version} already applied from this publisher (through this address or another). Older versions are refused, since they could bring back numbers that are no longer valid. Nothing was changed.`);
  }
  if (manifest.version === highest.version && manifestSha256 !== highest.manifestSha256) {
    throw new SyncError(`The feed offers version ${manifest.version} of "${manifest.dataset_id}" again but with different content. A published version must never change, so it was refused. Ask the coordinator to publish a new version. Nothing was changed.`);
  }
}
