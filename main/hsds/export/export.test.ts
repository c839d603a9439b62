import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test-support/fixtures';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { applyChecked, applyDataset, checkDataset } from '../install/apply';
import { exportDatapackage } from './export-datapackage';
import { exportHsdsJson } from './export-json';
import { fullSchemaValidator } from '../check/hsds-ajv';

describe('export', { timeout: 30_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const setup = () => {
    const t = tempDb();
    const dir = mkdtempSync(join(tmpdir(), 'atlas-export-'));
    cleanups.push(t.cleanup, () => rmSync(dir, { recursive: true, force: true }));
    return { db: t.db, dir };
  };

  it('writes HSDS JSON that passes the official 3.1 service schema (the spec example, imported and exported)', () => {
    const { db, dir } = setup();
    // The example repeats one phone in ten places and one location in two: every copy is corrected, or the copies disagree.
    const doc = JSON.parse(readFileSync(fixture('hsds3', 'service_full.json'), 'utf8').replaceAll('"\\"+44 1234 234567\\""', '"+44 1234 234567"').replaceAll('"latitude": 100', '"latitude": 51.5'));
    delete doc.attributes[0].taxonomy_term.parent_id;
    writeFileSync(join(dir, 'in.json'), JSON.stringify(doc));
    applyChecked(db, checkDataset(db, join(dir, 'in.json')));
    const services = exportHsdsJson(db);
    const validate = fullSchemaValidator('service.json');
    expect(services).toHaveLength(1);
    for (const s of services) expect(validate(s), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(services[0]!.service_at_locations).toHaveLength(1);
  });

  it('writes synthetic services that pass the official schema too', () => {
    const { db } = setup();
    applyDataset(db, syntheticDirectory(25), { datasetId: 's', version: '1', source: 'test' });
    const validate = fullSchemaValidator('service.json');
    for (const s of exportHsdsJson(db)) expect(validate(s), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('round-trips through a datapackage folder, a zipped datapackage and HSDS JSON with zero changes', () => {
    const { db, dir } = setup();
    applyDataset(db, syntheticDirectory(40), { datasetId: 's', version: '1', source: 'test' });
    exportDatapackage(db, join(dir, 'pkg'));
    // Compared with the source it came from: imported under its own name it would be a second source.
    const folder = checkDataset(db, join(dir, 'pkg'), { sourceName: 'test' }).report;
    expect(folder.errors).toEqual([]);
    expect(folder.diff?.identical).toBe(true);

    const files: Record<string, Uint8Array> = {};
    for (const f of ['datapackage.json', 'organizations.csv', 'services.csv', 'locations.csv', 'service_at_location.csv', 'addresses.csv', 'phones.csv', 'schedules.csv', 'languages.csv']) {
      files[f] = readFileSync(join(dir, 'pkg', f));
    }
    const descriptor = JSON.parse(readFileSync(join(dir, 'pkg', 'datapackage.json'), 'utf8'));
    descriptor.resources = descriptor.resources.filter((r: { path: string }) => r.path in files);
    files['datapackage.json'] = new TextEncoder().encode(JSON.stringify(descriptor));
    writeFileSync(join(dir, 'pkg.zip'), zipSync(files));
    expect(checkDataset(db, join(dir, 'pkg.zip'), { sourceName: 'test' }).report.diff?.identical).toBe(true);

    writeFileSync(join(dir, 'all.json'), JSON.stringify(exportHsdsJson(db)));
    const json = checkDataset(db, join(dir, 'all.json'), { sourceName: 'test' }).report;
    expect(json.errors).toEqual([]);
    expect(json.diff?.identical).toBe(true);
  });

  it('the 1.1 sample round-trips too, once imported', () => {
    const { db, dir } = setup();
    applyChecked(db, checkDataset(db, fixture('hsds11', 'all_resources')));
    exportDatapackage(db, join(dir, 'pkg'));
    const report = checkDataset(db, join(dir, 'pkg'), { sourceName: 'all_resources' }).report;
    expect(report.errors).toEqual([]);
    expect(report.diff).toMatchObject({ identical: true, added: [], removed: [], changed: [] });
  });

  it('never writes a confidential location\'s address or point', () => {
    const { db, dir } = setup();
    const t = syntheticDirectory(2);
    const safeHouse = t.location[0]!;
    t.taxonomy.push({ id: 'referral-atlas-vocabulary', name: 'Referral Atlas vocabulary', description: 'flags' });
    t.taxonomy_term.push({ id: 'loc-confidential', name: 'Confidential location', description: 'Confidential location', taxonomy_id: 'referral-atlas-vocabulary' });
    t.attribute.push({ id: 'conf-1', link_id: safeHouse.id, link_entity: 'location', link_type: 'location_flag', taxonomy_term_id: 'loc-confidential' });
    applyDataset(db, t, { datasetId: 's', version: '1', source: 'test' });
    exportDatapackage(db, join(dir, 'pkg'));
    const addresses = readFileSync(join(dir, 'pkg', 'addresses.csv'), 'utf8');
    const locations = readFileSync(join(dir, 'pkg', 'locations.csv'), 'utf8');
    const json = JSON.stringify(exportHsdsJson(db));
    for (const text of [addresses, locations, json]) {
      expect(text).not.toContain(String(t.address[0]!.address_1));
      expect(text).not.toMatch(new RegExp(`${String(safeHouse.latitude)}"?,"?${String(safeHouse.longitude)}`));
    }
    expect(addresses).toContain(String(t.address[1]!.address_1));
    const exported = exportHsdsJson(db) as { service_at_locations: { location: Record<string, unknown> }[] }[];
    expect(exported[0]!.service_at_locations[0]!.location).toMatchObject({ id: safeHouse.id, name: safeHouse.name });
    expect(exported[0]!.service_at_locations[0]!.location).not.toHaveProperty('latitude');
    expect(exported[0]!.service_at_locations[0]!.location).not.toHaveProperty('addresses');
    expect(exported[1]!.service_at_locations[0]!.location).toHaveProperty('latitude');
  });
});
