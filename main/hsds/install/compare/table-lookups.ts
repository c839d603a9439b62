import { confidentialLocationIds } from '../../../db/confidential-location';
import type { HsdsTable, Row, TableRows } from '../../../db/hsds-tables';
import { CHILDREN, normalise, type Indexer } from './service-fields';

/** Rows put into a lookup between two yields of a long comparison. */
const LOOKUP_BATCH = 10_000;

/** The (table, link) lookups serviceFields and servicesTouched walk. */
export const CHILD_LOOKUPS: [HsdsTable, string][] = [
  ...Object.values(CHILDREN).flatMap((relations) => relations.map(([, table, fk]) => [table, fk] as [HsdsTable, string])),
  ['service', 'organization_id'],
];
export const ID_LOOKUPS: HsdsTable[] = ['service', 'location', 'organization'];

export interface TableLookups extends Indexer {
  /** Builds these lookups (all that a service's fields need, by default), yielding between batches of rows. */
  prepare: (children?: [HsdsTable, string][], ids?: HsdsTable[]) => Generator<void, void, void>;
}

/** Lookups over every row of a side's tables, each built whole on first use or by prepare(). */
export function tableLookups(tables: TableRows): TableLookups {
  const fkMaps = new Map<string, Map<string, Row[]>>();
  const idMaps = new Map<HsdsTable, Map<string, Row>>();
  let confidential: Set<string> | undefined;
  function* fillChildren(table: HsdsTable, fk: string, m: Map<string, Row[]>): Generator<void, void, void> {
    for (const [i, r] of tables[table].entries()) {
      if (i > 0 && i % LOOKUP_BATCH === 0) yield;
      const k = normalise(r[fk]);
      if (k === null) continue;
      let list = m.get(k);
      if (!list) m.set(k, (list = []));
      list.push(r);
    }
  }
  function* fillIds(table: HsdsTable, m: Map<string, Row>): Generator<void, void, void> {
    for (const [i, r] of tables[table].entries()) {
      if (i > 0 && i % LOOKUP_BATCH === 0) yield;
      m.set(String(r.id), r);
    }
  }
  const drain = (steps: Generator<void, void, void>) => {
    for (const _ of steps);
  };
  return {
    isConfidential: (location) => (confidential ??= confidentialLocationIds(tables)).has(String(location.id)),
    children: (table, fk, id) => {
      const key = `${table}.${fk}`;
      let m = fkMaps.get(key);
      if (!m) {
        fkMaps.set(key, (m = new Map()));
        drain(fillChildren(table, fk, m));
      }
      return m.get(id) ?? [];
    },
    byId: (table, id) => {
      let m = idMaps.get(table);
      if (!m) {
        idMaps.set(table, (m = new Map()));
        drain(fillIds(table, m));
      }
      return m.get(String(id));
    },
    *prepare(children = CHILD_LOOKUPS, ids = ID_LOOKUPS) {
      for (const [table, fk] of children) {
        if (fkMaps.has(`${table}.${fk}`)) continue;
        const m = new Map<string, Row[]>();
        yield* fillChildren(table, fk, m);
        fkMaps.set(`${table}.${fk}`, m);
      }
      for (const table of ids) {
        if (idMaps.has(table)) continue;
        const m = new Map<string, Row>();
        yield* fillIds(table, m);
        idMaps.set(table, m);
      }
      if (children === CHILD_LOOKUPS) confidential ??= confidentialLocationIds(tables);
    },
  };
}
