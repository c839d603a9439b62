import type { ReadDb } from '../../db/open';
import { exportTables, withoutNulls } from './export-common';
import { NESTING } from '../read/flatten-json';
import { readTables } from '../read/read-tables';
import type { HsdsTable, Row, TableRows } from '../../db/hsds-tables';

/**
 * The installed directory (or the rows given: one source's) as HSDS 3.1 service-centric JSON (an array
 * of services), the inverse of flatten-json.ts: each service with its organization, locations, phones, hours... nested.
 */
export const exportHsdsJson = (db: ReadDb, rows: TableRows = readTables(db)): Row[] => nestServices(exportTables(rows));

/**
 * Rows as service-centric JSON, exactly as stored (no export rules applied): what an incremental pull
 * merges the changed services into, and reads back as the same rows.
 */
export function nestServices(tables: TableRows): Row[] {
  const groups = new Map<string, Map<string, Row[]>>();
  const byId = new Map<HsdsTable, Map<string, Row>>();
  const group = (table: HsdsTable, fk: string, id: string): Row[] => {
    const key = `${table}.${fk}`;
    let m = groups.get(key);
    if (!m) {
      m = new Map();
      for (const r of tables[table]) {
        if (r[fk] == null) continue;
        const k = String(r[fk]);
        if (!m.has(k)) m.set(k, []);
        m.get(k)!.push(r);
      }
      groups.set(key, m);
    }
    return m.get(id) ?? [];
  };
  const find = (table: HsdsTable, id: unknown): Row | undefined => {
    let m = byId.get(table);
    if (!m) byId.set(table, (m = new Map((tables as TableRows)[table].map((r) => [String(r.id), r]))));
    return m.get(String(id));
  };

  const nest = (table: HsdsTable, row: Row): Row => {
    const out = withoutNulls(table, row);
    const id = String(row.id);
    for (const [key, child] of Object.entries(NESTING[table] ?? {})) {
      if (child.kind === 'array') {
        const items = group(child.table, child.fk, id);
        if (items.length > 0) out[key] = items.map((c) => nest(child.table, c));
      } else if (row[child.ref] != null) {
        const target = find(child.table, row[child.ref]);
        if (target) out[key] = nest(child.table, target);
      }
    }
    const attributes = group('attribute', 'link_id', id).filter((a) => a.link_entity === table);
    if (attributes.length > 0) out.attributes = attributes.map((a) => nest('attribute', a));
    const metadata = group('metadata', 'resource_id', id).filter((m) => m.resource_type === table);
    if (metadata.length > 0) out.metadata = metadata.map((m) => nest('metadata', m));
    return out;
  };
  return tables.service.map((s) => nest('service', s));
}
