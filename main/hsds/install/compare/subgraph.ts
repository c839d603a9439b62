import type { HsdsTable, Row } from '../../../db/hsds-tables';
import { CHILDREN, confidentialAmong, normalise, type Indexer } from './service-fields';

/**
 * One side's rows of a table whose `column` holds one of these ids, in the table's order: the dataset's
 * by a pass over its rows, the stored ones through SQLite's indexes (source-tables.ts, sourceRowsWhere).
 */
export type RowsWhere = (table: HsdsTable, column: string, ids: readonly string[]) => Generator<void, Row[], void>;

interface Loaded<T> {
  ids: Set<string>;
  rows: Map<string, T>;
}

/**
 * The lookups serviceFields walks for these services only, on one side: the rows under them (their
 * children, their sites and the sites' children, the phones' languages) and their organizations, loaded
 * level by level. Each lookup holds, for every id it was asked for, what the lookup over the whole side
 * (table-lookups.ts) would give; asked for any other, it throws, so a walk cannot quietly read less.
 */
export function* subgraph(rowsWhere: RowsWhere, services: readonly string[], terms: readonly Row[]): Generator<void, Indexer, void> {
  const children = new Map<string, Loaded<Row[]>>();
  const byIds = new Map<HsdsTable, Loaded<Row>>();
  const entry = <T>(m: Map<string, Loaded<T>>, key: string) => {
    let e = m.get(key);
    if (!e) m.set(key, (e = { ids: new Set(), rows: new Map() }));
    return e;
  };
  const fresh = (loaded: Set<string>, ids: Iterable<string>) => {
    const wanted = [...new Set(ids)].filter((id) => !loaded.has(id));
    for (const id of wanted) loaded.add(id);
    return wanted;
  };
  function* loadChildren(parent: HsdsTable, ids: Iterable<string>): Generator<void, void, void> {
    const list = [...ids];
    for (const [, table, column] of CHILDREN[parent] ?? []) {
      const e = entry(children, `${table}.${column}`);
      const wanted = fresh(e.ids, list);
      if (wanted.length === 0) continue;
      for (const r of yield* rowsWhere(table, column, wanted)) {
        const k = normalise(r[column]);
        if (k === null) continue;
        let rows = e.rows.get(k);
        if (!rows) e.rows.set(k, (rows = []));
        rows.push(r);
      }
    }
  }
  function* loadById(table: HsdsTable, ids: Iterable<string>): Generator<void, void, void> {
    const e = entry(byIds as Map<string, Loaded<Row>>, table);
    const wanted = fresh(e.ids, ids);
    if (wanted.length > 0) for (const r of yield* rowsWhere(table, 'id', wanted)) e.rows.set(String(r.id), r);
  }
  const termsById = new Map(terms.map((r) => [String(r.id), r]));
  const verdicts = new Map<string, boolean>();
  const ix: Indexer = {
    children: (table, fk, id) => {
      const e = children.get(`${table}.${fk}`);
      if (!e?.ids.has(id)) throw new Error(`the comparison did not load ${table} rows of ${fk} ${id}`);
      return e.rows.get(id) ?? [];
    },
    byId: (table, id) => {
      const e = byIds.get(table);
      if (!e?.ids.has(String(id))) throw new Error(`the comparison did not load ${table} ${String(id)}`);
      return e.rows.get(String(id));
    },
    isConfidential: (location) => confidentialAmong(ix.children('attribute', 'link_id', String(location.id)), termsById, verdicts),
  };
  const ids = (rows: (Row | undefined)[]) => rows.filter((r) => r !== undefined).map((r) => String(r.id));

  yield* loadById('service', services);
  const found = services.map((id) => ix.byId('service', id)).filter((r) => r !== undefined);
  yield* loadChildren('service', ids(found));
  const sites = found.flatMap((s) => ix.children('service_at_location', 'service_id', String(s.id)));
  yield* loadChildren('service_at_location', ids(sites));
  yield* loadById('location', sites.map((r) => String(r.location_id)));
  const locations = sites.map((r) => ix.byId('location', r.location_id));
  yield* loadChildren('location', ids(locations));
  const phones = [
    ...found.flatMap((s) => ix.children('phone', 'service_id', String(s.id))),
    ...sites.flatMap((r) => ix.children('phone', 'service_at_location_id', String(r.id))),
    ...ids(locations).flatMap((id) => ix.children('phone', 'location_id', id)),
  ];
  yield* loadChildren('phone', ids(phones));
  yield* loadById('organization', found.map((s) => String(s.organization_id)));
  return ix;
}

/** Rows of the dataset passed between two yields while picking out a few services' rows. */
const PASS_BATCH = 20_000;

/** RowsWhere over the dataset's rows in memory. */
export const datasetRowsWhere = (tables: Record<HsdsTable, Row[]>): RowsWhere =>
  function* (table, column, ids) {
    const wanted = new Set(ids);
    const out: Row[] = [];
    for (const [i, r] of tables[table].entries()) {
      if (i > 0 && i % PASS_BATCH === 0) yield;
      const k = column === 'id' ? String(r.id) : normalise(r[column]);
      if (k !== null && wanted.has(k)) out.push(r);
    }
    return out;
  };
