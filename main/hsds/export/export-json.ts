import type { ReadDb } from '../../db/open';
import { exportTables, withoutNulls } from './export-common';
import { NESTING } from '../read/flatten-json';
import { readTables } from '../read/read-tables';
import type { HsdsTable, Row, TableRows } from '../../db/hsds-tables';
import { runSteps } from '../../jobs/steps';

/**
 * The installed directory (or the rows given: one source's) as HSDS 3.1 service-centric JSON (an array
 * of services), the inverse of flatten-json.ts: each service with its organization, locations, phones, hours... nested.
 */
export const exportHsdsJson = (db: ReadDb, rows: TableRows = readTables(db)): Row[] => nestServices(exportTables(rows));

/** Rows indexed (once for each key they are listed by), or services nested, between two yields of a long nesting: some tens of milliseconds. */
const ROWS_BETWEEN_YIELDS = 10_000;
const SERVICES_BETWEEN_YIELDS = 500;

/** nestServicesSteps straight through. */
export const nestServices = (tables: TableRows): Row[] => runSteps(nestServicesSteps(tables));

/**
 * Rows as service-centric JSON, exactly as stored (no export rules applied): what an incremental pull
 * merges the changed services into, and reads back as the same rows. Yields while indexing the rows and
 * between batches of services, so the app answers while a statewide source is nested. A record that
 * services point at (an organization and its sites, a program, a term) is nested once and the same object
 * is shared by every service pointing at it: nested anew for each, an organization's ten sites were most
 * of the work and of the memory. The result is read-only.
 */
export function* nestServicesSteps(tables: TableRows): Generator<void, Row[], void> {
  // Each table's rows by the parent id in each of its foreign keys, and the rows pointed at by id.
  const lists = new Map<HsdsTable, Map<string, Map<string, Row[]>>>();
  const byId = new Map<HsdsTable, Map<string, Row>>();
  let indexed = 0;
  for (const [table, fks] of LISTED_BY) {
    const byFk = new Map(fks.map((fk) => [fk, new Map<string, Row[]>()]));
    for (const r of tables[table]) {
      indexed += fks.length;
      if (indexed >= ROWS_BETWEEN_YIELDS) {
        indexed = 0;
        yield;
      }
      for (const [fk, m] of byFk) {
        if (r[fk] == null) continue;
        const k = String(r[fk]);
        const rows = m.get(k);
        if (rows) rows.push(r);
        else m.set(k, [r]);
      }
    }
    lists.set(table, byFk);
  }
  for (const table of POINTED_AT) {
    const m = new Map<string, Row>();
    for (const r of tables[table]) {
      if (++indexed >= ROWS_BETWEEN_YIELDS) {
        indexed = 0;
        yield;
      }
      m.set(String(r.id), r);
    }
    byId.set(table, m);
  }
  const list = (table: HsdsTable, fk: string, id: string): Row[] => lists.get(table)!.get(fk)!.get(id) ?? [];
  const shared = new Map<Row, Row>();

  const nest = (table: HsdsTable, row: Row): Row => {
    const out = withoutNulls(table, row);
    const id = String(row.id);
    for (const [key, child] of Object.entries(NESTING[table] ?? {})) {
      if (child.kind === 'array') {
        const items = list(child.table, child.fk, id);
        if (items.length > 0) out[key] = items.map((c) => nest(child.table, c));
      } else if (row[child.ref] != null) {
        const target = byId.get(child.table)!.get(String(row[child.ref]));
        if (target) {
          let nested = shared.get(target);
          if (!nested) shared.set(target, (nested = nest(child.table, target)));
          out[key] = nested;
        }
      }
    }
    const attributes = list('attribute', 'link_id', id).filter((a) => a.link_entity === table);
    if (attributes.length > 0) out.attributes = attributes.map((a) => nest('attribute', a));
    const metadata = list('metadata', 'resource_id', id).filter((m) => m.resource_type === table);
    if (metadata.length > 0) out.metadata = metadata.map((m) => nest('metadata', m));
    return out;
  };
  const services: Row[] = [];
  for (const s of tables.service) {
    if (services.length > 0 && services.length % SERVICES_BETWEEN_YIELDS === 0) yield;
    services.push(nest('service', s));
  }
  return services;
}

/** Each table whose rows nest in lists, with the foreign keys naming the row they nest under. */
const LISTED_BY = new Map<HsdsTable, string[]>([
  ['attribute', ['link_id']],
  ['metadata', ['resource_id']],
]);
for (const nesting of Object.values(NESTING)) {
  for (const child of Object.values(nesting)) {
    if (child.kind !== 'array') continue;
    const fks = LISTED_BY.get(child.table) ?? [];
    if (!fks.includes(child.fk)) LISTED_BY.set(child.table, [...fks, child.fk]);
  }
}

/** The tables whose rows nest as one object under the rows pointing at them. */
const POINTED_AT = new Set(Object.values(NESTING).flatMap((nesting) => Object.values(nesting).flatMap((child) => (child.kind === 'object' ? [child.table] : []))));
