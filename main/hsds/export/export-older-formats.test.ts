import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture } from '../../test-support/fixtures';
import { tempDb } from '../../test-support/temp-db';
import { applyChecked, checkDataset } from '../install/apply';
import { writeDatapackage, DATAPACKAGE_FILES } from './export-datapackage';
import { exportTables } from './export-common';
import { readSourceTables } from '../../sources/source-tables';
import { exportHsdsJson } from './export-json';
import { fullSchemaValidator } from '../check/hsds-ajv';
import { coerceCell } from '../read/coerce';
import { parseCsv } from '../read/csv-text';
import { readTables } from '../read/read-tables';
import { derivedUuid, ID_REPLACED } from './uuid-ids';
import { HSDS_TABLES, type HsdsTable, type Row } from '../../db/hsds-tables';

// Directories that came in through older or looser formats (HSDS 1.1, an Ohana export, a spreadsheet, the
// bundled directory with its vocabulary ids) leave as HSDS 3.1 that the official schemas accept, and the
// export read back changes nothing.
const SHEET = 'Organization,Service Name,Phone,Languages,Address,City,ZIP\nSYNTHETIC Org,SYNTHETIC Shelter,555-0100,"English, Spanish",1 Main St,Fresno,93701\n';
const UUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

const invalid = (validate: ReturnType<typeof fullSchemaValidator>, doc: unknown) =>
  validate(doc) ? null : JSON.stringify(validate.errors?.slice(0, 3));

/** Each CSV of an exported datapackage, row by row, against its table's official schema. */
function datapackageProblems(dir: string): string[] {
  const problems: string[] = [];
  for (const table of HSDS_TABLES) {
    const validate = fullSchemaValidator(`${table}.json`);
    const csv = parseCsv(readFileSync(join(dir, DATAPACKAGE_FILES[table])), DATAPACKAGE_FILES[table]);
    csv.rows.forEach((cells, i) => {
      const row: Row = {};
      csv.header.forEach((h, j) => {
        if (cells[j] !== '' || csv.isQuotedEmpty(i, j)) row[h] = coerceCell(table, h, cells[j]!) ?? '';
      });
      const bad = invalid(validate, row);
      if (bad) problems.push(`${table} row ${i + 2}: ${bad}`);
    });
  }
  return problems;
}

describe('exports of directories imported from older formats stay HSDS 3.1', { timeout: 60_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const setup = (starter = false) => {
    const t = tempDb({ starter });
    const dir = mkdtempSync(join(tmpdir(), 'atlas-export-older-'));
    cleanups.push(t.cleanup, () => rmSync(dir, { recursive: true, force: true }));
    return { db: t.db, dir };
  };
  const sources: [string, (dir: string) => string | null][] = [
    ['an HSDS 1.1 datapackage', () => fixture('hsds11', 'all_resources')],
    ['an Ohana CSV export', () => fixture('ohana-sanmateo')],
    ['a spreadsheet', (dir) => {
      writeFileSync(join(dir, 'sheet.csv'), SHEET);
      return join(dir, 'sheet.csv');
    }],
    ['the bundled directory alone', () => null],
  ];

  for (const [what, source] of sources) {
    it(`${what}: JSON and datapackage exports pass the official schemas and read back as zero changes`, () => {
      const { db, dir } = setup(source === sources[3]![1]);
      const path = source(dir);
      if (path) applyChecked(db, checkDataset(db, path));
      const before = readTables(db);
      // The source the directory came in as: exported with its publisher's ids and checked back into it.
      const name = path ? (db.prepare("SELECT name FROM source WHERE kind = 'file'").pluck().get() as string) : 'bundled';
      const rows = readSourceTables(db, name);

      const services = exportHsdsJson(db, rows);
      const validate = fullSchemaValidator('service.json');
      for (const s of services) expect(invalid(validate, s), String(s.name)).toBeNull();
      writeDatapackage(exportTables(rows), join(dir, 'pkg'), { name, version: null });
      expect(datapackageProblems(join(dir, 'pkg'))).toEqual([]);
      for (const file of readdirSync(join(dir, 'pkg')).filter((f) => f.endsWith('.csv'))) {
        const csv = parseCsv(readFileSync(join(dir, 'pkg', file)), file);
        for (const cells of csv.rows) expect(cells[csv.header.indexOf('id')], file).toMatch(UUID);
      }

      writeFileSync(join(dir, 'all.json'), JSON.stringify(services));
      const pkg = checkDataset(db, join(dir, 'pkg'), { sourceName: name }).report;
      expect(pkg.errors).toEqual([]);
      expect(pkg.diff).toMatchObject({ identical: true, added: [], removed: [], changed: [] });
      // Service-centric JSON carries only what hangs off a service (a taxonomy term no one uses stays behind).
      const json = checkDataset(db, join(dir, 'all.json'), { sourceName: name }).report;
      expect(json.errors).toEqual([]);
      expect(json.diff).toMatchObject({ added: [], removed: [], changed: [] });
      for (const counts of Object.values(json.diff!.tables)) expect(counts).toMatchObject({ added: 0, changed: 0 });
      // The directory keeps the publisher's own ids; only the files carry the UUIDs.
      expect(readTables(db)).toEqual(before);
    });
  }

  it('a record\'s UUID derives from its table and source id, the same in every export, and the original id is on record', () => {
    const { db } = setup();
    applyChecked(db, checkDataset(db, fixture('hsds11', 'all_resources')));
    const holiday = readTables(db).schedule.find((s) => String(s.id).startsWith('holiday-'))!;
    const uuid = derivedUuid('schedule', String(holiday.id));
    const json = JSON.stringify(exportHsdsJson(db));
    expect(json).toContain(uuid);
    expect(JSON.stringify(exportHsdsJson(db))).toBe(json);
    const services = exportHsdsJson(db) as { schedules?: { id: string; metadata?: Row[] }[] }[];
    const schedule = services.flatMap((s) => s.schedules ?? []).find((s) => s.id === uuid)!;
    expect(schedule.metadata).toContainEqual(expect.objectContaining({ field_name: 'id', previous_value: holiday.id, replacement_value: uuid, last_action_type: ID_REPLACED }));
  });

  it('a metadata row claiming an id change that does not derive from the id is kept as data, not obeyed', () => {
    const { db, dir } = setup();
    const service = {
      id: 'c0ffee00-0000-4000-8000-000000000001', name: 'SYNTHETIC service', status: 'active',
      organization: { id: 'c0ffee00-0000-4000-8000-000000000002', name: 'SYNTHETIC Org', description: 'x' },
      metadata: [{ id: 'c0ffee00-0000-4000-8000-000000000003', last_action_date: '2026-01-01', last_action_type: ID_REPLACED, field_name: 'id', previous_value: 'someone-elses-id', replacement_value: 'c0ffee00-0000-4000-8000-000000000001', updated_by: 'x' }],
    };
    writeFileSync(join(dir, 'claim.json'), JSON.stringify([service]));
    const checked = checkDataset(db, join(dir, 'claim.json'));
    expect(checked.report.errors).toEqual([]);
    expect(checked.tables!.service[0]!.id).toBe(service.id);
    expect(checked.tables!.metadata).toHaveLength(1);
    const table: HsdsTable = 'service';
    expect(derivedUuid(table, 'someone-elses-id')).not.toBe(service.id);
  });
});
