import { closeSync, cpSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDesk, type Outcome } from '../test-support/cli-import';
import { fixture } from '../test-support/fixtures';

// Hostile and broken datasets, fed to the built CLI as a coordinator would: each must get a clear error
// naming what and where, exit non-zero, and leave the database file byte-for-byte as it was.
const { dir, cli, importRefused, cleanup } = cliDesk('atlas-bad-');

const packageWith = (name: string, edit: (folder: string) => void) => {
  const folder = join(dir, name);
  cpSync(fixture('hsds11', 'all_resources'), folder, { recursive: true });
  edit(folder);
  return folder;
};
const zipOf = (name: string, files: Record<string, Uint8Array>) => {
  const path = join(dir, name);
  writeFileSync(path, zipSync(files));
  return path;
};
const text = (s: string) => new TextEncoder().encode(s);

beforeAll(() => {
  // Creates the database (starter directory) that every case then checks byte for byte.
  expect(cli('info').status).toBe(0);
}, 60_000);
afterAll(cleanup);

describe('bad input changes nothing and says what is wrong', { timeout: 60_000 }, () => {
  it('a truncated zip', () => {
    const whole = zipSync({ 'datapackage.json': readFileSync(fixture('hsds11', 'all_resources', 'datapackage.json')) });
    writeFileSync(join(dir, 'cut.zip'), whole.subarray(0, Math.floor(whole.length / 2)));
    const { errors } = importRefused(join(dir, 'cut.zip'));
    expect(errors[0]).toMatchObject({ file: 'cut.zip', message: expect.stringContaining('cannot be read (truncated or damaged') });
  });

  it('a CSV with a byte-order mark is read correctly, and its real problem is named', () => {
    const path = join(dir, 'bom.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Organization,Phone\nSYNTHETIC Org,555-0100\n')]));
    const { errors } = importRefused(path);
    expect(errors).toEqual([{ file: 'bom.csv', row: 1, field: 'service.name', message: 'no column is mapped to this required field' }]);
  });

  it('a CSV in Latin-1', () => {
    const path = join(dir, 'latin1.csv');
    writeFileSync(path, Buffer.concat([Buffer.from('Organization,Service Name\nSYNTHETIC Org,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'latin1.csv', row: 2, message: expect.stringContaining('not UTF-8') });
  });

  it('a CSV with a stray quote', () => {
    const path = join(dir, 'quote.csv');
    writeFileSync(path, 'Organization,Service Name\nSYNTHETIC Org,Shelter\nSYNTHETIC Org,The "Safe" Place\n');
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'quote.csv', row: 3, message: expect.stringContaining('stray " character') });
  });

  it('a datapackage CSV missing a required column', () => {
    const folder = packageWith('nocol', (f) => {
      const [header, ...rows] = readFileSync(join(f, 'services.csv'), 'utf8').split('\n');
      writeFileSync(join(f, 'services.csv'), [header!.replace(',name,', ',title,'), ...rows].join('\n'));
    });
    const { errors } = importRefused(folder);
    expect(errors).toContainEqual({ file: 'services.csv', row: 1, field: 'name', message: 'required column(s) missing from the header' });
  });

  it('a 100 MB field', () => {
    const path = join(dir, 'huge.csv');
    const fd = openSync(path, 'w');
    writeSync(fd, 'Organization,Service Name\nSYNTHETIC Org,"');
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 100; i++) writeSync(fd, chunk);
    writeSync(fd, '"\n');
    closeSync(fd);
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'huge.csv', row: 2, message: 'a field is longer than 1,000,000 characters' });
  });

  it('duplicate ids, in a datapackage and in JSON', () => {
    const folder = packageWith('dupes', (f) => {
      const csv = readFileSync(join(f, 'organizations.csv'), 'utf8').trimEnd().split('\n');
      writeFileSync(join(f, 'organizations.csv'), [...csv, csv[1]!.replace('Sanctuary Example City', 'Someone else')].join('\n'));
    });
    const { errors } = importRefused(folder);
    expect(errors).toContainEqual({
      file: 'organizations.csv', row: 12, field: 'id',
      message: 'duplicate organization id "1899600a-649c-11e6-8b77-86f30ca893d3" (first used in organizations.csv row 2)',
    });
    const json = join(dir, 'dupes.json');
    const svc = (name: string) => ({ id: 'a1b2c3d4-0000-4000-8000-000000000001', name, status: 'active', organization: { id: 'o1', name: 'SYNTHETIC Org', description: 'x' } });
    writeFileSync(json, JSON.stringify([svc('One'), svc('Two')]));
    expect(importRefused(json).errors[0]).toMatchObject({ file: 'dupes.json', row: 2, message: expect.stringContaining('duplicate service id') });
  });

  it('a dangling foreign key', () => {
    const folder = packageWith('dangling', (f) => {
      const csv = readFileSync(join(f, 'phones.csv'), 'utf8').trimEnd().split('\n');
      writeFileSync(join(f, 'phones.csv'), [...csv, 'ffffffff-0000-4000-8000-000000000000,,no-such-service,,,,555-0100,,voice,,,'].join('\n'));
    });
    const { errors } = importRefused(folder);
    expect(errors).toContainEqual({ file: 'phones.csv', row: 7, field: 'service_id', message: 'points to service "no-such-service", which is not in the dataset' });
  });

  it('JSON nested 10,000 deep', () => {
    const path = join(dir, 'deep.json');
    writeFileSync(path, `{"id":"x","name":"deep","status":"active","extra":${'['.repeat(10_000)}${']'.repeat(10_000)}}`);
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'deep.json', message: expect.stringContaining('nested more than 64 levels') });
  });

  it('a zip entry with a ../ path', () => {
    const path = zipOf('escape.zip', { 'datapackage.json': text('{"resources":[]}'), '../../evil.csv': text('id\n1\n') });
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'escape.zip', message: 'the zip contains an unsafe path "../../evil.csv" (it points outside the dataset); refused' });
  });

  it('a zip bomb', () => {
    const path = zipOf('bomb.zip', { 'datapackage.json': text('{"resources":[{"name":"services","path":"services.csv"}]}'), 'services.csv': new Uint8Array(64 * 1024 * 1024) });
    const { errors } = importRefused(path);
    expect(errors[0]).toMatchObject({ file: 'bomb.zip', message: expect.stringContaining('(a zip bomb?); refused') });
  });

  it('a datapackage whose resources list holds something other than objects, in a folder and in a zip', () => {
    for (const [i, resources] of ['[null]', '[{"name":"services","path":"services.csv"}, 7]', '["services.csv"]', '[[]]'].entries()) {
      const folder = packageWith(`resources-${i}`, (f) => writeFileSync(join(f, 'datapackage.json'), `{"resources":${resources}}`));
      const at = resources.startsWith('[{') ? 1 : 0;
      expect(importRefused(folder).errors).toEqual([
        { file: 'datapackage.json', row: null, field: `resources[${at}]`, message: 'must be an object naming a CSV file ({"name": ..., "path": ...})' },
      ]);
    }
    const zipped = zipOf('resources-null.zip', { 'datapackage.json': text('{"resources":[null]}') });
    expect(importRefused(zipped).errors[0]).toMatchObject({ field: 'resources[0]' });
  });

  it('an empty dataset: an empty JSON list, a spreadsheet with only its header, a datapackage with no services', () => {
    const emptyJson = join(dir, 'empty.json');
    writeFileSync(emptyJson, '[]');
    const headerOnly = join(dir, 'header-only.csv');
    writeFileSync(headerOnly, 'Organization,Service Name\n');
    const noServices = packageWith('no-services', (f) => writeFileSync(join(f, 'services.csv'), readFileSync(join(f, 'services.csv'), 'utf8').split('\n')[0]!));
    for (const path of [emptyJson, headerOnly]) {
      expect(importRefused(path).errors).toEqual([
        { file: basename(path), row: null, field: null, message: expect.stringContaining('has no services') },
      ]);
    }
    expect(importRefused(noServices).errors).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/has no services.*would remove every service of its source, so it is refused/) }));
    const validate = cli('validate', emptyJson);
    expect(validate.status).toBe(1);
    expect(validate.stdout).toMatch(/error: empty.json: has no services/);
  });

  it('a spreadsheet wrong on every row lists the first 1,000 errors and says how many there are', () => {
    const path = join(dir, 'every-row.csv');
    writeFileSync(path, `Organization,Service Name,Phone\n${Array.from({ length: 1500 }, (_, i) => `SYNTHETIC Org,SYNTHETIC service ${i},call us\n`).join('')}`);
    const out = importRefused(path) as Outcome & { error_count: number };
    expect(out.errors).toHaveLength(1000);
    expect(out.error_count).toBe(1500);
    const text = cli('import', path);
    expect(text.stdout.match(/^error: /gm)).toHaveLength(1000);
    expect(text.stdout).toContain('... and 500 more error(s), not listed');
  });
});
