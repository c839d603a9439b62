import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom, syntheticService } from '../../../scripts/gen-synthetic-data';
import { offlineTables } from '../../geo/offline-tables';
import { fixture } from '../../test-support/fixtures';
import { tempDb } from '../../test-support/temp-db';
import { checkDataset } from '../install/apply';

const t = tempDb();
afterAll(() => t.cleanup());
const rng = seededRandom(3);
const file = join(t.dir, 'areas.json');
writeFileSync(
  file,
  JSON.stringify([
    syntheticService(0, rng, { areas: ['Fresno County', 'Atlantis'] }),
    syntheticService(1, rng, { areas: ['Atlantis', { squareDegrees: 0.2 }] }),
    syntheticService(2, rng, { areas: ['Condado de Fresno', 'Springfield County'] }),
  ]),
);

describe('service area names on import', () => {
  it('warns once per name the offline area table does not know, naming it, and still imports', () => {
    const { report } = checkDataset(t.db, file, { knownArea: offlineTables().knownArea });
    expect(report.ok).toBe(true);
    const areaWarnings = report.warnings.filter((w) => w.message.includes('service area'));
    expect(areaWarnings.map((w) => w.message)).toEqual([
      'service area "Atlantis" is not a place the offline area table knows; searches by place count it as "area not stated" (2 rows)',
      'service area "Springfield County" is not a place the offline area table knows; searches by place count it as "area not stated"',
    ]);
    expect(areaWarnings[0]).toMatchObject({ file: 'areas.json', field: expect.stringContaining('name') });
  });

  it('knows every area the real San Mateo County records name (counties and cities)', () => {
    const { report, tables } = checkDataset(t.db, fixture('ohana-sanmateo'), { knownArea: offlineTables().knownArea });
    expect(tables!.service_area.length).toBeGreaterThan(20);
    expect(report.warnings.filter((w) => w.message.includes('service area'))).toEqual([]);
  });
});
