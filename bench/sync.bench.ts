import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../main/db/open';
import { ensureStarterDirectory } from '../main/hsds/starter';
import { installDataset } from '../main/hsds/install-dataset';
import { generateKeyFiles } from '../main/sync/keys';
import { publishFeed } from '../main/sync/publish';
import { syncOnce } from '../main/sync/sync-once';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { startFeedServer } from '../main/test-support/feed-server';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));

/**
 * A coordinator publishing N synthetic services and a desk syncing them over HTTP on 127.0.0.1: publish
 * (export + hash + sign), then sync (conditional GET, verify, download within caps, hash, read, diff,
 * apply in one transaction), then a second sync answered by a 304.
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-sync-'));
    const coord = openDatabase(join(dir, 'coordinator.sqlite'));
    const desk = openDatabase(join(dir, 'desk', 'atlas.sqlite'));
    const server = await startFeedServer(join(dir, 'feed'));
    try {
      const { pin } = generateKeyFiles(join(dir, 'publisher.key'));
      installDataset(coord, syntheticDirectory(services), { datasetId: 'synthetic-bench', version: null, source: 'bench' });
      ensureStarterDirectory(desk, STARTER);
      const t0 = performance.now();
      publishFeed(coord, { keyPath: join(dir, 'publisher.key'), outDir: join(dir, 'feed'), expiresDays: 90 });
      const t1 = performance.now();
      const first = await syncOnce(desk, server.manifestUrl, pin, { feedsDir: join(dir, 'desk', 'feeds') });
      const t2 = performance.now();
      const second = await syncOnce(desk, server.manifestUrl, pin, { feedsDir: join(dir, 'desk', 'feeds') });
      const t3 = performance.now();
      if (!first.ok || !second.ok) throw new Error(first.error ?? second.error ?? 'sync failed');
      const s = (ms: number) => Number((ms / 1000).toFixed(2));
      log(`${services} services: publish ${s(t1 - t0)} s, sync ${s(t2 - t1)} s, up-to-date check ${s(t3 - t2)} s`);
      rows.push({ services, publish_seconds: s(t1 - t0), sync_seconds: s(t2 - t1), recheck_ms: Math.round(t3 - t2) });
    } finally {
      await server.close();
      coord.close();
      desk.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
