import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test-support/fixtures';
import { runSteps } from '../../jobs/steps';
import { MAX_JSON_DEPTH, readDataset, readHsdsDocumentSteps } from './read-dataset';
import { validateDataset } from '../check/validate';

const check = (path: string) => {
  const read = readDataset(path);
  const problems = [...read.problems, ...validateDataset(read.tables, read.origins)];
  return { read, errors: problems.filter((p) => p.level === 'error'), warnings: problems.filter((p) => p.level === 'warning') };
};

describe('reading the real sample datasets', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reports exactly the three real defects in the HSDS 3.1 service_full.json example, by path', () => {
    const { read, errors } = check(fixture('hsds3', 'service_full.json'));
    expect(read.format).toBe('hsds-json');
    expect(errors.map((e) => [e.file, e.row, e.field, e.message])).toEqual([
      ['service_full.json', 1, '$.attributes[0].taxonomy_term.parent_id', 'points to taxonomy_term "0bc248fa-dc27-4650-9ba4-8f1a24ef16a2", which is not in the dataset'],
      ['service_full.json', 1, '$.service_at_locations[0].location.latitude', '100 is not a latitude (-90 to 90)'],
      ['service_full.json', 1, '$.phones[0].number', '""+44 1234 234567"" is not a phone number (only digits, spaces and + ( ) - . are expected)'],
    ]);
  });

  it('maps every nested table of service_full.json once those three values are corrected', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-fix-'));
    dirs.push(dir);
    // The example repeats one phone in ten places and one location in two: every copy is corrected, or the copies disagree.
    const doc = JSON.parse(readFileSync(fixture('hsds3', 'service_full.json'), 'utf8').replaceAll('"\\"+44 1234 234567\\""', '"+44 1234 234567"').replaceAll('"latitude": 100', '"latitude": 51.5'));
    delete doc.attributes[0].taxonomy_term.parent_id;
    writeFileSync(join(dir, 'service.json'), JSON.stringify(doc));
    const { read, errors } = check(join(dir, 'service.json'));
    expect(errors).toEqual([]);
    for (const t of ['organization', 'program', 'location', 'address', 'phone', 'schedule', 'language', 'service_area', 'attribute', 'taxonomy_term', 'taxonomy', 'cost_option', 'service_capacity', 'unit', 'url', 'metadata'] as const) {
      expect(read.tables[t].length, t).toBeGreaterThan(0);
    }
  });

  it('reads the API page form (service_list.json), taking the program\'s organization from its service', () => {
    const { read, errors } = check(fixture('hsds3', 'service_list.json'));
    expect(read.tables.service).toHaveLength(1);
    expect(read.tables.program[0]!.organization_id).toBe(read.tables.service[0]!.organization_id);
    expect(errors.map((e) => e.message)).not.toContain('is required');
  });

  it('names the dangling references of the 3.1 example datapackage (its rows are unrelated one-offs)', () => {
    const { read, errors } = check(fixture('hsds3', 'datapackage'));
    expect(read.format).toBe('hsds-datapackage');
    expect(errors).toContainEqual(
      expect.objectContaining({ file: 'locations.csv', row: 2, field: 'organization_id', message: expect.stringContaining('not in the dataset') }),
    );
    expect(read.tables.service_capacity).toHaveLength(1);
  });

  it('imports the HSDS 1.1 datapackage with its old table names mapped, and no errors', () => {
    const { read, errors, warnings } = check(fixture('hsds11', 'all_resources'));
    expect(read.format).toBe('hsds-legacy-datapackage');
    expect(errors).toEqual([]);
    expect(read.tables.service).toHaveLength(13);
    expect(read.tables.service_at_location).toHaveLength(13);
    expect(read.tables.location.every((l) => l.location_type === 'physical')).toBe(true);
    expect(read.tables.address.map((a) => a.address_type).sort()).toEqual(['physical', 'postal']);
    expect(read.tables.schedule.find((s) => s.freq === 'WEEKLY')).toMatchObject({ byday: 'MO', opens_at: '09:00:00' });
    expect(read.tables.language.filter((l) => l.phone_id === '3733e828-58e5-4ff5-9dc6-ae24f92a0f56').map((l) => l.code)).toEqual(['en', 'es']);
    expect(read.tables.organization[0]!.website).toBe('http://example.com');
    expect(warnings).toContainEqual(expect.objectContaining({ file: 'organizations.csv', field: 'tax_status, tax_id' }));
  });

  it('imports the San Mateo Ohana CSVs: languages by name, messy hours normalised, placeholder dates skipped with a warning', () => {
    const { read, errors, warnings } = check(fixture('ohana-sanmateo'));
    expect(read.format).toBe('ohana-csv');
    expect(errors).toEqual([]);
    expect(read.tables.service).toHaveLength(23);
    expect(read.tables.location).toHaveLength(22);
    const fairOaks = read.tables.language.filter((l) => l.location_id === '1').map((l) => l.code);
    expect(fairOaks).toEqual(['es', 'tl']);
    expect(read.tables.schedule.every((s) => s.opens_at == null || /^\d\d:\d\d$/.test(String(s.opens_at)))).toBe(true);
    expect(warnings).toContainEqual(expect.objectContaining({ file: 'holiday_schedules.csv', row: 2, field: 'start_date' }));
  });

  it('names the file and row of each problem in a datapackage, two files of one table among them, and keeps each value as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-rows-'));
    dirs.push(dir);
    const resources = [['organization', 'organizations.csv'], ['service', 'services.csv'], ['service', 'more-services.csv']];
    writeFileSync(join(dir, 'datapackage.json'), JSON.stringify({ name: 'rows', resources: resources.map(([name, path]) => ({ name, path })) }));
    writeFileSync(join(dir, 'organizations.csv'), 'id,name,description\no1,SYNTHETIC Org,x\n');
    // A record over two lines and a blank line: rows are records, the header row 1.
    writeFileSync(join(dir, 'services.csv'), [
      'id,organization_id,name,alternate_name,status,minimum_age,description',
      's1,o1,SYNTHETIC One,"",active,18,"two',
      'lines"',
      '',
      'URN:UUID:0A1B2C3D-0000-4000-8000-00000000000F,o1,SYNTHETIC Two,,active,18,',
      's3,o1,SYNTHETIC Three,,bogus,18.5,',
    ].join('\r\n'));
    writeFileSync(join(dir, 'more-services.csv'), 'id,organization_id,name,status\ns4,o1,SYNTHETIC Four,active\ns5,o9,SYNTHETIC Five,active\ns4,o1,SYNTHETIC Four again,active\ns1,o1,SYNTHETIC One again,active\n');
    const { read, errors, warnings } = check(dir);
    expect(errors).toEqual([
      expect.objectContaining({ file: 'services.csv', row: 4, field: 'status', message: expect.stringContaining('must be one of') }),
      { file: 'more-services.csv', row: 4, field: 'id', message: 'duplicate service id "s4" (first used in more-services.csv row 2)', level: 'error' },
      { file: 'more-services.csv', row: 5, field: 'id', message: 'duplicate service id "s1" (first used in services.csv row 2)', level: 'error' },
      { file: 'more-services.csv', row: 3, field: 'organization_id', message: 'points to organization "o9", which is not in the dataset', level: 'error' },
    ]);
    // A UUID in capitals after "urn:uuid:" is one; a source's own ids are warned about once per file, with a count.
    expect(warnings.filter((w) => w.field === 'id').map(({ file, row, message }) => ({ file, row, message }))).toEqual([
      { file: 'organizations.csv', row: 2, message: 'is not a valid uuid' },
      { file: 'services.csv', row: 2, message: 'is not a valid uuid (and 1 more row(s) like it)' },
      { file: 'more-services.csv', row: 2, message: 'is not a valid uuid (and 3 more row(s) like it)' },
    ]);
    expect(read.tables.service.map((s) => [s.id, s.organization_id, s.alternate_name, s.minimum_age, s.description])).toEqual([
      ['s1', 'o1', '', 18, 'two\r\nlines'],
      ['URN:UUID:0A1B2C3D-0000-4000-8000-00000000000F', 'o1', null, 18, null],
      ['s3', 'o1', null, 18.5, null],
      ['s4', 'o1', undefined, undefined, undefined],
      ['s5', 'o9', undefined, undefined, undefined],
      ['s4', 'o1', undefined, undefined, undefined],
      ['s1', 'o1', undefined, undefined, undefined],
    ]);
  });

  it('reads a datapackage from a .zip the same as from its folder', async () => {
    const { zipSync } = await import('fflate');
    const dir = mkdtempSync(join(tmpdir(), 'atlas-zip-'));
    dirs.push(dir);
    const folder = fixture('hsds11', 'all_resources');
    const files: Record<string, Uint8Array> = {};
    for (const f of ['datapackage.json', 'organizations.csv', 'services.csv', 'locations.csv', 'services_at_location.csv', 'phones.csv']) files[`pkg/${f}`] = readFileSync(join(folder, f));
    writeFileSync(join(dir, 'pkg.zip'), zipSync(files));
    const fromZip = readDataset(join(dir, 'pkg.zip'));
    expect(fromZip.tables.service).toHaveLength(13);
    expect(fromZip.problems.filter((p) => p.level === 'error').map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('is not in the package')]),
    );
  });

  it('guesses a spreadsheet\'s column mapping from its headers and uses a saved one over the guess', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-csv-'));
    dirs.push(dir);
    const path = join(dir, 'coalition.csv');
    writeFileSync(path, 'Organization,Service Name,Phone,Street Address,City,State,ZIP,Languages,Notes\nSYNTHETIC Org,SYNTHETIC Shelter,555-0100,1 Main St,Fresno,CA,93701,"Spanish, English",x\n');
    const guessed = readDataset(path);
    expect(guessed.mapping).toEqual({
      Organization: 'organization.name', 'Service Name': 'service.name', Phone: 'phone.number', 'Street Address': 'address.address_1',
      City: 'address.city', State: 'address.state_province', ZIP: 'address.postal_code', Languages: 'language.names', Notes: null,
    });
    expect(validateDataset(guessed.tables, guessed.origins).filter((p) => p.level === 'error')).toEqual([]);
    expect(guessed.tables.language.map((l) => l.code)).toEqual(['es', 'en']);
    const edited = readDataset(path, { mapping: { ...guessed.mapping, Notes: 'service.description' } });
    expect(edited.tables.service[0]!.description).toBe('x');
    copyFileSync(path, join(dir, 'again.csv'));
    expect(readDataset(join(dir, 'again.csv')).tables.service[0]!.id).toBe(guessed.tables.service[0]!.id);
  });
});

describe('the depth limit of a document already in memory', () => {
  /** Objects nested `levels` deep, ending in a plain value. */
  const chain = (levels: number): Record<string, unknown> => (levels === 0 ? { end: true } : { next: chain(levels - 1) });
  const read = (doc: unknown) => () => runSteps(readHsdsDocumentSteps(doc, 'services.json'));

  it('refuses one object shared by two services when it sits too deep under either, whichever is met first', () => {
    const shared = chain(MAX_JSON_DEPTH - 4);
    const shallow = { id: 's1', name: 'SYNTHETIC One', extra: shared };
    const deep = { id: 's2', name: 'SYNTHETIC Two', extra: { a: { b: { c: shared } } } };
    expect(read([shallow, { id: 's3', name: 'SYNTHETIC Three', extra: shared }])).not.toThrow();
    for (const doc of [[shallow, deep], [deep, shallow]]) expect(read(doc)).toThrow(`is nested more than ${MAX_JSON_DEPTH} levels deep`);
  });
});
