import { BUSY_MESSAGE, isBusy } from '../db/busy';
import type { Db } from '../db/open';
import { needsRemovalConsent, removalRefusal } from '../hsds/install/removals';
import { applyUpdate, checkFeed, installedVersion, type FeedOptions } from './feed';
import { fingerprint, parsePin, pinOf } from './keys';
import { createSubscriptionStore, type Subscription } from './subscriptions';
import { ImportCancelled, type StepListener } from '../jobs/steps';
import { isLinkLocalHost } from '../security/link-local';
import { linkLocalRefusal } from './http-get';
import { messageOf, SyncCancelled, SyncError } from './sync-error';

/** What `referral-atlas sync --json` prints. */
export interface SyncSummary {
  ok: boolean;
  from_version: number | null;
  to_version: number | null;
  added: number;
  changed: number;
  removed: number;
  error: string | null;
}

/**
 * The whole desk-side sync in one step, as the CLI runs it: check, then apply at once. A feed not yet
 * subscribed is stored only when its first version is applied, so a failed first try leaves no trace.
 * options.signal stops it between steps (Ctrl-C), changing nothing, unless the apply has already committed.
 */
export async function syncOnce(db: Db, url: string, pin: string, options: FeedOptions & { progress?: (line: string) => void; allowRemovals?: boolean }): Promise<SyncSummary> {
  const from = installedVersion(db, url);
  const summary: SyncSummary = { ok: false, from_version: from, to_version: null, added: 0, changed: 0, removed: 0, error: null };
  const listener: StepListener = { isCancelled: () => options.signal?.aborted ?? false };
  try {
    const sub = subscriptionFor(db, url, pin);
    options.progress?.(`Checking ${url} (publisher key ${fingerprint(sub.pin)})…`);
    const outcome = await checkFeed(db, sub, options, listener);
    if (outcome.kind === 'up-to-date') {
      options.progress?.(`Already up to date at version ${outcome.version}.`);
      return { ...summary, ok: true, to_version: outcome.version };
    }
    const { manifest, counts, session } = outcome.staged;
    try {
      const removals = await session.removals();
      if (needsRemovalConsent(removals) && !options.allowRemovals) {
        return { ...summary, error: `Version ${manifest.version} was not applied. ${removalRefusal(removals, 'run the sync again with --allow-removals if that is what you mean')}` };
      }
      options.progress?.(`Applying version ${manifest.version}: ${counts.added} added, ${counts.changed} changed, ${counts.removed} removed…`);
      await applyUpdate(sub, outcome.staged, options.feedsDir, listener);
    } finally {
      session.close();
    }
    options.progress?.(`Applied version ${manifest.version}.`);
    return { ...summary, ok: true, to_version: manifest.version, ...counts };
  } catch (err) {
    if (options.signal?.aborted && (err instanceof SyncCancelled || err instanceof ImportCancelled)) return { ...summary, error: 'Sync cancelled. Nothing was changed.' };
    return { ...summary, error: err instanceof SyncError ? err.message : isBusy(err) ? BUSY_MESSAGE : `Sync failed: ${messageOf(err)}. Nothing was changed.` };
  }
}

/** The stored subscription for url, which must be pinned to the same key, or a new unsaved one. */
export function subscriptionFor(db: Db, url: string, pin: string): Subscription {
  checkFeedUrl(url);
  const given = pinOf(parsePin(pin));
  const stored = createSubscriptionStore(db).byUrl(url);
  if (!stored) return { id: null, url, pin: given, datasetId: null, version: null, manifestSha256: null, etag: null, lastModified: null };
  if (stored.pin !== given) {
    throw new SyncError(`This feed is pinned to the publisher key ${fingerprint(stored.pin)}, not ${fingerprint(given)}. If the coordinator really changed keys, remove the subscription and subscribe again after checking the new fingerprint with them. Nothing was changed.`);
  }
  return stored;
}

export function checkFeedUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SyncError(`"${url}" is not a web address. A feed address looks like https://example.org/feed/manifest.json.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SyncError(`"${url}" is not an http or https address. A feed address looks like https://example.org/feed/manifest.json.`);
  }
  if (isLinkLocalHost(parsed)) throw new SyncError(linkLocalRefusal(url));
}
