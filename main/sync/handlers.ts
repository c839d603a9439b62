import { dirname, join } from 'node:path';
import { DEFAULT_DEADLINE_SECONDS, deadlineSecondsSchema, type FeedSubscriptionView, type SyncApplyView, type SyncCancelView, type SyncCheckView, type SyncOverview, type SyncProgressView } from '../../shared/sync-types';
import { z } from 'zod';
import { needsRemovalConsent, removalRefusal } from '../hsds/install/removals';
import { onWriteWorker } from '../hsds/install/write-on-worker';
import { readSetting, writeSetting, type LocalSetting } from '../db/local-settings';
import { openDatabase, type Db } from '../db/open';
import { createWriteTurn, type WriteTurn } from '../db/write-turn';
import { writeWhenFree } from '../db/write-when-free';
import type { Handlers } from '../handler-types';
import { createJobRegistry, type JobRun } from '../jobs/registry';
import { ImportCancelled, type StepListener, type StepProgress } from '../jobs/steps';
import { applyUpdate, checkFeed, installedVersion, rollbackTo, type StagedUpdate } from './feed';
import { keptVersions } from './kept-versions';
import { fingerprint, parsePin, pinOf } from './keys';
import { createSubscriptionStore, type Subscription } from './subscriptions';
import { checkFeedUrl } from './sync-once';
import { messageOf, SyncCancelled, SyncError } from './sync-error';

const PERIODIC_SETTING: LocalSetting<'on' | 'off'> = { key: 'sync.periodic_check', schema: z.enum(['on', 'off']), fallback: 'off', text: true };
/** A stored value that is not a whole number of seconds in range reads as the default. */
const DEADLINE_SETTING: LocalSetting<number> = {
  key: 'sync.deadline_seconds',
  schema: z.coerce.number().pipe(deadlineSecondsSchema),
  fallback: DEFAULT_DEADLINE_SECONDS,
  text: true,
};
const HOURLY = 3_600_000;

export interface SyncServiceOptions {
  /** How often the opt-in background check runs. */
  periodicIntervalMs?: number;
  timeoutMs?: number;
  /** A second connection to the database file, to apply on while the app keeps reading (as the import does). */
  openWriter?: () => Db;
  /** Shared with the import, so a sync and an import never write at the same time. */
  writeTurn?: WriteTurn;
}

type SyncChannel =
  | 'syncList'
  | 'syncFingerprint'
  | 'syncSubscribe'
  | 'syncUnsubscribe'
  | 'syncCheck'
  | 'syncApply'
  | 'syncRollback'
  | 'syncProgress'
  | 'syncCancel'
  | 'syncSetPeriodic'
  | 'syncSetDeadline';

/**
 * The desk's feed subscriptions behind the Sync screen. A check verifies and downloads but never
 * applies: the verified version waits here, with its diff, until the user applies it. The periodic
 * check (off unless the user turns it on) does the same, so nothing changes without someone looking.
 * A version's reading, checking and applying run in its session, and a restore on the write worker,
 * each on a worker thread where it can be (else in batches that yield to the event loop), so the window
 * stays answered while a large directory is worked on; syncProgress says how far each has got, and syncCancel
 * stops one before it commits (a download is dropped, a write rolled back), leaving everything as it was.
 */
export function createSyncHandlers(db: Db, databasePath: string, options: SyncServiceOptions = {}) {
  const feedsDir = join(dirname(databasePath), 'feeds');
  const store = createSubscriptionStore(db);
  /** Each feed's verified version waiting to be applied, what its check read held by its session. */
  const staged = new Map<number, StagedUpdate>();
  /** Staged versions an apply is using: their sessions are let go when the apply ends, not before. */
  const applying = new Set<StagedUpdate>();
  /** Lets go of a version no longer staged, once no apply uses it. */
  const release = (update: StagedUpdate | undefined) => {
    if (update && !applying.has(update) && !Array.from(staged.values()).includes(update)) update.session.close();
  };
  /** Versions applied: a check cancelled while one was applied must not stage it again. */
  const appliedVersions = new WeakSet<StagedUpdate>();
  const lastCheck = new Map<number, SyncCheckView>();
  /** Each feed's checks, applies and restores (a check and a write may overlap); a write commits the version it installs. */
  const jobs = createJobRegistry<number, 'check' | 'write', number>((err) => err instanceof SyncCancelled || err instanceof ImportCancelled);
  const openWriter = options.openWriter ?? (() => openDatabase(databasePath));
  const writeTurn = options.writeTurn ?? createWriteTurn();
  let timer: NodeJS.Timeout | null = null;

  const mustGet = (id: number): Subscription & { id: number } => {
    const sub = store.byId(id);
    if (!sub) throw new SyncError('That subscription no longer exists.');
    return { ...sub, id };
  };

  const view = (sub: Subscription & { id: number }): FeedSubscriptionView => ({
    id: sub.id,
    url: sub.url,
    fingerprint: fingerprint(sub.pin),
    datasetId: sub.datasetId,
    highestVersion: (sub.datasetId !== null ? store.highestApplied(sub.pin, sub.datasetId)?.version : null) ?? sub.version,
    installedVersion: installedVersion(db, sub.url),
    history: store.history(sub.id),
    keptVersions: keptVersions(feedsDir, sub.url),
    lastCheck: lastCheck.get(sub.id) ?? null,
  });

  const inFlight = new Map<number, Promise<SyncCheckView>>();
  /** One check per feed at a time: a second request (a double click, the timer) shares the first. */
  function check(id: number): Promise<SyncCheckView> {
    const running =
      inFlight.get(id) ??
      runCheck(id).finally(() => {
        inFlight.delete(id);
      });
    inFlight.set(id, running);
    return running;
  }

  /**
   * Runs one check, apply or restore of feed `id` so that syncCancel can stop it, reporting its progress;
   * resolves to null when it was cancelled (the task has then undone whatever it had started).
   */
  async function stoppable<T>(id: number, kind: 'check' | 'write', first: StepProgress, task: (run: JobRun<number>) => Promise<T>): Promise<T | null> {
    const { job, result } = jobs.start(id, kind, first, task);
    try {
      return await result;
    } catch (err) {
      if (job.state === 'cancelled') return null;
      throw err;
    }
  }

  async function runCheck(id: number): Promise<SyncCheckView> {
    const sub = mustGet(id);
    const stagedBefore = staged.get(id);
    staged.delete(id);
    const checkedAt = new Date().toISOString();
    let result: SyncCheckView;
    try {
      const outcome = await stoppable(id, 'check', { step: 'downloading', done: 0, total: 0 }, (run) =>
        checkFeed(db, sub, { feedsDir, timeoutMs: options.timeoutMs, deadlineSeconds: deadlineSeconds(), signal: run.signal, openWriter }, run),
      );
      if (outcome === null) {
        // The feed's last check (and the version it verified, if any) stands: a cancel changes nothing.
        if (stagedBefore && !appliedVersions.has(stagedBefore)) staged.set(id, stagedBefore);
        return { status: 'cancelled', message: 'Check cancelled. Nothing was changed.', checkedAt, version: null, diff: null, counts: null };
      }
      release(stagedBefore);
      if (outcome.kind === 'up-to-date') {
        result = { status: 'up-to-date', message: `Up to date: version ${outcome.version} is the newest the feed offers.`, checkedAt, version: outcome.version, diff: null, counts: null };
      } else if (!store.byId(id)) {
        // Unsubscribed while it was checked: no feed is left to stage it for, nor a thread to keep for it.
        outcome.staged.session.close();
        return { status: 'refused', message: 'That subscription no longer exists.', checkedAt, version: null, diff: null, counts: null };
      } else {
        staged.set(id, outcome.staged);
        const { added, changed, removed } = outcome.staged.counts;
        result = {
          status: 'update',
          message: `Version ${outcome.staged.manifest.version} is verified and ready: ${added} added, ${changed} changed, ${removed} removed.`,
          checkedAt,
          version: outcome.staged.manifest.version,
          diff: outcome.staged.diff,
          counts: outcome.staged.counts,
        };
      }
    } catch (err) {
      release(stagedBefore);
      result = { status: 'refused', message: err instanceof SyncError ? err.message : `The check failed: ${messageOf(err)}. Nothing was changed.`, checkedAt, version: null, diff: null, counts: null };
    }
    lastCheck.set(id, result);
    return result;
  }

  /**
   * One apply or restore at a time, and none while an import writes: `work` runs holding the turn, refused
   * at once while another write holds it.
   */
  async function withTurn<T>(work: () => Promise<T>): Promise<T> {
    const giveBack = writeTurn.take('Another update is being applied');
    try {
      return await work();
    } finally {
      giveBack();
    }
  }

  /** A write holds the database's write lock, on a connection of its own, until it commits `version`; from then on a cancel is too late. */
  const write = <T>(id: number, version: number, task: (listener: StepListener) => Promise<T>): Promise<T | null> =>
    stoppable(id, 'write', { step: 'applying', done: 0, total: 0 }, async (run) => {
      // Heard as it commits, even on a worker thread whose answer comes later.
      const result = await task({ ...run, onCommitted: () => run.committed(version) });
      run.committed(version);
      return result;
    });

  const checkAll = async () => {
    // A check during an apply would report its progress over the apply's; the next hour will do.
    if (writeTurn.busy()) return;
    for (const sub of store.list()) await check(sub.id!);
  };

  const schedule = (enabled: boolean) => {
    if (timer) clearInterval(timer);
    timer = enabled ? setInterval(() => void checkAll(), options.periodicIntervalMs ?? HOURLY) : null;
    // Never keeps a process (the CLI, a test) alive on its own.
    timer?.unref();
  };
  const periodicEnabled = () => readSetting(db, PERIODIC_SETTING) === 'on';
  const deadlineSeconds = () => readSetting(db, DEADLINE_SETTING);
  schedule(periodicEnabled());

  return {
    syncList: (): SyncOverview => ({
      subscriptions: store.list().map((s) => view({ ...s, id: s.id! })),
      periodicCheck: periodicEnabled(),
      deadlineSeconds: deadlineSeconds(),
    }),
    syncFingerprint: ({ pin }: { pin: string }): string => fingerprint(pin),
    // The desk's own writes wait for the lock while an import writes (write-when-free.ts).
    syncSubscribe: async ({ url, pin }: { url: string; pin: string }): Promise<FeedSubscriptionView> => {
      const trimmed = url.trim();
      checkFeedUrl(trimmed);
      const normalized = pinOf(parsePin(pin));
      const id = await writeWhenFree(db, () => {
        if (store.byUrl(trimmed)) throw new SyncError(`You are already subscribed to ${trimmed}.`);
        return store.save({ id: null, url: trimmed, pin: normalized, datasetId: null, version: null, manifestSha256: null, etag: null, lastModified: null });
      });
      return view(mustGet(id));
    },
    syncUnsubscribe: async ({ id }: { id: number }): Promise<null> => {
      await writeWhenFree(db, () => store.remove(id));
      const update = staged.get(id);
      staged.delete(id);
      release(update);
      lastCheck.delete(id);
      return null;
    },
    syncCheck: ({ id }: { id: number }): Promise<SyncCheckView> => check(id),
    /** Refused, with the counts to ask about, when it would remove more than half of the directory and the call does not say the person confirmed. */
    syncApply: ({ id, version, allowRemovals = false }: { id: number; version: number; allowRemovals?: boolean }): Promise<SyncApplyView> =>
      withTurn(async () => {
        const sub = mustGet(id);
        const update = staged.get(id);
        if (!update || update.manifest.version !== version) throw new SyncError(`Version ${version} has not been checked yet. Check for updates first.`);
        applying.add(update);
        try {
          // Counted by the session, which holds the version's rows, against the feed's source as it is now.
          const removals = await update.session.removals();
          if (needsRemovalConsent(removals) && !allowRemovals) {
            return { status: 'confirm-removals', version, ...removals, message: `Version ${version} was not applied. ${removalRefusal(removals, 'confirm it to apply anyway')}` };
          }
          const applied = await write(id, version, (listener) => applyUpdate(sub, update, feedsDir, listener));
          // Cancelled: the verified version stays staged, so it can be applied later without a new check.
          if (applied === null) return { status: 'cancelled', version, message: `Applying version ${version} was cancelled. Nothing was changed.` };
          appliedVersions.add(update);
          if (staged.get(id) === update) staged.delete(id);
          lastCheck.delete(id);
          return { status: 'applied', version, ...update.counts };
        } finally {
          applying.delete(update);
          release(update);
        }
      }),
    syncRollback: ({ id, version }: { id: number; version: number }): Promise<SyncApplyView> =>
      withTurn(async () => {
        const sub = mustGet(id);
        // On a thread of its own where it can be: it reads, checks and installs a whole kept version.
        const restored = await write(id, version, (listener) =>
          onWriteWorker(db, { kind: 'feed-restore', sub, version, feedsDir }, listener, async () => {
            const writer = openWriter();
            try {
              return await rollbackTo(writer, sub, version, feedsDir, listener);
            } finally {
              writer.close();
            }
          }),
        );
        if (restored === null) return { status: 'cancelled', version, message: `Restoring version ${version} was cancelled. Nothing was changed.` };
        lastCheck.delete(id);
        return { status: 'applied', version, ...restored };
      }),
    syncProgress: ({ id }: { id: number }): SyncProgressView | null => jobs.progress(id),
    syncCancel: async ({ id }: { id: number }): Promise<SyncCancelView> => {
      const answer = await jobs.cancel(id);
      if (answer.outcome === 'cancelling') return { outcome: 'cancelling', version: null, message: 'Stopping. Nothing will be changed.' };
      if (answer.outcome === 'too-late') {
        const version = answer.committed;
        return { outcome: 'too-late', version, message: `Too late to cancel: version ${version} had already been installed. To go back, restore the earlier version from the history.` };
      }
      return { outcome: 'idle', version: null, message: 'Nothing is running for this feed, so there was nothing to cancel.' };
    },
    syncSetPeriodic: async ({ enabled }: { enabled: boolean }): Promise<null> => {
      await writeWhenFree(db, () => writeSetting(db, PERIODIC_SETTING, enabled ? 'on' : 'off'));
      schedule(enabled);
      return null;
    },
    /** Applies from the next check on; a download already running keeps the time it started with. */
    syncSetDeadline: async ({ seconds }: { seconds: number }): Promise<null> => {
      await writeWhenFree(db, () => writeSetting(db, DEADLINE_SETTING, seconds));
      return null;
    },
  } satisfies Pick<Handlers, SyncChannel>;
}
