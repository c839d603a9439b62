import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { coordinator, starterTables } from '../test-support/coordinator';
import { installDataset } from '../hsds/install/install-dataset';
import { parsePin } from './keys';
import { openSignedManifest, sha256 } from './manifest';
import { publishFeed } from './publish';

describe('publish a feed', () => {
  const coord = coordinator();
  afterAll(() => coord.cleanup());

  it('writes a signed manifest listing every file with its hash and length, expiring after the given days', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const r = coord.publish(starterTables(), { now, expiresDays: 30 });
    const m = openSignedManifest(readFileSync(join(coord.feedDir, 'manifest.json')), readFileSync(join(coord.feedDir, 'manifest.sig')), parsePin(coord.pin));
    expect(m).toMatchObject({ dataset_id: 'referral-atlas-starter-california', version: 1, created: now.toISOString(), expires: '2026-12-23T12:00:00.000Z' });
    expect(r.files).toEqual(m.files.map((f) => f.path));
    for (const f of m.files) {
      const bytes = readFileSync(join(coord.feedDir, f.path));
      expect({ sha256: sha256(bytes), length: bytes.length }).toEqual({ sha256: f.sha256, length: f.length });
    }
  });

  it('raises the version by one each time and keeps only the current and previous data folders', () => {
    coord.publish(starterTables());
    expect(coord.publish(starterTables()).version).toBe(3);
    expect(readdirSync(coord.feedDir).filter((n) => n.startsWith('v')).sort()).toEqual(['v2', 'v3']);
  });

  it("keeps the feed's dataset id when the coordinator installs a directory under another name", () => {
    installDataset(coord.db, starterTables(), { datasetId: 'regional-directory-2027.zip', version: null, source: 'import' });
    publishFeed(coord.db, { keyPath: coord.keyPath, outDir: coord.feedDir, expiresDays: 90 });
    const m = JSON.parse(readFileSync(join(coord.feedDir, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ dataset_id: 'referral-atlas-starter-california', version: 4 });
  });
});
