import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MapSetItems, MapTable, SearchResponse } from '../shared/domain';
import { pointsOfItems } from '../shared/map/map-points';
import { channelNames, type ChannelName } from '../shared/ipc-contract';
import { dispatch } from './dispatch';
import { openDatabase } from './db/open';
import { createHandlers } from './handlers';
import { exportDatapackage } from './hsds/export/export-datapackage';
import { exportHsdsJson } from './hsds/export/export-json';
import { flattenHsdsJson } from './hsds/read/flatten-json';
import { installDataset } from './hsds/install/install-dataset';
import { noDeskShell } from './desk/desk-shell';
import { generateKeyFiles } from './sync/keys';
import { publishFeed } from './sync/publish';
import { noSystemActions } from './system-actions';
import { tempDb } from './test-support/temp-db';

// The CLI as a user runs it: the built bin (npm test builds it first).
const BIN = resolve(__dirname, '..', 'bin', 'referral-atlas.cjs');

/**
 * The ways publishers flag a safe house: ours, and other taxonomies' terms that the id alone would not
 * give away. Each leaked street and point on every channel while only the id loc-confidential counted.
 */
const FOREIGN = { taxonomy_detail: { id: 'other-publisher-site-flags', name: 'Site flags', description: 'x' } };
const FLAGS: [label: string, linkType: string, term: Record<string, unknown>][] = [
  ['our own loc-confidential', 'location_flag', { id: 'loc-confidential', name: 'Confidential', description: 'x' }],
  ['a UUID term whose code is loc-confidential', 'site_flag', { id: '0b6c7d2e-51a4-4f0e-9c3d-8a2f1e6b4d90', code: 'loc-confidential', name: 'Site flag 4', description: 'x', ...FOREIGN }],
  ['code CONFIDENTIAL', 'site_flag', { id: '5e1f9a33-7c20-4b8e-a6d1-2f4c8b9e0a17', code: 'CONFIDENTIAL', name: 'Flag C', description: 'x', ...FOREIGN }],
  ['name "Confidential address"', 'site_flag', { id: 'c3a8e4f1-0d2b-4e6a-9f57-1b9d3c7e2a48', name: 'Confidential address', description: 'x', ...FOREIGN }],
  ['Spanish "Dirección confidencial"', 'atributo', { id: 'f7d2b6a9-3e41-4c08-b5a2-6e9c1d4f8b03', name: 'Dirección confidencial', description: 'x', ...FOREIGN }],
  ['"Undisclosed location"', 'site_flag', { id: '9a4e2c7b-6f13-4d85-8b0e-3c5a7f1d9e26', code: 'UL', name: 'Undisclosed location', description: 'x', ...FOREIGN }],
  ['upper case, accents dropped: "UBICACION CONFIDENCIAL"', 'site_flag', { id: 'site-flag-17', name: 'UBICACION CONFIDENCIAL', description: 'x', ...FOREIGN }],
  ['an accent where none belongs: "Confidéntial"', 'site_flag', { id: 'site-flag-18', code: 'Confidéntial', name: 'Flag', description: 'x', ...FOREIGN }],
];

// A safe house and a public office of the same organization, and an intake line at the safe house only.
// Digits chosen to be unmistakable.
const SECRET = { lat: 34.123457, lon: -118.345679, street: '742 Hidden Refuge Lane', postal: '90077' };
const location = (id: string, flag: [linkType: string, term: Record<string, unknown>] | null, lat: number, lon: number, street: string) => ({
  id,
  location_type: 'physical',
  latitude: lat,
  longitude: lon,
  addresses: [{ id: `${id}-a`, address_1: street, city: 'Los Angeles', state_province: 'CA', postal_code: SECRET.postal, country: 'US', address_type: 'physical' }],
  attributes: flag ? [{ id: `${id}-flag`, link_type: flag[0], taxonomy_term: flag[1] }] : [],
});
const directoryFlaggedBy = (linkType: string, term: Record<string, unknown>) => {
  const safeHouse = location('loc-secret', [linkType, term], SECRET.lat, SECRET.lon, SECRET.street);
  return [
    {
      id: 'svc-shelter',
      name: 'Emergency shelter for survivors',
      status: 'active',
      organization: { id: 'org-1', name: 'Shelter Org' },
      phones: [{ id: 'ph-1', number: '(555) 010-1234' }],
      service_at_locations: [
        { id: 'sal-secret', location: safeHouse },
        { id: 'sal-office', location: location('loc-office', null, 34.05, -118.25, '1 Public Plaza') },
      ],
    },
    {
      id: 'svc-intake',
      name: 'Shelter intake line',
      status: 'active',
      organization: { id: 'org-1', name: 'Shelter Org' },
      phones: [{ id: 'ph-2', number: '(555) 010-5678' }],
      service_at_locations: [{ id: 'sal-intake', location: safeHouse }],
    },
  ];
};

/** The same directory as a coordinator would import it, the safe house moved to another hidden street. */
const MOVED_STREET = '19 Quiet Harbor Court';
const updatedFrom = (directory: unknown) =>
  JSON.parse(JSON.stringify(directory).replaceAll(SECRET.street, MOVED_STREET).replaceAll(String(SECRET.lat), '34.223457')) as unknown;
const SECRETS = [String(SECRET.lat), String(SECRET.lon), '34.1234', '118.3456', '34.2234', SECRET.street, 'Hidden Refuge', MOVED_STREET, 'Quiet Harbor'];

/** Every file under a folder, as text. */
const filesUnder = (dir: string): [string, string][] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => [join(e.parentPath, e.name), readFileSync(join(e.parentPath, e.name), 'latin1')]);

/**
 * Plausible inputs for every channel, in contract order (an import job's id comes from importChoose).
 * A channel added without samples fails here, on purpose.
 */
const UUID = '00000000-0000-4000-8000-000000000000';
/** What earlier channels answered that later ones take: an import job, the map sets searches named, an index number. */
type Job = { id: string; sets: string[]; index: number };
const SAMPLES: Record<ChannelName, (job: Job) => unknown[]> = {
  info: () => [undefined],
  search: () => [
    { text: '' },
    { text: 'shelter' },
    { text: 'Los Angeles' },
    { text: 'hidden refuge' },
    { text: '', near: { zip: '90077' }, radiusKm: 5, sort: 'distance' },
    { text: 'shelter', near: { place: 'Los Angeles' } },
    { text: 'shelter', serves: { zip: '90077' }, age: 15, free: true, noIdNeeded: true, wheelchair: true },
  ],
  // The sets the searches above named (the last one and the first), and one never named.
  mapItems: (job) => [...job.sets.map((set) => ({ set })), { set: 'no-such-set' }],
  // The installed index's every point, and an index that is not installed.
  mapTable: (job) => [{ index: job.index }, { index: job.index + 1 }],
  mapServices: (job) => [{ index: job.index, refs: [0, 1, 2, 3] }, { index: job.index, serviceIds: ['svc-shelter', 'svc-intake'] }],
  geocode: () => [{ text: '90077' }, { text: 'Bel Air' }],
  serviceDetail: () => [{ id: 'svc-shelter' }],
  serviceAreaOutline: () => [{ id: 'svc-shelter' }],
  openExternal: () => [{ url: 'https://example.org/' }],
  copyText: () => [{ text: '(555) 010-1234' }],
  localRecord: () => [{ serviceId: 'svc-shelter' }],
  localSummaries: () => [{ serviceIds: ['svc-shelter', 'svc-other'] }],
  saveNote: () => [{ serviceId: 'svc-shelter', body: 'called, intake by phone only' }],
  markCall: () => [{ serviceId: 'svc-shelter', status: 'still_valid' }],
  unmarkCall: () => [{ serviceId: 'svc-shelter', markedAt: '2026-12-05T21:04:00.000Z' }],
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
  sourceList: () => [undefined],
  // A name no source has: removing the directory here would leave the channels after it nothing to show.
  sourceRemove: () => [{ name: 'no-such-source' }],
  // An address nothing answers on; pulling it would only wait out the retries, so the pull names no source.
  sourceAdd: () => [{ name: 'county-api', url: 'http://127.0.0.1:9/api', kind: 'hsds-api' }],
  sourcePull: () => [{ name: 'no-such-source' }],
  sourceProgress: () => [{ name: 'county-api' }],
  sourceCancel: () => [{ name: 'county-api' }],
  sourcePause: () => [{ name: 'county-api', paused: true }, { name: 'county-api', paused: false }],
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
  syncSetDeadline: () => [{ seconds: 600 }],
};

describe.each(FLAGS)('a safe house flagged by %s', (_label, linkType, term) => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('no channel, CLI search, export or published feed ever carries its coordinates, street address or a distance to it', { timeout: 60_000 }, async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const directory = directoryFlaggedBy(linkType, term);
    const { tables, problems } = flattenHsdsJson(directory);
    expect(problems).toEqual([]);
    installDataset(t.db, tables, { datasetId: 'test', version: '1', source: 'test' });
    const streetMap = join(t.dir, 'streets.pmtiles');
    writeFileSync(streetMap, 'PMTiles\u0003');
    const importFile = join(t.dir, 'update.json');
    writeFileSync(importFile, JSON.stringify(updatedFrom(directory)));
    const handlers = createHandlers(t.db, t.path, {
      ...noSystemActions,
      ...noDeskShell,
      chooseStreetMap: async () => streetMap,
      chooseImportPath: async () => importFile,
      openWriter: () => openDatabase(t.path),
    });

    const job: Job = { id: UUID, sets: [], index: 0 };
    const writes: string[] = [];
    let answered = 0;
    for (const channel of channelNames) {
      expect(SAMPLES[channel], `add sample inputs for the "${channel}" channel to this test`).toBeDefined();
      for (const input of SAMPLES[channel](job)) {
        const result = await dispatch(handlers, channel, input);
        if (channel === 'importChoose' && result.ok && result.value) job.id = (result.value as { jobId: string }).jobId;
        if (channel === 'search' && result.ok && 'map' in (result.value as object)) job.sets.push((result.value as SearchResponse).map.set);
        if (channel === 'mapItems' && result.ok && result.value) job.index = (result.value as MapSetItems).index;
        if (channel === 'importApply' && result.ok) writes.push(job.id);
        if (channel === 'importRollback' && result.ok) writes.push((result.value as { jobId: string }).jobId);
        const text = JSON.stringify(result, (_k, v: unknown) => (v instanceof Uint8Array ? new TextDecoder('latin1').decode(v) : v));
        for (const secret of SECRETS) expect(text, `${channel} ${JSON.stringify(input)}`).not.toContain(secret);
        if (result.ok) answered++;
      }
    }
    expect(answered).toBeGreaterThan(channelNames.length / 2);
    // The public office is still mapped: the check above is not passing because nothing is answered.
    const search = await dispatch(handlers, 'search', { text: 'shelter' });
    if (!search.ok) throw new Error(search.error);
    const items = await dispatch(handlers, 'mapItems', { set: (search.value as SearchResponse).map.set });
    if (!items.ok || !items.value) throw new Error('the set of the search just answered is not kept');
    const { index } = items.value as MapSetItems;
    const table = await dispatch(handlers, 'mapTable', { index });
    if (!table.ok || !table.value) throw new Error('the installed index has no table of points');
    // Every point the page can be sent is the public office's: the whole index's table, and this set's.
    expect([[...(table.value as MapTable).lat], [...(table.value as MapTable).lon]]).toEqual([[34.05], [-118.25]]);
    const { lat, lon, service } = pointsOfItems(table.value as MapTable, items.value as MapSetItems);
    expect([[...lat], [...lon]]).toEqual([[34.05], [-118.25]]);
    expect(await dispatch(handlers, 'mapServices', { index, refs: [...service] })).toMatchObject({ ok: true, value: [{ serviceId: 'svc-shelter' }] });
    // Measured from the safe house's own ZIP, the intake line has no distance: it is listed apart.
    const near = await dispatch(handlers, 'search', { text: '', near: { zip: SECRET.postal } });
    if (!near.ok) throw new Error(near.error);
    const nearValue = near.value as SearchResponse;
    expect(nearValue.results.map((c) => c.id)).toEqual(['svc-shelter']);
    expect(nearValue.virtual.results).toEqual([expect.objectContaining({ id: 'svc-intake', distanceKm: null })]);

    // What the imports and rollbacks above started has finished before the files are written.
    for (const jobId of writes) await expect.poll(async () => (await handlers.importStatus({ jobId })).state).not.toBe('applying');

    const cli = (...args: string[]) => {
      const r = spawnSync(process.execPath, [BIN, ...args, '--db', t.path], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout;
    };
    const outputs: [string, string][] = [
      ['search --near', cli('search', '--near', SECRET.postal)],
      ['search --near --json', cli('search', 'shelter', '--near', SECRET.postal, '--json')],
      ['HSDS JSON export', JSON.stringify(exportHsdsJson(t.db))],
    ];
    const jsonOut = JSON.parse(outputs[1]![1]) as { results: { id: string }[]; phone_and_online: { results: { id: string; distance_km: number | null }[] } };
    expect(jsonOut.phone_and_online.results).toEqual([expect.objectContaining({ id: 'svc-intake', distance_km: null })]);
    exportDatapackage(t.db, join(t.dir, 'datapackage'));
    const keyPath = join(t.dir, 'publisher.key');
    generateKeyFiles(keyPath);
    publishFeed(t.db, { keyPath, outDir: join(t.dir, 'feed'), expiresDays: 30 });
    const files = [...filesUnder(join(t.dir, 'datapackage')), ...filesUnder(join(t.dir, 'feed'))];
    expect(files.map(([path]) => path)).toEqual(expect.arrayContaining([expect.stringMatching(/datapackage.addresses\.csv$/), expect.stringMatching(/feed.v1.locations\.csv$/)]));
    for (const [what, text] of [...outputs, ...files]) {
      for (const secret of SECRETS) expect(text, what).not.toContain(secret);
    }
    // The office's street is in the files: the check above is not passing on empty files.
    expect(files.find(([path]) => path.endsWith('addresses.csv'))![1]).toContain('1 Public Plaza');
  });
});
