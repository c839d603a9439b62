import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { channelNames, type ChannelName } from '../shared/ipc-contract';
import { dispatch } from './dispatch';
import { openDatabase } from './db/open';
import { createHandlers } from './handlers';
import { flattenHsdsJson } from './hsds/read/flatten-json';
import { installDataset } from './hsds/install/install-dataset';
import { noDeskShell } from './desk/desk-shell';
import { noSystemActions } from './system-actions';
import { tempDb } from './test-support/temp-db';

// A safe house and a public office of the same organization. Digits chosen to be unmistakable.
const SECRET = { lat: 34.123457, lon: -118.345679, street: '742 Hidden Refuge Lane', postal: '90077' };
const location = (id: string, confidential: boolean, lat: number, lon: number, street: string) => ({
  id,
  location_type: 'physical',
  latitude: lat,
  longitude: lon,
  addresses: [{ id: `${id}-a`, address_1: street, city: 'Los Angeles', state_province: 'CA', postal_code: SECRET.postal, country: 'US', address_type: 'physical' }],
  attributes: confidential ? [{ id: `${id}-flag`, link_type: 'location_flag', taxonomy_term: { id: 'loc-confidential', name: 'Confidential', description: 'x' } }] : [],
});
const directory = [
  {
    id: 'svc-shelter',
    name: 'Emergency shelter for survivors',
    status: 'active',
    organization: { id: 'org-1', name: 'Shelter Org' },
    phones: [{ id: 'ph-1', number: '(555) 010-1234' }],
    service_at_locations: [
      { id: 'sal-secret', location: location('loc-secret', true, SECRET.lat, SECRET.lon, SECRET.street) },
      { id: 'sal-office', location: location('loc-office', false, 34.05, -118.25, '1 Public Plaza') },
    ],
  },
];

/** The same directory as a coordinator would import it, the safe house moved to another hidden street. */
const MOVED_STREET = '19 Quiet Harbor Court';
const updated = JSON.parse(JSON.stringify(directory).replace(SECRET.street, MOVED_STREET).replace(String(SECRET.lat), '34.223457')) as unknown;

/**
 * Plausible inputs for every channel, in contract order (an import job's id comes from importChoose).
 * A channel added without samples fails here, on purpose.
 */
const UUID = '00000000-0000-4000-8000-000000000000';
const SAMPLES: Record<ChannelName, (job: { id: string }) => unknown[]> = {
  info: () => [undefined],
  search: () => [
    { text: '' },
    { text: 'shelter' },
    { text: 'Los Angeles' },
    { text: 'hidden refuge' },
    { text: '', near: { zip: '90077' }, radiusKm: 5, sort: 'distance' },
    { text: 'shelter', near: { place: 'Los Angeles' } },
  ],
  geocode: () => [{ text: '90077' }, { text: 'Bel Air' }],
  serviceDetail: () => [{ id: 'svc-shelter' }],
  openExternal: () => [{ url: 'https://example.org/' }],
  copyText: () => [{ text: '(555) 010-1234' }],
  localRecord: () => [{ serviceId: 'svc-shelter' }],
  localSummaries: () => [{ serviceIds: ['svc-shelter', 'svc-other'] }],
  saveNote: () => [{ serviceId: 'svc-shelter', body: 'called, intake by phone only' }],
  markCall: () => [{ serviceId: 'svc-shelter', status: 'still_valid' }],
  exportCorrections: () => [undefined],
  settings: () => [undefined],
  setUiLanguage: () => [{ uiLanguage: 'es' }],
  saveReferralList: () => [{ serviceIds: ['svc-shelter'] }],
  savedReferralList: () => [undefined],
  saveReferralSheetPdf: () => [{ fileName: 'referral.pdf' }],
  hideWindow: () => [undefined],
  basemapBytes: () => [{ offset: 0, length: 16384 }],
  streetMapChoose: () => [undefined],
  streetMapCurrent: () => [undefined],
  streetMapBytes: () => [{ offset: 0, length: 16384 }],
  mapSettings: () => [undefined],
  setMapSettings: () => [{ onlineTiles: false, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' }],
  importChoose: () => [{ kind: 'file' }],
  importCheck: (job) => [{ jobId: job.id }],
  importApply: (job) => [{ jobId: job.id }],
  importStatus: (job) => [{ jobId: job.id }, { jobId: UUID }],
  importCancel: (job) => [{ jobId: job.id }],
  importPrevious: () => [undefined],
  importRollback: () => [undefined],
  // No feed is subscribed (the pin is not a key), so nothing here reaches the network.
  syncList: () => [undefined],
  syncFingerprint: () => [{ pin: 'not a key' }],
  syncSubscribe: () => [{ url: 'http://127.0.0.1:9/feed/manifest.json', pin: 'not a key' }],
  syncUnsubscribe: () => [{ id: 1 }],
  syncCheck: () => [{ id: 1 }],
  syncApply: () => [{ id: 1, version: 2 }],
  syncRollback: () => [{ id: 1, version: 1 }],
  syncProgress: () => [{ id: 1 }],
  syncCancel: () => [{ id: 1 }],
  syncSetPeriodic: () => [{ enabled: false }],
};

describe('confidential locations at the IPC boundary', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('no channel ever answers with a confidential location’s coordinates or street address', { timeout: 30_000 }, async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const { tables, problems } = flattenHsdsJson(directory);
    expect(problems).toEqual([]);
    installDataset(t.db, tables, { datasetId: 'test', version: '1', source: 'test' });
    const streetMap = join(t.dir, 'streets.pmtiles');
    writeFileSync(streetMap, 'PMTiles\u0003');
    const importFile = join(t.dir, 'update.json');
    writeFileSync(importFile, JSON.stringify(updated));
    const handlers = createHandlers(t.db, t.path, {
      ...noSystemActions,
      ...noDeskShell,
      chooseStreetMap: async () => streetMap,
      chooseImportPath: async () => importFile,
      openWriter: () => openDatabase(t.path),
    });

    const secrets = [String(SECRET.lat), String(SECRET.lon), '34.1234', '118.3456', '34.2234', SECRET.street, 'Hidden Refuge', MOVED_STREET, 'Quiet Harbor'];
    const job = { id: UUID };
    let answered = 0;
    for (const channel of channelNames) {
      expect(SAMPLES[channel], `add sample inputs for the "${channel}" channel to this test`).toBeDefined();
      for (const input of SAMPLES[channel](job)) {
        const result = await dispatch(handlers, channel, input);
        if (channel === 'importChoose' && result.ok && result.value) job.id = (result.value as { jobId: string }).jobId;
        const text = JSON.stringify(result, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v));
        for (const secret of secrets) expect(text, `${channel} ${JSON.stringify(input)}`).not.toContain(secret);
        if (result.ok) answered++;
      }
    }
    expect(answered).toBeGreaterThan(channelNames.length / 2);
    // The public office is still mapped: the check above is not passing because nothing is answered.
    const search = await dispatch(handlers, 'search', { text: 'shelter' });
    expect(search.ok && search.value).toMatchObject({ points: [{ serviceId: 'svc-shelter', locationId: 'loc-office', lat: 34.05, lon: -118.25 }] });
  });
});
