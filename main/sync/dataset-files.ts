import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/open';
import { emptyTables, HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../hsds/tables';
import { SyncError } from './sync-error';

// Stand-in until the import issue's HSDS datapackage exporter/reader lands on main: the feed carries the
// directory as one JSON file of table rows. Only these two functions know the file format.
const FILE = 'hsds-tables.json';

/** Writes the installed directory into dir; returns the files written, relative to dir. */
export function exportDataset(db: Db, dir: string): string[] {
  const tables = Object.fromEntries(
    HSDS_TABLES.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]),
  );
  writeFileSync(join(dir, FILE), JSON.stringify(tables));
  return [FILE];
}

/** Reads the downloaded directory files back into table rows, naming the first thing that is wrong. */
export function readDataset(dir: string): TableRows {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(join(dir, FILE), 'utf8'));
  } catch (err) {
    throw new SyncError(`The feed's ${FILE} cannot be read: ${(err as Error).message}. Nothing was changed.`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new SyncError(`The feed's ${FILE} is not an object of tables.`);
  const tables = emptyTables();
  for (const [name, rows] of Object.entries(doc)) {
    if (!(HSDS_TABLES as readonly string[]).includes(name)) throw new SyncError(`The feed's ${FILE} has an unknown table "${name}".`);
    if (!Array.isArray(rows)) throw new SyncError(`The feed's ${FILE}: table "${name}" is not a list.`);
    rows.forEach((row: unknown, i) => {
      if (typeof row !== 'object' || row === null || typeof (row as Row).id !== 'string') {
        throw new SyncError(`The feed's ${FILE}: ${name} row ${i + 1} has no id.`);
      }
    });
    tables[name as HsdsTable] = rows as Row[];
  }
  return tables;
}
