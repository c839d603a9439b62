import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDesk } from './test-support/cli-import';
import { fixture } from './test-support/fixtures';

// The CLI as a user runs it: the built bin, a real process, a real database file.
const BIN = resolve(__dirname, '..', 'bin', 'referral-atlas.cjs');
const STARTER_SERVICES = (JSON.parse(readFileSync(resolve(__dirname, '..', 'data', 'starter-directory.json'), 'utf8')) as unknown[]).length;
const dir = mkdtempSync(join(tmpdir(), 'atlas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, REFERRAL_ATLAS_HOME: join(dir, 'home') } });

describe('referral-atlas CLI (built by npm test before it runs)', () => {
  it('search --json lists the National Human Trafficking Hotline with its number', () => {
    const out = JSON.parse(execFileSync(process.execPath, [BIN, 'search', 'national human trafficking hotline', '--json', '--db', join(dir, 'a.sqlite')], { encoding: 'utf8' }));
    expect(out.total).toBeGreaterThanOrEqual(1);
    expect(out.results[0]).toMatchObject({ name: 'National Human Trafficking Hotline', phones: ['1-888-373-7888', '233733', '711'], categories: ['cat-hotline'], source: 'bundled' });
    expect(Object.keys(out.results[0]).sort()).toEqual(['ages', 'categories', 'distance_km', 'free', 'id', 'languages', 'name', 'no_id_needed', 'organization', 'phones', 'populations', 'score', 'service_area', 'source', 'wheelchair']);
    expect(out.results[0].score).toBeGreaterThan(0);
  });

  it('search --near --radius-km gives distances, populations with their state, and keeps phone services apart', () => {
    const r = cli('search', '--near', '95811', '--radius-km', '10', '--population', 'minors', '--json', '--db', join(dir, 'b.sqlite'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.near.label).toBe('95811 Sacramento, CA');
    expect(out.results.length).toBeGreaterThan(0);
    expect(out.results.every((c: { distance_km: number }) => c.distance_km < 10)).toBe(true);
    // Those that confirm serving minors come first, then those that have not said, each marked.
    const minors = out.results.map((c: { populations: { id: string; state: string }[] }) => c.populations.find((p) => p.id === 'pop-minors')?.state);
    expect(minors[0]).toBe('serves');
    expect(minors).toContain('not_stated');
    expect(minors.slice(minors.indexOf('not_stated')).every((s: string) => s === 'not_stated')).toBe(true);
    // Phone and online services have no place to measure from: listed apart, never dropped by distance.
    const apart = out.phone_and_online.results as { name: string; distance_km: number | null }[];
    expect(apart.length).toBeGreaterThan(0);
    expect(apart.every((c) => c.distance_km === null)).toBe(true);
    expect(apart.map((c) => c.name)).not.toContain('California Victim Compensation Program (CalVCP)');
  }, 30_000);

  it('search with an unknown ZIP, place or category fails with a message, not an empty list', () => {
    const zip = cli('search', 'shelter', '--near', '00000', '--db', join(dir, 'b.sqlite'));
    expect(zip.status).toBe(1);
    expect(zip.stderr).toContain('ZIP code 00000 is not in the offline ZIP table.');
    const place = cli('search', '--near', 'Atlantis', '--db', join(dir, 'b.sqlite'));
    expect(place.status).toBe(1);
    expect(place.stderr).toContain('"Atlantis" is not a ZIP code or a California place');
    const category = cli('search', '--category', 'pizza', '--db', join(dir, 'b.sqlite'));
    expect(category.status).toBe(1);
    expect(category.stderr).toContain('--category "pizza" is not known');
  }, 60_000);

  it('search --serves --age gives each result its service area, ages and whether the area covers the place', () => {
    const r = cli('search', '--serves', 'Clovis', '--age', '15', '--free', '--json', '--db', join(dir, 'b.sqlite'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.serves.label).toBe('Clovis');
    expect(out.results.length).toBeGreaterThan(0);
    for (const c of out.results) {
      expect(Array.isArray(c.service_area)).toBe(true);
      expect(c.ages).toHaveProperty('min');
      expect(c.ages).toHaveProperty('max');
      expect(['yes', 'not_stated']).toContain(c.area_covers);
      expect(['yes', 'not_stated']).toContain(c.free);
    }
    const place = cli('search', '--serves', 'Atlantis', '--db', join(dir, 'b.sqlite'));
    expect(place.status).toBe(1);
    expect(place.stderr).toContain('"Atlantis" is not a ZIP code or a California place');
    const age = cli('search', '--age', 'teen', '--db', join(dir, 'b.sqlite'));
    expect(age.status).toBe(1);
    expect(age.stderr).toContain('--age needs a whole number of years');
  }, 60_000);

  it('search --open-now --language --limit narrows the list', () => {
    const all = JSON.parse(cli('search', 'trafficking', '--json', '--db', join(dir, 'b.sqlite')).stdout);
    const out = JSON.parse(cli('search', 'trafficking', '--open-now', '--confirmed-only', '--language', 'en', '--limit', '1', '--json', '--db', join(dir, 'b.sqlite')).stdout);
    expect(out.results).toHaveLength(1);
    expect(out.total).toBeGreaterThanOrEqual(1);
    expect(out.total).toBeLessThan(all.total);
  });

  it('info --json creates a missing database from the starter directory in the app data folder', () => {
    const r = cli('info', '--json');
    expect(r.status).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info).toMatchObject({ datasetId: 'referral-atlas-starter-california', services: STARTER_SERVICES, databasePath: join(dir, 'home', 'atlas.sqlite') });
    expect(existsSync(join(dir, 'home', 'atlas.sqlite'))).toBe(true);
  });

  it('rejects an unknown command with usage and exit code 2', () => {
    const r = cli('frobnicate');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown command "frobnicate"');
  });
});

describe('search --source', { timeout: 60_000 }, () => {
  const desk = cliDesk('atlas-cli-source-');
  afterAll(() => desk.cleanup());

  it('keeps the services of the sources named (repeatable), each result saying its source; an unknown name is an error naming it', () => {
    expect(desk.cli('import', fixture('hsds11', 'all_resources'), '--json').status).toBe(0);
    const search = (...args: string[]) => {
      const r = desk.cli('search', ...args, '--limit', '500', '--json');
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { total: number; results: { source: string }[] };
    };
    const file = search('--source', 'all_resources');
    expect(file.total).toBe(13);
    expect(new Set(file.results.map((c) => c.source))).toEqual(new Set(['all_resources']));
    const bundled = search('--source', 'bundled');
    expect(bundled.total).toBe(STARTER_SERVICES);
    expect(new Set(bundled.results.map((c) => c.source))).toEqual(new Set(['bundled']));
    expect(search('--source', 'bundled', '--source', 'all_resources').total).toBe(STARTER_SERVICES + 13);

    const unknown = desk.cli('search', '--source', 'county.csv');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--source: there is no source named "county.csv". The sources are: bundled, all_resources.');
    // import, diff and export fill or read one source.
    const two = desk.cli('export', '--format', 'hsds-json', '--source', 'bundled', '--source', 'all_resources', join(desk.dir, 'out.json'));
    expect(two.status).toBe(2);
    expect(two.stderr).toContain('export takes one --source, not 2.');
  });
});
