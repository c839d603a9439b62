import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDesk } from '../test-support/cli-import';
import { fixture } from '../test-support/fixtures';

// Records that would otherwise come in silently wrong (a phone taken from a service, a list read as
// nothing, an invisible control character), fed to the built CLI: each is an error naming the file, the
// record and the field, and the database is left as it was.
const desk = cliDesk('atlas-records-');
const { dir, cli, importRefused } = desk;

const uuid = (n: number) => `a1b2c3d4-0000-4000-8000-${String(n).padStart(12, '0')}`;
const service = (n: number, extra: Record<string, unknown> = {}) => ({
  id: uuid(n),
  name: `SYNTHETIC service ${n}`,
  status: 'active',
  organization: { id: uuid(900), name: 'SYNTHETIC Org', description: 'synthetic' },
  ...extra,
});
const jsonFile = (name: string, doc: unknown) => {
  writeFileSync(join(dir, name), JSON.stringify(doc));
  return join(dir, name);
};
const phone = (number: string) => ({ id: uuid(500), number, type: 'voice' });

beforeAll(() => {
  expect(cli('info').status).toBe(0);
}, 60_000);
afterAll(() => desk.cleanup());

describe('one id, two different records', { timeout: 60_000 }, () => {
  it('a phone id under two services with different numbers names both places', () => {
    const path = jsonFile('phone-twice.json', [service(1, { phones: [phone('555-0100')] }), service(2, { phones: [phone('555-0199')] })]);
    expect(importRefused(path).errors).toEqual([{
      file: 'phone-twice.json', row: 2, field: '$[1].phones[0]',
      message: `phone id "${uuid(500)}" is used for two different records: number is "555-0100" at $[0].phones[0] and "555-0199" here; give each its own id`,
    }]);
  });

  it('a phone id under two services, even with one number: the second service would lose its phone', () => {
    const path = jsonFile('phone-shared.json', [service(1, { phones: [phone('555-0100')] }), service(2, { phones: [phone('555-0100')] })]);
    expect(importRefused(path).errors[0]).toMatchObject({ field: '$[1].phones[0]', message: expect.stringContaining(`service_id is "${uuid(1)}" at $[0].phones[0] and "${uuid(2)}" here`) });
  });

  it('an organization id with two names', () => {
    const other = { id: uuid(900), name: 'SYNTHETIC Other Org', description: 'synthetic' };
    const path = jsonFile('org-twice.json', [service(1), service(2, { organization: other })]);
    expect(importRefused(path).errors).toEqual([{
      file: 'org-twice.json', row: 2, field: '$[1].organization',
      message: `organization id "${uuid(900)}" is used for two different records: name is "SYNTHETIC Org" at $[0].organization and "SYNTHETIC Other Org" here; give each its own id`,
    }]);
  });

  it('identical copies, and a shorter copy of a record given in full elsewhere, are fine', () => {
    const location = { id: uuid(700), name: 'SYNTHETIC Place', location_type: 'physical', latitude: 36.7, longitude: -119.8 };
    const path = jsonFile('same-twice.json', [
      service(1, { service_at_locations: [{ id: uuid(601), location }] }),
      service(2, { service_at_locations: [{ id: uuid(602), location: { id: uuid(700), name: 'SYNTHETIC Place' } }] }),
    ]);
    const r = cli('validate', path);
    expect(r.status, r.stdout).toBe(0);
  });
});

describe('wrong shapes are named, not read as nothing', { timeout: 60_000 }, () => {
  it('phones as text, service_at_locations as one object, attributes as a number', () => {
    const path = jsonFile('shapes.json', [
      service(1, { phones: 'call us' }),
      service(2, { service_at_locations: { id: uuid(601), location: { id: uuid(700), name: 'SYNTHETIC Place' } } }),
      service(3, { attributes: 5 }),
    ]);
    expect(importRefused(path).errors).toEqual([
      { file: 'shapes.json', row: 1, field: '$[0].phones', message: 'must be a list of phone objects, not "call us"' },
      { file: 'shapes.json', row: 2, field: '$[1].service_at_locations', message: 'must be a list of service_at_location objects, not an object' },
      { file: 'shapes.json', row: 3, field: '$[2].attributes', message: 'must be a list of attribute objects, not 5' },
    ]);
  });

  it('a list or an object where the schema wants text', () => {
    const path = jsonFile('scalar-shapes.json', [service(1, { status: ['x'] }), service(2, { name: { en: 'SYNTHETIC' } })]);
    const { errors } = importRefused(path);
    expect(errors).toEqual([
      { file: 'scalar-shapes.json', row: 1, field: '$[0].status', message: expect.stringMatching(/^must be one of: active, inactive, defunct/) },
      { file: 'scalar-shapes.json', row: 2, field: '$[1].name', message: 'must be a string' },
    ]);
  });
});

describe('text that is too long or not text', { timeout: 60_000 }, () => {
  it('a JSON field over 1,000,000 characters, as a CSV one already is', () => {
    const path = jsonFile('long.json', [service(1, { description: 'a'.repeat(1_000_001) })]);
    expect(importRefused(path).errors).toEqual([{ file: 'long.json', row: 1, field: '$[0].description', message: 'is longer than 1,000,000 characters' }]);
  });

  it('NUL and other control characters, in JSON, a spreadsheet and a datapackage', () => {
    const json = jsonFile('nul.json', [service(1, { name: 'SYNT\u0000HETIC' }), service(2, { description: 'bell \u0007' }), service(3, { alternate_name: 'x\u0085' })]);
    expect(importRefused(json).errors).toEqual([
      { file: 'nul.json', row: 1, field: '$[0].name', message: 'contains a control character (U+0000) at position 5; only printable text, tabs and line breaks are accepted' },
      { file: 'nul.json', row: 2, field: '$[1].description', message: expect.stringContaining('(U+0007)') },
      { file: 'nul.json', row: 3, field: '$[2].alternate_name', message: expect.stringContaining('(U+0085)') },
    ]);
    const sheet = join(dir, 'control.csv');
    writeFileSync(sheet, 'Organization,Service Name\nSYNTHETIC Org,Shelter\nSYNTHETIC Org,Esc\u001bape\n');
    expect(importRefused(sheet).errors).toEqual([{ file: 'control.csv', row: 3, field: 'name', message: expect.stringContaining('(U+001B) at position 4') }]);
    const folder = join(dir, 'pkg-nul');
    cpSync(fixture('hsds11', 'all_resources'), folder, { recursive: true });
    const csv = readFileSync(join(folder, 'services.csv'), 'utf8');
    writeFileSync(join(folder, 'services.csv'), csv.replace('Never Homeless Helpline', 'Never Homeless\u0000Helpline'));
    expect(importRefused(folder).errors).toContainEqual({ file: 'services.csv', row: 2, field: 'name', message: expect.stringContaining('(U+0000)') });
  });

  it('control characters in an HSDS 3 datapackage, in bare cells or in quoted ones, and not the printable text beside them', () => {
    /** The HSDS 3 example package with these edits; each package's control characters are found however it is read. */
    const controlIn = (name: string, edits: [file: string, from: string, to: string][]) => {
      const folder = join(dir, name);
      cpSync(fixture('hsds3', 'datapackage'), folder, { recursive: true });
      for (const [file, from, to] of edits) writeFileSync(join(folder, file), readFileSync(join(folder, file), 'utf8').replace(from, to));
      return importRefused(folder).errors.filter((e) => e.message.includes('control character'));
    };
    const printable: [string, string, string] = ['services.csv', 'MyCity Counselling Services', 'MyCity\u00a0Counselling\tServices \u00a9 \u{1F600}'];
    expect(controlIn('pkg3-bare', [printable, ['services.csv', 'Community Counselling,', 'Community\u0000Counselling,'], ['organizations.csv', 'Example Org,', 'Example\u007fOrg,']])).toEqual([
      { file: 'organizations.csv', row: 2, field: 'alternate_name', message: expect.stringContaining('(U+007F) at position 8') },
      { file: 'services.csv', row: 2, field: 'name', message: expect.stringContaining('(U+0000) at position 10') },
    ]);
    expect(controlIn('pkg3-quoted', [printable, ['services.csv', 'Counselling Services provided', 'Counselling\u0085Services provided']])).toEqual([
      { file: 'services.csv', row: 2, field: 'description', message: expect.stringContaining('(U+0085) at position 12') },
    ]);
  });

  it('tabs and line breaks in text are fine', () => {
    const path = jsonFile('breaks.json', [service(1, { description: 'Line one\r\nLine two\n\tindented' })]);
    const r = cli('validate', path);
    expect(r.status, r.stdout).toBe(0);
  });
});
