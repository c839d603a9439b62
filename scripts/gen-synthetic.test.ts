import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { loadAreaTable } from '../main/geo/area-table';
import { extentPolygons } from '../main/geo/extent';
import { loadGazetteer } from '../main/geo/gazetteer';
import { AREAS_PATH, GAZETTEER_PATH } from '../main/test-support/temp-db';
import { generateSynthetic, SYNTHETIC_SOURCE } from './gen-synthetic-data';

const dir = mkdtempSync(join(tmpdir(), 'atlas-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const gen = (...args: string[]) => spawnSync(process.execPath, [resolve(__dirname, 'gen-synthetic.mjs'), ...args], { encoding: 'utf8' });

describe('npm run gen:synthetic', () => {
  it('writes HSDS 3 JSON that imports cleanly, every record marked synthetic with a fictional phone number', () => {
    const out = join(dir, 'small.json');
    expect(gen('--services', '40', '--out', out).status).toBe(0);
    const services = JSON.parse(readFileSync(out, 'utf8')) as { metadata: { replacement_value: string }[]; phones: { number: string }[]; description: string; organization: { name: string } }[];
    expect(services).toHaveLength(40);
    expect(flattenHsdsJson(services).problems).toEqual([]);
    for (const s of services) {
      expect(s.metadata[0]!.replacement_value).toBe(SYNTHETIC_SOURCE);
      expect(s.description).toContain('Synthetic test record');
      expect(s.organization.name).toMatch(/ \(SYNTHETIC\)$/);
      expect(s.phones[0]!.number).toMatch(/555-01\d\d$/);
    }
  }, 30_000);

  it('gives services areas of every kind the area table knows, and ages', () => {
    const table = loadAreaTable(AREAS_PATH, loadGazetteer(GAZETTEER_PATH));
    type Area = { name: string; extent?: string; extent_type?: string };
    const services = generateSynthetic(500) as { service_areas: Area[]; minimum_age?: number; maximum_age?: number }[];
    const kinds = new Set<string>();
    for (const s of services) {
      if (s.service_areas.length === 0) kinds.add('none');
      for (const a of s.service_areas) {
        const polygons = extentPolygons(a.extent ?? null, a.extent_type ?? null);
        if (polygons) kinds.add('polygon');
        else kinds.add(table.resolveName(a.name)?.[0]?.kind ?? `unknown: ${a.name}`);
      }
    }
    expect([...kinds].sort()).toEqual(['county', 'nation', 'none', 'polygon', 'state']);
    expect(services.some((s) => s.minimum_age === 12 && s.maximum_age === 17)).toBe(true);
    expect(services.some((s) => s.minimum_age === undefined && s.maximum_age === undefined)).toBe(true);
  });

  it('gives the same directory for the same seed', () => {
    gen('--services', '5', '--out', join(dir, 'a.json'), '--seed', '3');
    gen('--services', '5', '--out', join(dir, 'b.json'), '--seed', '3');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
  }, 60_000);

  it('refuses a missing or non-numeric count with usage', () => {
    const r = gen('--services', 'lots', '--out', join(dir, 'x.json'));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Usage: npm run gen:synthetic');
  });
});
