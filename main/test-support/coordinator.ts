import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { installDataset } from '../hsds/install/install-dataset';
import type { TableRows } from '../db/hsds-tables';
import { STARTER_DATASET_ID } from '../hsds/install/starter';
import { generateKeyFiles, loadPrivateKey } from '../sync/keys';
import { manifestBytes, sha256, signManifest, type Manifest } from '../sync/manifest';
import { publishFeed } from '../sync/publish';
import { startFeedServer, type FeedServer } from './feed-server';
import { STARTER_PATH, tempDb } from './temp-db';

/** The starter directory's rows, to edit into a new version. */
export const starterTables = (): TableRows => flattenHsdsJson(JSON.parse(readFileSync(STARTER_PATH, 'utf8'))).tables;

/** A synthetic service (marked so) under the first organization, for versions that add something. */
export function withSyntheticService(tables: TableRows, id: string, name: string): TableRows {
  const org = tables.organization[0]!.id;
  return { ...tables, service: [...tables.service, { id, organization_id: org, name: `${name} (synthetic test record)`, status: 'active' }] };
}

/** Drops a service and every row that hangs off it, as a coordinator deleting it would. */
export function withoutService(tables: TableRows, id: string): TableRows {
  const sals = new Set(tables.service_at_location.filter((r) => r.service_id === id).map((r) => r.id));
  const keep = (r: Record<string, unknown>) => r.id !== id && r.service_id !== id && r.link_id !== id && !sals.has(r.service_at_location_id as string);
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, t === 'organization' ? rows : rows.filter(keep)])) as TableRows;
}

/** A coordinator with a key pair, a database and a feed folder; `publish` installs rows and publishes them. */
export function coordinator() {
  const home = mkdtempSync(join(tmpdir(), 'atlas-coord-'));
  const keyPath = join(home, 'publisher.key');
  const { pin } = generateKeyFiles(keyPath);
  // No bundled directory beside: what a coordinator publishes is exactly the rows given.
  const t = tempDb();
  const feedDir = join(home, 'feed');
  return {
    pin,
    keyPath,
    feedDir,
    db: t.db as Db,
    publish(tables: TableRows, options: { now?: Date; expiresDays?: number; outDir?: string } = {}) {
      installDataset(t.db, tables, { datasetId: STARTER_DATASET_ID, version: null, source: 'test edit' });
      return publishFeed(t.db, { keyPath, outDir: options.outDir ?? feedDir, expiresDays: options.expiresDays ?? 90, now: options.now });
    },
    /** Signs whatever is in the feed folder now, as a compromised or careless publisher might. */
    resign() {
      const manifestPath = join(feedDir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      manifest.files = manifest.files.map((f) => {
        const bytes = readFileSync(join(feedDir, f.path));
        return { ...f, sha256: sha256(bytes), length: bytes.length };
      });
      const bytes = manifestBytes(manifest);
      writeFileSync(manifestPath, bytes);
      writeFileSync(join(feedDir, 'manifest.sig'), signManifest(bytes, loadPrivateKey(keyPath)));
    },
    cleanup() {
      t.cleanup();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** A coordinator that has published `tables`, its feed served on 127.0.0.1: where each sync test starts. */
export async function servedFeed(tables: TableRows): Promise<{ coord: ReturnType<typeof coordinator>; server: FeedServer }> {
  const coord = coordinator();
  coord.publish(tables);
  return { coord, server: await startFeedServer(coord.feedDir) };
}

export async function stopFeed({ coord, server }: { coord: ReturnType<typeof coordinator>; server: FeedServer }): Promise<void> {
  await server.close();
  coord.cleanup();
}
