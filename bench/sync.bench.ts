import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../main/db/open';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { installDataset } from '../main/hsds/install/install-dataset';
import { createSyncHandlers } from '../main/sync/handlers';
import { generateKeyFiles } from '../main/sync/keys';
import { publishFeed } from '../main/sync/publish';
import { syncOnce } from '../main/sync/sync-once';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { startFeedServer } from '../main/test-support/feed-server';
import { longestBlock } from './longest-block';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));
/** How often the cancel watcher looks at the apply's progress. */
const WATCH_MS = 10;

/**
 * How long an app apply takes to stop once cancelled halfway through `step` (applying, or indexing): the
 * rest of the batch it is in, then the rollback. The apply is left undone, ready to be applied.
 */
async function cancelLatency(app: ReturnType<typeof createSyncHandlers>, id: number, step: 'applying' | 'indexing'): Promise<number> {
  let cancelledAt = 0;
  const watch = setInterval(() => {
    const p = app.syncProgress({ id });
    if (!cancelledAt && p?.step === step && p.done >= p.total / 2) {
      cancelledAt = performance.now();
      app.syncCancel({ id });
    }
  }, WATCH_MS);
  try {
    const r = await app.syncApply({ id, version: 1, allowRemovals: true });
    if (r.status !== 'cancelled') throw new Error(`the apply was not cancelled while ${step}`);
  } finally {
    clearInterval(watch);
  }
  return performance.now() - cancelledAt;
}

/**
 * A coordinator publishing N synthetic services and two desks syncing them over HTTP on 127.0.0.1.
 * The CLI desk: publish (export + hash + sign), sync (conditional GET, verify, download within caps,
 * hash, read, diff, apply in one transaction), then a second sync answered by a 304. The app desk: the
 * Sync screen's check and apply, each with the longest event-loop block seen while it ran, how soon an
 * apply cancelled halfway through writing, then through indexing, has stopped and rolled back, and the
 * restore of version 1 from the history once a second version (1 in 100 services renamed) is applied.
 * longest_block_ms is the longest of the check's, the apply's and the restore's.
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-sync-'));
    const coord = openDatabase(join(dir, 'coordinator.sqlite'));
    const desk = openDatabase(join(dir, 'desk', 'atlas.sqlite'));
    const appDesk = openDatabase(join(dir, 'app-desk', 'atlas.sqlite'));
    const server = await startFeedServer(join(dir, 'feed'));
    try {
      const { pin } = generateKeyFiles(join(dir, 'publisher.key'));
      installDataset(coord, syntheticDirectory(services), { datasetId: 'synthetic-bench', version: null, source: 'bench' });
      ensureStarterDirectory(desk, STARTER);
      ensureStarterDirectory(appDesk, STARTER);
      const t0 = performance.now();
      publishFeed(coord, { keyPath: join(dir, 'publisher.key'), outDir: join(dir, 'feed'), expiresDays: 90 });
      const t1 = performance.now();
      // The synthetic directory replaces the starter one whole: that removal is what the desk means here.
      const first = await syncOnce(desk, server.manifestUrl, pin, { feedsDir: join(dir, 'desk', 'feeds'), allowRemovals: true });
      const t2 = performance.now();
      const second = await syncOnce(desk, server.manifestUrl, pin, { feedsDir: join(dir, 'desk', 'feeds') });
      const t3 = performance.now();
      if (!first.ok || !second.ok) throw new Error(first.error ?? second.error ?? 'sync failed');

      const app = createSyncHandlers(appDesk, appDesk.name);
      const { id } = await app.syncSubscribe({ url: server.manifestUrl, pin });
      const check = await longestBlock(async () => {
        const r = await app.syncCheck({ id });
        if (r.status !== 'update') throw new Error(r.message);
      });
      const cancelWriting = await cancelLatency(app, id, 'applying');
      const cancelIndexing = await cancelLatency(app, id, 'indexing');
      const apply = await longestBlock(() => app.syncApply({ id, version: 1, allowRemovals: true }));
      // A second version applied, then the first restored from the history, as a desk going back would.
      coord.prepare("UPDATE service SET name = name || ' (renamed)' WHERE rowid % 100 = 0").run();
      publishFeed(coord, { keyPath: join(dir, 'publisher.key'), outDir: join(dir, 'feed'), expiresDays: 90 });
      await app.syncCheck({ id });
      await app.syncApply({ id, version: 2 });
      const restore = await longestBlock(async () => {
        const r = await app.syncRollback({ id, version: 1 });
        if (r.status !== 'applied') throw new Error(r.message);
      });

      const s = (ms: number) => Number((ms / 1000).toFixed(2));
      log(
        `${services} services: publish ${s(t1 - t0)} s, CLI sync ${s(t2 - t1)} s, up-to-date check ${s(t3 - t2)} s; ` +
          `app check ${s(check.ms)} s (longest block ${Math.round(check.worst)} ms), app apply ${s(apply.ms)} s (longest block ${Math.round(apply.worst)} ms), ` +
          `restore of the first version ${s(restore.ms)} s (longest block ${Math.round(restore.worst)} ms); ` +
          `a cancel halfway took ${Math.round(cancelWriting)} ms to stop the write, ${Math.round(cancelIndexing)} ms the index build`,
      );
      rows.push({
        services,
        publish_seconds: s(t1 - t0),
        sync_seconds: s(t2 - t1),
        recheck_ms: Math.round(t3 - t2),
        app_check_seconds: s(check.ms),
        app_check_longest_block_ms: Math.round(check.worst),
        app_apply_seconds: s(apply.ms),
        app_apply_longest_block_ms: Math.round(apply.worst),
        app_restore_seconds: s(restore.ms),
        app_restore_longest_block_ms: Math.round(restore.worst),
        longest_block_ms: Math.round(Math.max(check.worst, apply.worst, restore.worst)),
        app_cancel_applying_ms: Math.round(cancelWriting),
        app_cancel_indexing_ms: Math.round(cancelIndexing),
      });
    } finally {
      await server.close();
      coord.close();
      desk.close();
      appDesk.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
