import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db, ReadDb } from '../db/open';
import type { DatasetDiff, DiffCounts } from '../../shared/import-types';
import { DEFAULT_DEADLINE_SECONDS } from '../../shared/sync-types';
import { installDatasetAsync } from '../hsds/install/install-dataset';
import type { StepListener } from '../jobs/steps';
import { diffCounts } from '../hsds/install/diff-shown';
import { identityOf, readChecked, refuseGoingBack } from './feed-install';
import { openFeedSession } from './feed-on-worker';
import type { CheckedDiff, FeedSession } from './feed-session';
import { deadlineIn, httpGet, httpGetToFile, type Deadline, type GetOptions } from './http-get';
import { parsePin } from './keys';
import { feedFolder, keptVersions, versionFolder } from './kept-versions';
import { openSignedManifest, sha256, type Manifest } from './manifest';
import { createSubscriptionStore, type Subscription } from './subscriptions';
import { SyncError } from './sync-error';

export interface FeedOptions {
  /** Where verified versions are kept for rollback: one folder per feed, one per version. */
  feedsDir: string;
  /** How long a server may stay silent in any one request. */
  timeoutMs?: number;
  /** How long the whole download (manifest, signature and files) may take, however steadily bytes arrive. */
  deadlineSeconds?: number;
  now?: Date;
  /** Aborted when the person cancels: a download in flight is dropped (listener.isCancelled stops the rest). */
  signal?: AbortSignal;
  /** The connection a version's apply writes on when its session runs on this thread; the checking connection itself when not given. */
  openWriter?: () => Db;
}

/**
 * A verified, downloaded version waiting for the user to look at its diff and apply it. What its check
 * read is held by its session, on a worker thread where it can be; close the session to let go of it.
 */
export interface StagedUpdate {
  manifest: Manifest;
  manifestSha256: string;
  /** What the Sync screen shows of its diff, and the counts. */
  diff: DatasetDiff;
  counts: DiffCounts;
  session: FeedSession;
  etag: string | null;
  lastModified: string | null;
}

export type CheckOutcome = { kind: 'up-to-date'; version: number } | { kind: 'update'; staged: StagedUpdate };

const MANIFEST_MAX_BYTES = 1_000_000;
const SIG_MAX_BYTES = 1_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Fetches and verifies a feed's newest version without touching the directory: conditional GET of the
 * manifest, signature checked against the pinned key before parsing, dataset id, rollback and freeze
 * checks, then only the listed files within their signed lengths, each hash checked. Reading, checking
 * and comparing the files run in the version's session (feed-on-worker.ts), reporting progress to
 * `listener` between batches; an update's session is the caller's to close.
 */
export function checkFeed(db: Db, sub: Subscription, options: FeedOptions, listener: StepListener = {}): Promise<CheckOutcome> {
  return checkWithin(db, sub, options, deadlineIn(options.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS), listener);
}

async function checkWithin(db: Db, sub: Subscription, options: FeedOptions, deadline: Deadline, listener: StepListener): Promise<CheckOutcome> {
  const key = parsePin(sub.pin);
  const request = { timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, signal: options.signal, deadline };
  const conditional: Record<string, string> = {};
  if (sub.etag) conditional['If-None-Match'] = sub.etag;
  if (sub.lastModified) conditional['If-Modified-Since'] = sub.lastModified;
  const got = await httpGet(sub.url, { maxBytes: MANIFEST_MAX_BYTES, headers: conditional, ...request });
  const now = options.now ?? new Date();
  if (got.status === 304 && sub.version !== null) {
    // A frozen feed can answer "not modified" forever: the kept copy's expiry still has to hold. Without
    // a readable kept copy, ask again unconditionally.
    let kept: Manifest;
    try {
      kept = readKept(options.feedsDir, sub, sub.version).manifest;
    } catch {
      return checkWithin(db, { ...sub, etag: null, lastModified: null }, options, deadline, listener);
    }
    refuseExpired(kept, now);
    return { kind: 'up-to-date', version: sub.version };
  }

  const sig = await httpGet(new URL('manifest.sig', sub.url).href, { maxBytes: SIG_MAX_BYTES, ...request });
  const manifest = openSignedManifest(got.body, sig.body, key);
  const manifestSha256 = sha256(got.body);

  if (sub.datasetId !== null && manifest.dataset_id !== sub.datasetId) {
    throw new SyncError(`The feed now carries a different directory ("${manifest.dataset_id}", not "${sub.datasetId}"). It was not applied. Nothing was changed.`);
  }
  const highest = createSubscriptionStore(db).highestApplied(sub.pin, manifest.dataset_id);
  refuseGoingBack(manifest, manifestSha256, highest);
  refuseExpired(manifest, now);
  if (highest?.version === manifest.version) return { kind: 'up-to-date', version: manifest.version };

  const wasKept = keptVersions(options.feedsDir, sub.url).includes(manifest.version);
  const dir = await download(sub.url, manifest, got.body, sig.body, options.feedsDir, request, listener);
  const session = openFeedSession(db, options.openWriter ?? (() => db));
  let checked: CheckedDiff;
  try {
    checked = await session.check({ dir, manifest, url: sub.url }, listener);
  } catch (err) {
    session.close();
    // A version refused or cancelled here was never applied: keeping its files would offer it for restore.
    if (!wasKept) {
      rmSync(dir, { recursive: true, force: true });
      removeIfEmpty(feedFolder(options.feedsDir, sub.url));
    }
    throw err;
  }
  return { kind: 'update', staged: { manifest, manifestSha256, ...checked, session, etag: got.etag, lastModified: got.lastModified } };
}

/**
 * Downloads into a private staging folder, each file streamed to disk within its signed length, then
 * renames it into place: a kept version is always whole. A failed download leaves nothing behind, and a
 * staging folder left by a process that was killed is cleared on the next download of that feed.
 */
async function download(
  url: string,
  manifest: Manifest,
  manifestRaw: Buffer,
  sigRaw: Buffer,
  feedsDir: string,
  request: Omit<GetOptions, 'maxBytes'>,
  { onProgress }: StepListener,
): Promise<string> {
  const root = feedFolder(feedsDir, url);
  clearAbandonedStaging(root);
  const staging = join(root, `${STAGING}${process.pid}-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging, { recursive: true });
  try {
    for (const [done, file] of manifest.files.entries()) {
      onProgress?.({ step: 'downloading', done, total: manifest.files.length });
      const path = join(staging, file.path);
      mkdirSync(dirname(path), { recursive: true });
      const got = await httpGetToFile(new URL(file.path, url).href, path, { maxBytes: file.length, ...request });
      if (got.length !== file.length || got.sha256 !== file.sha256) {
        throw new SyncError(`The downloaded file ${file.path} is not the one the coordinator signed: it was changed or damaged after publishing. Nothing was changed.`);
      }
    }
    writeFileSync(join(staging, 'manifest.json'), manifestRaw);
    writeFileSync(join(staging, 'manifest.sig'), sigRaw);
    const target = versionFolder(feedsDir, url, manifest.version);
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
    return target;
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    removeIfEmpty(root);
    throw err;
  }
}

const STAGING = '.staging-';

/** Staging folders of processes no longer running (a sync killed mid-download): never a version, only clutter. */
function clearAbandonedStaging(root: string): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^\.staging-(\d+)-/.exec(name)?.[1] ?? NaN);
    if (name.startsWith(STAGING) && !isRunning(pid)) rmSync(join(root, name), { recursive: true, force: true });
  }
}

/** NaN (a folder named the old way) counts as not running. */
function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid)) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (it keeps earlier versions) or already gone.
  }
}

/** The feed version the directory holds now, or null when the installed directory came from elsewhere. */
export function installedVersion(db: ReadDb, url: string): number | null {
  const row = db.prepare('SELECT source, version FROM dataset_install ORDER BY id DESC LIMIT 1').get() as { source: string; version: string | null } | undefined;
  return row && row.source === url && row.version !== null ? Number(row.version) : null;
}

/**
 * Applies a staged version in its session, in one transaction with the subscription's new high-water
 * mark and history entry (feed-install.ts installVersion). Returns the stored subscription id.
 */
export const applyUpdate = (sub: Subscription, staged: StagedUpdate, feedsDir: string, listener: StepListener = {}): Promise<number> =>
  staged.session.apply({ sub, manifestSha256: staged.manifestSha256, etag: staged.etag, lastModified: staged.lastModified, feedsDir }, listener);

/**
 * Puts back a version applied earlier, from its kept files, checked again against the pinned key and
 * read, checked and compared like a fresh update, then installed on `db` in one transaction with its
 * history entry (the restore runs on the write worker, write-on-worker.ts, where it can).
 */
export async function rollbackTo(db: Db, sub: Subscription & { id: number }, version: number, feedsDir: string, listener: StepListener = {}): Promise<DiffCounts> {
  const { dir, manifest, manifestRaw } = readKept(feedsDir, sub, version);
  const { tables, diff, changes } = await readChecked(db, { dir, manifest, url: sub.url }, listener);
  const store = createSubscriptionStore(db);
  await installDatasetAsync(db, tables, identityOf(sub, manifest), listener, () =>
    store.recordApplied(sub.id, { version, manifestSha256: sha256(manifestRaw), appliedAt: new Date().toISOString(), kind: 'rollback', ...diffCounts(diff) }),
    changes,
  );
  return diffCounts(diff);
}

function refuseExpired(manifest: Manifest, now: Date): void {
  if (Date.parse(manifest.expires) <= now.getTime()) {
    throw new SyncError(`The feed's version ${manifest.version} expired on ${manifest.expires.slice(0, 10)} and the coordinator has not renewed it, so it may be stale or held back by someone in between. Your current directory is kept. Ask the coordinator to publish again.`);
  }
}

/** A kept version, its signature and every file hash checked again: files on disk can be altered too. */
function readKept(feedsDir: string, sub: Subscription, version: number): { dir: string; manifest: Manifest; manifestRaw: Buffer } {
  const dir = versionFolder(feedsDir, sub.url, version);
  let manifestRaw: Buffer, sigRaw: Buffer;
  try {
    manifestRaw = readFileSync(join(dir, 'manifest.json'));
    sigRaw = readFileSync(join(dir, 'manifest.sig'));
  } catch {
    throw new SyncError(`Version ${version} is no longer kept on this computer. Nothing was changed.`);
  }
  const manifest = openSignedManifest(manifestRaw, sigRaw, parsePin(sub.pin));
  for (const file of manifest.files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, file.path));
    } catch {
      throw new SyncError(`The kept copy of version ${version} is missing ${file.path}. Nothing was changed.`);
    }
    if (sha256(bytes) !== file.sha256) throw new SyncError(`The kept copy of version ${version} was altered on disk (${file.path}). Nothing was changed.`);
  }
  return { dir, manifest, manifestRaw };
}
