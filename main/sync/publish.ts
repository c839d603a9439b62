import { createPublicKey } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadDb } from '../db/open';
import { exportDatapackage } from '../hsds/export/export-datapackage';
import { fingerprint, loadPrivateKey, pinOf } from './keys';
import { DATASET_ID_MAX, manifestBytes, sha256, signManifest, type Manifest } from './manifest';
import { SyncError } from './sync-error';

export interface PublishOptions {
  keyPath: string;
  outDir: string;
  expiresDays: number;
  now?: Date;
}

export interface PublishResult {
  datasetId: string;
  version: number;
  expires: string;
  files: string[];
  fingerprint: string;
}

/** Ten years: past that a date no longer fits a manifest, and a feed that never expires could be held back for ever. */
const MAX_EXPIRES_DAYS = 3650;

/**
 * Writes the installed directory as a feed: the data under `v<version>/` (so a cache can never mix files
 * of two versions), then manifest.json and manifest.sig. The version is one more than the manifest
 * already in DIR and the dataset id stays the one it names, so publishing into the same folder each
 * time keeps the feed one rising series.
 */
export function publishFeed(db: ReadDb, options: PublishOptions): PublishResult {
  if (!(options.expiresDays > 0 && options.expiresDays <= MAX_EXPIRES_DAYS)) {
    throw new SyncError(`--expires-days must be a number of days above 0 and at most ${MAX_EXPIRES_DAYS} (ten years)${Number.isNaN(options.expiresDays) ? '' : `, not ${options.expiresDays}`}. Nothing was published.`);
  }
  const key = loadPrivateKey(options.keyPath);
  const installed = db.prepare('SELECT dataset_id FROM dataset_install ORDER BY id DESC LIMIT 1').get() as { dataset_id: string } | undefined;
  if (!installed) throw new SyncError('There is no directory installed to publish.');
  mkdirSync(options.outDir, { recursive: true });
  const previous = previousManifest(options.outDir);
  // The feed's identity outlives any one import: desks pinned it when they subscribed, and the
  // coordinator's next import may well come from a file with another name.
  const datasetId = previous?.dataset_id ?? installed.dataset_id;
  if (datasetId.length === 0 || datasetId.length > DATASET_ID_MAX) {
    throw new SyncError(`The dataset id "${datasetId.slice(0, 60)}" has ${datasetId.length} characters; a feed manifest carries 1 to ${DATASET_ID_MAX}. Nothing was published.`);
  }
  const version = (previous?.version ?? 0) + 1;
  const folder = `v${version}`;
  const staging = join(options.outDir, `.${folder}-staging`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging);
  const written = exportDatapackage(db, staging, { name: datasetId, version: String(version) });
  rmSync(join(options.outDir, folder), { recursive: true, force: true });
  renameSync(staging, join(options.outDir, folder));

  const now = options.now ?? new Date();
  const manifest: Manifest = {
    dataset_id: datasetId,
    version,
    created: now.toISOString(),
    expires: new Date(now.getTime() + options.expiresDays * 86_400_000).toISOString(),
    files: written.map((name) => {
      const bytes = readFileSync(join(options.outDir, folder, name));
      return { path: `${folder}/${name}`, sha256: sha256(bytes), length: bytes.length };
    }),
  };
  const bytes = manifestBytes(manifest);
  writeFileSync(join(options.outDir, 'manifest.sig.tmp'), signManifest(bytes, key));
  writeFileSync(join(options.outDir, 'manifest.json.tmp'), bytes);
  renameSync(join(options.outDir, 'manifest.sig.tmp'), join(options.outDir, 'manifest.sig'));
  renameSync(join(options.outDir, 'manifest.json.tmp'), join(options.outDir, 'manifest.json'));
  removeOldVersions(options.outDir, version);
  return { datasetId: manifest.dataset_id, version, expires: manifest.expires, files: manifest.files.map((f) => f.path), fingerprint: fingerprint(pinOf(createPublicKey(key))) };
}

function previousManifest(dir: string): Pick<Manifest, 'dataset_id' | 'version'> | null {
  const path = join(dir, 'manifest.json');
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  let m: Partial<Manifest> | null;
  try {
    m = JSON.parse(raw) as Partial<Manifest> | null;
  } catch {
    m = null;
  }
  if (typeof m?.dataset_id !== 'string' || !Number.isInteger(m.version)) throw new SyncError(`${path} is not a feed manifest. Nothing was published.`);
  // The next version must still be a whole number a manifest can carry, and be above this one.
  if (!(m.version! >= 0 && m.version! < Number.MAX_SAFE_INTEGER)) {
    throw new SyncError(`${path} names version ${m.version}, which no next version can follow (versions are whole numbers from 1 to ${Number.MAX_SAFE_INTEGER}). Nothing was published.`);
  }
  return { dataset_id: m.dataset_id, version: m.version! };
}

/** Keeps the previous version's folder too, for a desk that fetched the old manifest a moment ago. */
function removeOldVersions(dir: string, current: number): void {
  for (const name of readdirSync(dir)) {
    if (/^v\d+$/.test(name) && Number(name.slice(1)) < current - 1) rmSync(join(dir, name), { recursive: true, force: true });
  }
}
