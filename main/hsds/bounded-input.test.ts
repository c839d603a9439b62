import { randomBytes } from 'node:crypto';
import { closeSync, cpSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, symlinkSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDesk } from '../test-support/cli-import';
import { fixture } from '../test-support/fixtures';
import { packedZip } from '../test-support/packed-zip';

// Archives and packages built to exhaust memory or reach outside themselves, fed to the built CLI: each is
// refused with a message naming what and where, quickly, with the database file unchanged; never a crash.
const desk = cliDesk('atlas-bounded-');
const { dir, cli, importRefused } = desk;
const MiB = 1024 * 1024;
const text = (s: string) => new TextEncoder().encode(s);
const DESCRIPTOR = text('{"resources":[{"name":"services","path":"services.csv"}]}');

const packageWith = (name: string, edit: (folder: string) => void) => {
  const folder = join(dir, name);
  cpSync(fixture('hsds11', 'all_resources'), folder, { recursive: true });
  edit(folder);
  return folder;
};
const write = (name: string, bytes: Uint8Array) => {
  writeFileSync(join(dir, name), bytes);
  return join(dir, name);
};
const descriptorOf = (folder: string) => JSON.parse(readFileSync(join(folder, 'datapackage.json'), 'utf8')) as { resources: { name: string; path: string }[] };

beforeAll(() => {
  expect(cli('info').status).toBe(0);
}, 60_000);
afterAll(() => desk.cleanup());

describe('bounded work on any archive or package', { timeout: 120_000 }, () => {
  it('a file listed twice in datapackage.json, however it is spelled, in a folder and in a zip', () => {
    const twice = packageWith('twice', (f) => {
      const d = descriptorOf(f);
      d.resources.push({ name: 'more_services', path: './services.csv' });
      writeFileSync(join(f, 'datapackage.json'), JSON.stringify(d));
    });
    const at = descriptorOf(twice).resources.findIndex((r) => r.path === 'services.csv');
    const last = descriptorOf(twice).resources.length - 1;
    expect(importRefused(twice).errors).toEqual([
      { file: 'datapackage.json', row: null, field: `resources[${last}].path`, message: `lists "./services.csv" again (already resources[${at}]); each file may be listed once` },
    ]);
    const zipped = write('twice.zip', zipSync({ 'datapackage.json': text('{"resources":[{"name":"services","path":"services.csv"},{"name":"services","path":"services.csv"}]}'), 'services.csv': text('id,name\n') }));
    expect(importRefused(zipped).errors[0]).toMatchObject({ field: 'resources[1].path', message: expect.stringContaining('again (already resources[0])') });
  });

  it('a 4 MB table listed 300 times is refused at once, not read until the memory runs out', () => {
    const folder = join(dir, 'listed-300');
    mkdirSync(folder);
    writeFileSync(join(folder, 'services.csv'), `id,name,status\n${'x,SYNTHETIC service,active\n'.repeat(160_000)}`);
    writeFileSync(join(folder, 'datapackage.json'), JSON.stringify({ resources: Array.from({ length: 300 }, () => ({ name: 'services', path: 'services.csv' })) }));
    const started = Date.now();
    expect(importRefused(folder).errors[0]).toMatchObject({ field: 'resources[1].path' });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('1,500 entries of 1 MiB of zeros, each under the per-entry check, are refused before any is unpacked', () => {
    const zeros = new Uint8Array(MiB);
    const entries = [{ name: 'datapackage.json', data: DESCRIPTOR }, ...Array.from({ length: 1500 }, (_, i) => ({ name: `pad-${i}.csv`, data: zeros }))];
    entries[1]!.name = 'services.csv';
    const { errors } = importRefused(write('zeros-1500.zip', packedZip(entries)));
    expect(errors).toEqual([{ file: 'zeros-1500.zip', row: null, field: null, message: 'the dataset is larger than 256 MB of data, more than this app reads in one import; refused' }]);
  });

  it('fewer such entries, within the size cap, are refused by the whole archive\'s ratio', () => {
    const zeros = new Uint8Array(MiB);
    const entries = [{ name: 'datapackage.json', data: DESCRIPTOR }, ...Array.from({ length: 100 }, (_, i) => ({ name: i === 0 ? 'services.csv' : `pad-${i}.csv`, data: zeros }))];
    const { errors } = importRefused(write('zeros-100.zip', packedZip(entries)));
    expect(errors[0]).toMatchObject({ file: 'zeros-100.zip', message: expect.stringMatching(/^the zip would unpack \d+ times larger than it is packed \(a zip bomb\?\); refused$/) });
  });

  it('one entry declaring more than the size cap, at an ordinary ratio', () => {
    const noise = randomBytes(2 * MiB);
    const path = write('huge-entry.zip', packedZip([{ name: 'datapackage.json', data: DESCRIPTOR }, { name: 'services.csv', data: noise, declaredSize: 300 * MiB }]));
    expect(importRefused(path).errors[0]!.message).toContain('larger than 256 MB');
  });

  it('a file on its own larger than the size cap is refused before it is read', () => {
    for (const name of ['huge.json', 'huge.csv', 'huge.zip']) {
      const path = join(dir, name);
      closeSync(openSync(path, 'w'));
      truncateSync(path, 300 * MiB);
      expect(importRefused(path).errors).toEqual([{ file: name, row: null, field: null, message: 'the dataset is larger than 256 MB of data, more than this app reads in one import; refused' }]);
    }
  });

  it('a package whose listed files add up to more than the size cap is refused before any is read', () => {
    const folder = join(dir, 'two-large');
    mkdirSync(folder);
    for (const name of ['services.csv', 'phones.csv']) {
      writeFileSync(join(folder, name), 'id,name\n');
      truncateSync(join(folder, name), 150 * MiB);
    }
    writeFileSync(join(folder, 'datapackage.json'), JSON.stringify({ resources: [{ name: 'services', path: 'services.csv' }, { name: 'phones', path: 'phones.csv' }] }));
    expect(importRefused(folder).errors).toEqual([{ file: 'two-large', row: null, field: null, message: 'the dataset is larger than 256 MB of data, more than this app reads in one import; refused' }]);
  });

  it('more rows than the cap, in one CSV of tiny rows, across the tables of a package, and as JSON objects', () => {
    const folder = join(dir, 'many-rows');
    mkdirSync(folder);
    const fd = openSync(join(folder, 'services.csv'), 'w');
    writeSync(fd, 'id,name\n');
    for (let i = 0; i < 16; i++) writeSync(fd, 'a,b\n'.repeat(100_000));
    closeSync(fd);
    writeFileSync(join(folder, 'datapackage.json'), DESCRIPTOR);
    expect(importRefused(folder).errors).toEqual([{ file: 'services.csv', row: 1_500_001, field: null, message: 'the dataset has more than 1,500,000 rows, more than this app reads in one import; refused' }]);

    const split = join(dir, 'many-rows-split');
    mkdirSync(split);
    for (const t of ['services', 'phones']) writeFileSync(join(split, `${t}.csv`), `id,name\n${'a,b\n'.repeat(800_000)}`);
    writeFileSync(join(split, 'datapackage.json'), JSON.stringify({ resources: [{ name: 'services', path: 'services.csv' }, { name: 'phones', path: 'phones.csv' }] }));
    expect(importRefused(split).errors[0]).toMatchObject({ file: 'phones.csv', message: expect.stringContaining('more than 1,500,000 rows') });

    const json = write('many-objects.json', text(`[${Array.from({ length: 1_600_000 }, () => '{}').join(',')}]`));
    expect(importRefused(json).errors).toEqual([{ file: 'many-objects.json', row: null, field: null, message: 'the dataset has more than 1,500,000 rows, more than this app reads in one import; refused' }]);
  });

  it('the same name twice in a zip, and a zip inside the zip', () => {
    const twice = write('same-name.zip', packedZip([{ name: 'datapackage.json', data: DESCRIPTOR }, { name: 'services.csv', data: text('id,name\n') }, { name: 'services.csv', data: text('id,name\n1,x\n') }]));
    expect(importRefused(twice).errors[0]).toMatchObject({ message: 'the zip holds "services.csv" twice; refused' });
    const inner = zipSync({ 'datapackage.json': DESCRIPTOR, 'services.csv': new Uint8Array(64 * MiB) });
    const nested = write('nested.zip', zipSync({ 'datapackage.json': text('{"resources":[{"name":"services","path":"inner.zip"}]}'), 'inner.zip': inner }));
    expect(importRefused(nested).errors[0]).toMatchObject({ file: 'inner.zip' });
  });
});

describe('a datapackage folder never reaches outside itself', { timeout: 60_000 }, () => {
  const SECRET = 'SECRET-OUTSIDE-7c1d';
  const hostname = readFileSync('/etc/hostname', 'utf8').trim();
  const outsideFile = () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    writeFileSync(join(dir, 'elsewhere', 'secret.csv'), `id,number\n${SECRET},${SECRET}\n`);
    return join(dir, 'elsewhere', 'secret.csv');
  };
  const linkRefused = (folder: string, name: string) => {
    expect(importRefused(folder).errors).toEqual([{ file: name, row: null, field: null, message: 'is a link to a file outside the package; refused (copy the file into the package instead)' }]);
    const r = cli('import', folder);
    expect(`${r.stdout}${r.stderr}`).not.toContain(SECRET);
    if (hostname.length >= 6) expect(`${r.stdout}${r.stderr}`).not.toContain(hostname);
  };

  it('a table that is a link to a file outside the package is refused by name, its content never shown', () => {
    for (const [i, target] of [outsideFile(), '/etc/hostname', '../elsewhere/secret.csv'].entries()) {
      linkRefused(packageWith(`link-out-${i}`, (f) => {
        rmSync(join(f, 'phones.csv'));
        symlinkSync(target, join(f, 'phones.csv'));
      }), 'phones.csv');
    }
  });

  it('a datapackage.json that is a link outside the package', () => {
    mkdirSync(join(dir, 'elsewhere'), { recursive: true });
    writeFileSync(join(dir, 'elsewhere', 'datapackage.json'), `{"resources":[],"name":"${SECRET}"}`);
    linkRefused(packageWith('descriptor-out', (f) => {
      rmSync(join(f, 'datapackage.json'));
      symlinkSync(join(dir, 'elsewhere', 'datapackage.json'), join(f, 'datapackage.json'));
    }), 'datapackage.json');
  });

  it('a link to a file inside the package is read; a link to nothing is ignored unless the package lists it', () => {
    const folder = packageWith('links-inside', (f) => {
      renameSync(join(f, 'phones.csv'), join(f, 'phones-real.csv'));
      symlinkSync('phones-real.csv', join(f, 'phones.csv'));
      symlinkSync(join(dir, 'no-such-file'), join(f, 'notes.txt'));
    });
    const r = cli('validate', folder);
    expect(r.status, r.stdout).toBe(0);
    const listed = packageWith('dangling-listed', (f) => {
      rmSync(join(f, 'phones.csv'));
      symlinkSync(join(dir, 'no-such-file'), join(f, 'phones.csv'));
    });
    expect(importRefused(listed).errors).toContainEqual(expect.objectContaining({ file: 'datapackage.json', message: 'lists "phones.csv", which is not in the package' }));
  });
});
