import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../shared/import-types';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { exportDatapackage } from '../hsds/export/export-datapackage';
import { exportHsdsJson } from '../hsds/export/export-json';
import { derivedUuid } from '../hsds/export/uuid-ids';
import { flattenHsdsJson } from '../hsds/read/flatten-json';
import { readSourceTables } from '../sources/source-tables';
import { noDeskShell } from '../desk/desk-shell';
import { noSystemActions } from '../system-actions';
import { tempDb } from '../test-support/temp-db';
import { openDatabase } from './open';
import { unflaggedShelters } from './unflagged-shelters';

// Another publisher's directory: its own taxonomy, one DV shelter flagged its way, one not flagged at all.
const TAXONOMY = { id: 'county-211-taxonomy', name: 'County 211', description: 'x' };
const term = (id: string, name: string) => ({ id, code: id.toUpperCase(), name, description: name, taxonomy_detail: TAXONOMY });
const service = (id: string, name: string, category: ReturnType<typeof term> | null, location: Record<string, unknown>) => ({
  id,
  name,
  status: 'active',
  organization: { id: 'org-1', name: 'Valley Family Services (SYNTHETIC)' },
  phones: [{ id: `${id}-ph`, number: '(555) 010-2000' }],
  attributes: category ? [{ id: `${id}-cat`, link_type: 'category', taxonomy_term: category }] : [],
  service_at_locations: [{ id: `${id}-sal`, location }],
});
const site = (id: string, street: string, latitude: number, flag: ReturnType<typeof term> | null = null) => ({
  id,
  location_type: 'physical',
  latitude,
  longitude: -119.781234,
  addresses: [{ id: `${id}-a`, address_1: street, city: 'Fresno', state_province: 'CA', postal_code: '93701', country: 'US', address_type: 'physical' }],
  attributes: flag ? [{ id: `${id}-flag`, link_type: 'site', taxonomy_term: flag }] : [],
});
const DV = term('bh-1800.1500-100', 'Domestic Violence Shelters');
const STREET = '88 Unmarked Orchard Way';
const directory = [
  service('svc-dv', 'Valley DV Shelter (SYNTHETIC)', DV, site('loc-dv', STREET, 36.741234)),
  service('svc-flagged', 'Second Valley Shelter (SYNTHETIC)', DV, site('loc-flagged', '5 Flagged Lane', 36.7, term('site-undisclosed', 'Undisclosed address'))),
  service('svc-legal', 'Valley Legal Aid (SYNTHETIC)', term('fl-legal', 'Legal aid'), site('loc-legal', '1 Court Street', 36.75)),
];

describe('shelter sites without a confidential flag', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('are found by any taxonomy\'s shelter category, by code or name, and flagged sites are left alone', () => {
    const { tables } = flattenHsdsJson(directory);
    expect(unflaggedShelters(tables)).toEqual([{ locationId: 'loc-dv', services: ['Valley DV Shelter (SYNTHETIC)'], place: `${STREET}, Fresno` }]);
    // Our own category, and a Spanish safe-house term with no street: its point is what would be shown.
    const ours = flattenHsdsJson([
      service('svc-a', 'A (SYNTHETIC)', { ...term('cat-emergency-shelter', 'Emergency shelter'), taxonomy_detail: { id: 'referral-atlas-vocabulary', name: 'v', description: 'v' } }, site('loc-a', '2 Plain St', 36.8)),
      service('svc-b', 'B (SYNTHETIC)', term('t-9', 'Casa de seguridad'), { id: 'loc-b', location_type: 'physical', latitude: 36.5, longitude: -119.5 }),
    ]).tables;
    expect(unflaggedShelters(ours).map((s) => [s.locationId, s.place])).toEqual([['loc-a', '2 Plain St, Fresno'], ['loc-b', '36.5, -119.5']]);
  });

  it('are listed by the import check; marked confidential on apply, they leave no street or point in either export', { timeout: 30_000 }, async () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'county.json');
    writeFileSync(file, JSON.stringify(directory));
    const handlers = createHandlers(t.db, t.path, { ...noSystemActions, ...noDeskShell, chooseImportPath: async () => file, openWriter: () => openDatabase(t.path) });
    const chosen = await dispatch(handlers, 'importChoose', { kind: 'file' });
    const jobId = (chosen.ok && (chosen.value as { jobId: string }).jobId) as string;
    const checked = await dispatch(handlers, 'importCheck', { jobId });
    expect(checked.ok && (checked.value as ImportReport).unflaggedShelters).toEqual([{ locationId: 'loc-dv', services: ['Valley DV Shelter (SYNTHETIC)'], place: `${STREET}, Fresno` }]);

    // Only a site the check pointed out can be marked: anything else is refused and nothing is written.
    const refused = await dispatch(handlers, 'importApply', { jobId, markConfidential: ['loc-legal'] });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining('"loc-legal"') });
    expect((await handlers.importStatus({ jobId })).state).toBe('ready');

    const started = await dispatch(handlers, 'importApply', { jobId, markConfidential: ['loc-dv'], allowRemovals: true });
    expect(started.ok).toBe(true);
    await expect.poll(async () => (await handlers.importStatus({ jobId })).state).toBe('applied');

    // Beside the bundled directory, the county's ids carry its name.
    const detail = await dispatch(handlers, 'serviceDetail', { id: 'county.json/svc-dv' });
    expect(detail.ok && detail.value).toMatchObject({ locations: [{ confidential: true, address: null, latitude: null }] });
    exportDatapackage(t.db, join(t.dir, 'pkg'));
    const json = JSON.stringify(exportHsdsJson(t.db));
    for (const text of [json, readFileSync(join(t.dir, 'pkg', 'addresses.csv'), 'utf8'), readFileSync(join(t.dir, 'pkg', 'locations.csv'), 'utf8')]) {
      expect(text).not.toContain(STREET);
      expect(text).not.toContain('36.741234');
    }
    expect(json).toContain('1 Court Street');
    // The flag itself travels with the data: a desk syncing the export or a feed hides the site too.
    // (Ids that are not UUIDs leave as UUIDs derived from them.)
    const [site, flag] = [derivedUuid('location', 'county.json/loc-dv'), derivedUuid('taxonomy_term', 'loc-confidential')];
    expect(readFileSync(join(t.dir, 'pkg', 'attributes.csv'), 'utf8')).toMatch(new RegExp(`${site}.*${flag}|${flag}.*${site}`));
    const reimported = readSourceTables(t.db, 'county.json');
    expect(unflaggedShelters(reimported)).toEqual([]);
  });
});
