import { confidentialLocationIds } from '../../db/confidential-location';
import { scalarFields } from '../check/hsds-ajv';
import type { HsdsTable, Row, TableRows } from '../../db/hsds-tables';

/**
 * What an export may carry. A confidential location (a safe house) leaves with its name and phones but
 * without its point or any address, whatever term flagged it: what service-read.ts hides on screen stays
 * out of files too.
 */
export function publishableTables(tables: TableRows): TableRows {
  const confidential = confidentialLocationIds(tables);
  if (confidential.size === 0) return tables;
  return {
    ...tables,
    location: tables.location.map((l) => (confidential.has(String(l.id)) ? { ...l, latitude: null, longitude: null } : l)),
    address: tables.address.filter((a) => !confidential.has(String(a.location_id))),
  };
}

/** A stored value as the schema types it: SQLite keeps phone.extension as text, the schema says number. */
export function schemaValue(table: HsdsTable, field: string, v: unknown): unknown {
  const type = scalarFields(table)[field]?.type;
  if ((type === 'number' || type === 'integer') && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (type === 'string' && typeof v === 'number') return String(v);
  return v;
}

export function withoutNulls(table: HsdsTable, row: Row): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) if (v !== null && v !== undefined) out[k] = schemaValue(table, k, v);
  return out;
}
