import { confidentialLocationIds } from '../../db/confidential-location';
import { scalarFields } from '../check/hsds-ajv';
import { HSDS_SCHEMAS } from '../check/schemas';
import type { HsdsTable, Row, TableRows } from '../../db/hsds-tables';
import { withUuidIds } from './uuid-ids';

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

/** Text fields the official schema requires on each table (no enum or format: "" is a valid value for them). */
const requiredText = new Map<HsdsTable, string[]>();
function requiredTextOf(table: HsdsTable): string[] {
  let fields = requiredText.get(table);
  if (!fields) {
    const scalar = scalarFields(table);
    fields = (HSDS_SCHEMAS[`${table}.json`]?.required ?? []).filter((f) => scalar[f]?.type === 'string' && !scalar[f]!.enum && !scalar[f]!.format);
    requiredText.set(table, fields);
  }
  return fields;
}

/**
 * Rows whose source left out text HSDS 3.1 requires (an HSDS 1.1 program's description, a spreadsheet's
 * state) leave with "" there: the file conforms and nothing is invented, and "" reads back as the same
 * missing value, so the export imported again is still zero changes.
 */
function withRequiredText(tables: TableRows): TableRows {
  const out = { ...tables };
  for (const table of Object.keys(tables) as HsdsTable[]) {
    const fields = requiredTextOf(table);
    if (fields.length === 0) continue;
    out[table] = tables[table].map((row) => (fields.some((f) => row[f] == null) ? { ...row, ...Object.fromEntries(fields.filter((f) => row[f] == null).map((f) => [f, ''])) } : row));
  }
  return out;
}

/** The installed tables as an export writes them: publishable (above), complete and with UUID ids (uuid-ids.ts) as HSDS 3.1 asks. */
export const exportTables = (tables: TableRows): TableRows =>
  withUuidIds(withRequiredText(publishableTables(tables)), new Date().toISOString().slice(0, 10));

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
