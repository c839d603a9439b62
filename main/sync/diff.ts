import type { Db } from '../db/open';
import type { HsdsTable, Row, TableRows } from '../hsds/tables';

// Stand-in until the import issue's diff lands on main: services compared by id, with the service's
// own fields and the rows that hang off it.

export interface ServiceChange {
  id: string;
  name: string;
  fields: string[];
}
export interface DatasetDiff {
  added: { id: string; name: string }[];
  removed: { id: string; name: string }[];
  changed: ServiceChange[];
}

const CHILD_TABLES: HsdsTable[] = ['phone', 'schedule', 'language', 'service_at_location', 'service_area', 'cost_option', 'required_document', 'service_capacity', 'contact'];

type Snapshot = Map<string, { row: Row; children: Map<string, string> }>;

function snapshot(get: (t: HsdsTable) => Row[]): Snapshot {
  const out: Snapshot = new Map();
  for (const row of get('service')) out.set(String(row.id), { row, children: new Map() });
  const owners: [HsdsTable, (row: Row) => unknown][] = [
    ...CHILD_TABLES.map((t): [HsdsTable, (row: Row) => unknown] => [t, (row) => row.service_id]),
    ['attribute', (row) => (row.link_entity === 'service' ? row.link_id : null)],
  ];
  for (const [table, ownerOf] of owners) {
    const byService = new Map<string, string[]>();
    for (const row of get(table)) {
      const sid = ownerOf(row);
      if (typeof sid !== 'string') continue;
      const list = byService.get(sid) ?? [];
      list.push(stable(row));
      byService.set(sid, list);
    }
    for (const [sid, list] of byService) out.get(sid)?.children.set(table, list.sort().join('\n'));
  }
  return out;
}

const stable = (row: Row): string =>
  JSON.stringify(Object.keys(row).sort().filter((k) => row[k] != null).map((k) => [k, row[k]]));

const norm = (v: unknown): unknown => (v === undefined ? null : v);

export function diffDataset(db: Db, next: TableRows): DatasetDiff {
  const before = snapshot((t) => db.prepare(`SELECT * FROM ${t}`).all() as Row[]);
  const after = snapshot((t) => next[t]);
  const diff: DatasetDiff = { added: [], removed: [], changed: [] };
  for (const [id, a] of after) {
    const b = before.get(id);
    const name = String(a.row.name ?? id);
    if (!b) {
      diff.added.push({ id, name });
      continue;
    }
    const fields = [...new Set([...Object.keys(a.row), ...Object.keys(b.row)])].filter(
      (k) => JSON.stringify(norm(a.row[k])) !== JSON.stringify(norm(b.row[k])),
    );
    for (const t of CHILD_TABLES.concat('attribute')) if ((a.children.get(t) ?? '') !== (b.children.get(t) ?? '')) fields.push(t);
    if (fields.length > 0) diff.changed.push({ id, name, fields: fields.sort() });
  }
  for (const [id, b] of before) if (!after.has(id)) diff.removed.push({ id, name: String(b.row.name ?? id) });
  return diff;
}
