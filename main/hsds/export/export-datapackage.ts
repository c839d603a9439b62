import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadDb } from '../../db/open';
import { exportTables } from './export-common';
import { scalarFields } from '../check/hsds-ajv';
import { readTables } from '../read/read-tables';
import { hsdsColumns } from '../read/table-info';
import { HSDS_TABLES, type HsdsTable, type TableRows } from '../../db/hsds-tables';

/** File names of the official HSDS 3.1 datapackage (openreferral/specification datapackage.json). */
export const DATAPACKAGE_FILES: Record<HsdsTable, string> = {
  organization: 'organizations.csv', program: 'programs.csv', service: 'services.csv', attribute: 'attributes.csv',
  service_at_location: 'service_at_location.csv', location: 'locations.csv', phone: 'phones.csv', contact: 'contacts.csv',
  address: 'addresses.csv', schedule: 'schedules.csv', funding: 'funding.csv', service_area: 'service_areas.csv',
  required_document: 'required_documents.csv', language: 'languages.csv', accessibility: 'accessibility.csv',
  taxonomy_term: 'taxonomy_terms.csv', metadata: 'metadata.csv', cost_option: 'cost_options.csv',
  organization_identifier: 'organization_identifiers.csv', taxonomy: 'taxonomies.csv', service_capacity: 'service_capacity.csv',
  unit: 'units.csv', url: 'url.csv',
};

/** A missing value is a bare empty cell; an empty string is "" (the reader tells the two apart). */
function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v === '') return '""';
  const s = typeof v === 'string' ? v : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export interface DatapackageInfo {
  name: string;
  version: string | null;
}

/**
 * Writes the installed directory as an HSDS 3.1 tabular datapackage: one UTF-8 CSV per table (every
 * column the app stores) and a datapackage.json listing them. Returns the files written, relative to dir.
 */
export const exportDatapackage = (db: ReadDb, dir: string, info?: DatapackageInfo): string[] =>
  writeDatapackage(exportTables(readTables(db)), dir, info);

/** Writes tables as a datapackage, exactly as exportDatapackage does the installed directory. */
export function writeDatapackage(tables: TableRows, dir: string, info: DatapackageInfo = { name: 'referral-atlas-directory', version: null }): string[] {
  mkdirSync(dir, { recursive: true });
  const resources = HSDS_TABLES.map((t) => {
    const cols = hsdsColumns(t);
    const lines = [cols.join(',')];
    for (const row of tables[t]) lines.push(cols.map((c) => csvCell(row[c])).join(','));
    writeFileSync(join(dir, DATAPACKAGE_FILES[t]), `${lines.join('\r\n')}\r\n`);
    const fields = scalarFields(t);
    return {
      name: t,
      path: DATAPACKAGE_FILES[t],
      profile: 'tabular-data-resource',
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      schema: { fields: cols.map((c) => ({ name: c, type: fields[c]?.type === 'number' ? 'number' : 'string' })), primaryKey: 'id' },
    };
  });
  const descriptor = { profile: 'tabular-data-package', name: info.name, ...(info.version ? { version: info.version } : {}), resources };
  writeFileSync(join(dir, 'datapackage.json'), `${JSON.stringify(descriptor, null, 2)}\n`);
  return ['datapackage.json', ...resources.map((r) => r.path)];
}
