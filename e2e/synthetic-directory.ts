import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticPoints } from '../main/test-support/synthetic-points';
import { openDatabase, type Db } from '../main/db/open';
import { generateSynthetic } from '../scripts/gen-synthetic-data';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { installDataset } from '../main/hsds/install/install-dataset';

/**
 * Installs a SYNTHETIC directory of `count` services (every name says so) at synthetic points around
 * California's towns, replacing the starter directory. For map tests at scale only.
 */
export function installSyntheticDirectory(db: Db, count: number): void {
  const services = syntheticPoints(count).map((p, i) => ({
    id: `synthetic-svc-${i}`,
    name: `Synthetic service ${i}`,
    description: 'SYNTHETIC record generated for testing; not a real service.',
    status: 'active',
    organization: { id: `synthetic-org-${i % 500}`, name: `Synthetic organization ${i % 500}` },
    service_at_locations: [
      {
        id: `synthetic-sal-${i}`,
        location: {
          id: `synthetic-loc-${i}`,
          location_type: 'physical',
          latitude: p.lat,
          longitude: p.lon,
          attributes: p.approximate ? [{ id: `synthetic-approx-${i}`, link_type: 'location_flag', taxonomy_term: { id: 'loc-approximate', name: 'Approximate', description: 'x' } }] : [],
        },
      },
    ],
  }));
  const { tables, problems } = flattenHsdsJson(services);
  if (problems.length > 0) throw new Error(`synthetic directory: ${problems[0]!.path}: ${problems[0]!.message}`);
  installDataset(db, tables, { datasetId: 'synthetic', version: String(count), source: 'synthetic (e2e/synthetic-directory.ts)', sourceName: 'bundled' });
}

/**
 * A database file holding a SYNTHETIC directory of `count` generated services (scripts/gen-synthetic-data.ts:
 * names, organizations and phones all say so), installed once for a test file; each launchApp({ database })
 * starts from a copy.
 */
export function syntheticDatabase(count: number): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-synthetic-'));
  const path = join(dir, 'synthetic.sqlite');
  const db = openDatabase(path);
  installDataset(db, flattenHsdsJson(generateSynthetic(count)).tables, { datasetId: 'synthetic', version: String(count), source: 'synthetic (scripts/gen-synthetic-data.ts)' });
  db.close();
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
