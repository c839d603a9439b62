import { syntheticPoints } from '../main/test-support/synthetic-points';
import type { Db } from '../main/db/open';
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
  installDataset(db, tables, { datasetId: 'synthetic', version: String(count), source: 'synthetic (e2e/synthetic-directory.ts)' });
}
