import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStarterDirectory } from '../../../scripts/starter-directory/build';
import { parseCsv } from '../../../scripts/starter-directory/csv';
import { dialable, uuid } from '../../../scripts/starter-directory/hsds-service';
import { CATEGORIES, LOCATION_FLAGS, POPULATIONS, TAXONOMY_ID } from '../../../shared/vocabulary';
import { createServiceReader } from '../../db/service-read';
import { GAZETTEER_PATH, STARTER_PATH, tempDb } from '../../test-support/temp-db';
import { fullSchemaValidator } from '../check/hsds-ajv';
import { ensureStarterDirectory, STARTER_DATASET_ID } from './starter';

const SOURCES = resolve(__dirname, '..', '..', '..', 'data', 'starter-sources');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const directory = JSON.parse(readFileSync(STARTER_PATH, 'utf8')) as Json[];

/** Every row of every source table, read with nothing but the CSV parser. */
const tableRows = readdirSync(SOURCES)
  .filter((f) => f.endsWith('.csv'))
  .flatMap((file) =>
    parseCsv(readFileSync(join(SOURCES, file), 'utf8'))
      .slice(1)
      .map(({ line, values: [service, field, value, detail, url, readOn] }) => ({ file, line, service: service!, field: field!, value: value!, detail: detail!, url: url!, readOn: readOn! })),
  );
const slugOf = new Map([...new Set(tableRows.map((r) => r.service))].map((slug) => [uuid(`svc:${slug}`), slug]));
const vocabularyIds = new Set<string>([TAXONOMY_ID, ...[...CATEGORIES, ...POPULATIONS, ...LOCATION_FLAGS].map((t) => t.id)]);

describe('bundled starter directory', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('is installed once on first run through the common install path', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    expect(ensureStarterDirectory(t.db, STARTER_PATH)).toBe(true);
    expect(ensureStarterDirectory(t.db, STARTER_PATH)).toBe(false);
    expect(t.db.prepare('SELECT dataset_id, source, services FROM dataset_install').all()).toEqual([
      { dataset_id: STARTER_DATASET_ID, source: 'starter', services: directory.length },
    ]);
  });

  // The regional tables (southern.csv, northern.csv) are what bring the directory to its full size.
  it(
    'holds at least 150 services across California, at least 120 of them with a phone',
    () => {
      expect(directory.length).toBeGreaterThanOrEqual(150);
      expect(directory.filter((s) => s.phones.length > 0).length).toBeGreaterThanOrEqual(120);
    },
  );

  it('is exactly what the build script makes from the committed source tables, byte for byte, every time', () => {
    const first = buildStarterDirectory(SOURCES, GAZETTEER_PATH).json;
    expect(buildStarterDirectory(SOURCES, GAZETTEER_PATH).json).toBe(first);
    expect(readFileSync(STARTER_PATH, 'utf8'), 'run node scripts/build-starter-directory.mjs').toBe(first);
  });

  it('lists only phone numbers written in the source table, each on a row of the same service that cites its page', () => {
    const cited = new Set(
      tableRows
        .filter((r) => ['phone', 'text', 'tty'].includes(r.field) && /^https?:\/\//.test(r.url))
        .map((r) => `${r.service}|${dialable(r.value).number}|${{ phone: 'voice', text: 'text', tty: 'textphone' }[r.field]}`),
    );
    const listed = directory.flatMap((s) => (s.phones as Json[]).map((p) => `${slugOf.get(s.id)}|${p.number}|${p.type}`));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((p) => !cited.has(p))).toEqual([]);
  });

  it('keeps the two seed numbers, each cited to a public page', () => {
    const rows = tableRows.filter((r) => r.field === 'phone' && ['1-888-373-7888', '1-888-428-7581'].includes(r.value));
    expect(new Set(rows.map((r) => r.value))).toEqual(new Set(['1-888-373-7888', '1-888-428-7581']));
    for (const r of rows) expect(r.url).toMatch(/^https?:\/\//);
    const numbers = directory.flatMap((s) => (s.phones as Json[]).map((p) => p.number));
    expect(numbers).toEqual(expect.arrayContaining(['1-888-373-7888', '1-888-428-7581']));
  });

  it('has no service twice: slugs are unique across the tables, and no organization lists one service name twice', () => {
    const fileOf = new Map<string, Set<string>>();
    for (const r of tableRows) fileOf.set(r.service, (fileOf.get(r.service) ?? new Set()).add(r.file));
    expect([...fileOf].filter(([, files]) => files.size > 1)).toEqual([]);
    const pairs = directory.map((s) => `${s.organization.name}|${s.name}`);
    expect(pairs.length).toBe(new Set(pairs).size);
    expect(new Set(directory.map((s) => s.id)).size).toBe(directory.length);
  });

  it('validates against the official HSDS 3.1 service schema (vocabulary term ids stand in for term UUIDs)', () => {
    const validate = fullSchemaValidator('service.json');
    const failures = directory.flatMap((s) => {
      const doc: unknown = s;
      if (validate(doc)) return [];
      // The app's published vocabulary ids (shared/vocabulary.ts) are its taxonomy term and taxonomy ids.
      const real = (validate.errors ?? []).filter((e) => {
        if (e.keyword !== 'format' || !/\/(taxonomy_term|taxonomy_detail)\/id$/.test(e.instancePath)) return true;
        const value = e.instancePath.split('/').slice(1).reduce<unknown>((o, k) => (o as Json)[k], s);
        return !vocabularyIds.has(value as string);
      });
      return real.map((e) => `${s.name}: ${e.instancePath} ${e.message}`);
    });
    expect(failures).toEqual([]);
  });

  it('cites every page its facts were read from, as "sourced" metadata naming the fields read there', () => {
    for (const s of directory) {
      const slug = slugOf.get(s.id)!;
      const meta = s.metadata as Json[];
      expect(meta.length, s.name).toBeGreaterThan(0);
      for (const m of meta) {
        expect(m).toMatchObject({ resource_id: s.id, resource_type: 'service', last_action_type: 'sourced' });
        expect(m.updated_by).toMatch(/^https?:\/\//);
        expect(m.field_name).not.toBe('');
        expect(m.last_action_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const pages = new Set(tableRows.filter((r) => r.service === slug).map((r) => r.url));
      expect(new Set(meta.map((m) => m.updated_by)), s.name).toEqual(pages);
      expect(s.assured_date, 'verified stays empty until someone calls').toBeUndefined();
    }
  });

  it('shows each service its cited pages as links, and gives no confidential location a street or a point', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const reader = createServiceReader(t.db);
    for (const { id } of t.db.prepare('SELECT id FROM service').all() as { id: string }[]) {
      const d = reader.detail(id)!;
      expect(d.sources.length, d.name).toBeGreaterThan(0);
      expect(d.sources.every((src) => src.url?.startsWith('http') && src.fields)).toBe(true);
      for (const l of d.locations.filter((loc) => loc.confidential)) expect(l).toMatchObject({ address: null, latitude: null, longitude: null });
    }
    // Below the reader too: the stored rows of a confidential site hold no street and no point.
    const leaks = t.db
      .prepare(
        `SELECT l.id FROM location l JOIN attribute a ON a.link_entity = 'location' AND a.link_id = l.id AND a.taxonomy_term_id = 'loc-confidential'
         LEFT JOIN address ad ON ad.location_id = l.id
         WHERE l.latitude IS NOT NULL OR l.longitude IS NOT NULL OR coalesce(ad.address_1, '') <> ''`,
      )
      .all();
    expect(leaks).toEqual([]);
  });

  it('marks every city-level point as approximate, and puts no hotline on the map', () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const reader = createServiceReader(t.db);
    const ids = (t.db.prepare('SELECT id FROM service').all() as { id: string }[]).map((r) => r.id);
    const located = ids.flatMap((id) => reader.detail(id)!.locations).filter((l) => l.latitude != null);
    expect(located.length).toBeGreaterThan(0);
    expect(located.every((l) => l.approximate)).toBe(true);
    const hotline = directory.find((s) => s.name === 'National Human Trafficking Hotline')!;
    expect(reader.points([hotline.id])).toEqual([]);
  });

  it('carries the DOJ complaint line as voice and TTY, and text lines with what to send', () => {
    const doj = directory.find((s) => s.phones.some((p: Json) => p.number === '1-888-428-7581'))!;
    expect((doj.phones as Json[]).map((p) => p.type).sort()).toEqual(['textphone', 'voice']);
    const texts = directory.flatMap((s) => (s.phones as Json[]).filter((p) => p.type === 'text'));
    expect(texts.length).toBeGreaterThan(0);
    for (const p of texts) expect(p.description).toMatch(/\S/);
  });
});
