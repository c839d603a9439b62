import type { DatasetDiff, FieldChange, ServiceChange, TableChangeCount } from '../../../shared/import-types';
import { confidentialLocationIds } from '../../db/confidential-location';
import type { ReadDb } from '../../db/open';
import { eachInBatches, runSteps, type StepProgress, type Steps } from '../../jobs/steps';
import { hsdsColumns } from '../read/table-info';
import { HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';
import { readSourceTablesSteps } from '../../sources/source-tables';
import { changeCollector, latestInstall, type ChangeCollector, type RowChanges } from './row-changes';
import { storedSource } from '../../sources/source-target';

/** One value as the database would hold it, so "3" from a CSV equals 3 from SQLite and "" equals null. */
export function normalise(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** What hangs off a row of each table, and the field that links it back (left out of the child's fields). */
const CHILDREN: Partial<Record<HsdsTable, [label: string, table: HsdsTable, fk: string][]>> = {
  service: [
    ['phones', 'phone', 'service_id'], ['schedules', 'schedule', 'service_id'], ['languages', 'language', 'service_id'],
    ['contacts', 'contact', 'service_id'], ['service_areas', 'service_area', 'service_id'], ['cost_options', 'cost_option', 'service_id'],
    ['required_documents', 'required_document', 'service_id'], ['funding', 'funding', 'service_id'], ['additional_urls', 'url', 'service_id'],
    ['capacities', 'service_capacity', 'service_id'], ['attributes', 'attribute', 'link_id'], ['locations', 'service_at_location', 'service_id'],
  ],
  service_at_location: [
    ['phones', 'phone', 'service_at_location_id'], ['schedules', 'schedule', 'service_at_location_id'],
    ['contacts', 'contact', 'service_at_location_id'], ['service_areas', 'service_area', 'service_at_location_id'],
  ],
  location: [
    ['addresses', 'address', 'location_id'], ['phones', 'phone', 'location_id'], ['schedules', 'schedule', 'location_id'],
    ['languages', 'language', 'location_id'], ['accessibility', 'accessibility', 'location_id'], ['attributes', 'attribute', 'link_id'],
  ],
  phone: [['languages', 'language', 'phone_id']],
};

/** The other way: the rows each child row hangs off, and the field that points to them. */
const PARENTS = new Map<HsdsTable, [parent: HsdsTable, fk: string][]>();
for (const [parent, relations] of Object.entries(CHILDREN) as [HsdsTable, [string, HsdsTable, string][]][]) {
  for (const [, child, fk] of relations) PARENTS.set(child, [...(PARENTS.get(child) ?? []), [parent, fk]]);
}

type Index = (table: HsdsTable, fk: string, id: string) => Row[];

interface Indexer {
  children: Index;
  byId: (table: HsdsTable, id: unknown) => Row | undefined;
  isConfidential: (location: Row) => boolean;
  /** Builds every lookup a service's fields need, yielding between batches of rows (see diffTables). */
  prepare: () => Generator<void, void, void>;
}

/** Rows put into a lookup between two yields of a long comparison. */
const LOOKUP_BATCH = 10_000;

/** The (table, link) lookups serviceFields and servicesTouched walk. */
const CHILD_LOOKUPS: [HsdsTable, string][] = [
  ...Object.values(CHILDREN).flatMap((relations) => relations.map(([, table, fk]) => [table, fk] as [HsdsTable, string])),
  ['service', 'organization_id'],
];
const ID_LOOKUPS: HsdsTable[] = ['service', 'location', 'organization'];

function indexer(tables: TableRows): Indexer {
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
    *prepare() {
      for (const [table, fk] of CHILD_LOOKUPS) {
        if (fkMaps.has(`${table}.${fk}`)) continue;
        const m = new Map<string, Row[]>();
        yield* fillChildren(table, fk, m);
        fkMaps.set(`${table}.${fk}`, m);
      }
      for (const table of ID_LOOKUPS) {
        if (idMaps.has(table)) continue;
        const m = new Map<string, Row>();
        yield* fillIds(table, m);
        idMaps.set(table, m);
      }
      confidential ??= confidentialLocationIds(tables);
    },
  };
}

/** Shown instead of a confidential location's point and address, which never leave the main process. */
const CONFIDENTIAL = '(confidential location)';
const PLACE_TABLES: ReadonlySet<HsdsTable> = new Set(['location', 'address']);

/** The column that tells rows of a table apart for a reader: a voice phone from a fax, a postal address from a physical one. */
const KIND_COLUMN: Partial<Record<HsdsTable, string>> = { phone: 'type', address: 'address_type' };

type FieldValue = Omit<FieldChange, 'field' | 'old' | 'new'> & { value: string | null };

/** Every field a coordinator would see for one service, by path (e.g. `phones[p1].number`), with its table and column. */
function serviceFields(service: Row, ix: Indexer): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  const put = (table: HsdsTable, row: Row, prefix: string, skip: string | null, hide = false) => {
    const kindColumn = KIND_COLUMN[table];
    const kind = kindColumn ? normalise(row[kindColumn]) : null;
    for (const c of hsdsColumns(table)) {
      if (c === 'id' || c === skip) continue;
      const value = normalise(row[c]);
      out.set(`${prefix}${c}`, { table, column: c, kind, value: hide && value !== null ? CONFIDENTIAL : value });
    }
  };
  const walk = (table: HsdsTable, row: Row, prefix: string, skip: string | null, depth: number, confidential = false) => {
    const hidden = confidential || (table === 'location' && ix.isConfidential(row));
    put(table, row, prefix, skip, hidden && PLACE_TABLES.has(table));
    if (depth > 3) return;
    const id = String(row.id);
    for (const [label, child, fk] of CHILDREN[table] ?? []) {
      for (const c of ix.children(child, fk, id)) {
        if (child === 'attribute' && c.link_entity !== table) continue;
        walk(child, c, `${prefix}${label}[${String(c.id)}].`, fk, depth + 1, hidden);
      }
    }
    if (table === 'service_at_location') {
      const loc = ix.byId('location', row.location_id);
      if (loc) walk('location', loc, `${prefix}location.`, null, depth + 1);
    }
  };
  walk('service', service, '', null, 0);
  const org = ix.byId('organization', service.organization_id);
  if (org) put('organization', org, 'organization.', null);
  return out;
}

/**
 * The services that a set of added, changed or removed rows can show up under (see serviceFields): each
 * row's parents, up to the service; a location's services through service_at_location; an organization's
 * services. Only these need their fields compared, which spares walking every service of a large
 * directory when an update touches a few.
 */
function* servicesTouched(a: Indexer, b: Indexer, rows: [HsdsTable, string][], progress: StepProgress): Steps<Set<string>> {
  const touched = new Set<string>();
  const seen = new Set<string>();
  const queue = [...rows];
  for (let n = 1; queue.length > 0; n++) {
    // An update that rewrites every row queues them all.
    if (n % ROW_BATCH === 0) yield progress;
    const [table, id] = queue.pop()!;
    const key = `${table}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (table === 'service') {
      touched.add(id);
      continue;
    }
    for (const ix of [a, b]) {
      const row = ix.byId(table, id);
      for (const [parent, fk] of row ? (PARENTS.get(table) ?? []) : []) {
        const parentId = normalise(row![fk]);
        if (parentId !== null && (table !== 'attribute' || row!.link_entity === parent)) queue.push([parent, parentId]);
      }
      if (table === 'location') for (const sal of ix.children('service_at_location', 'location_id', id)) queue.push(['service_at_location', String(sal.id)]);
      if (table === 'organization') for (const s of ix.children('service', 'organization_id', id)) queue.push(['service', String(s.id)]);
    }
  }
  return touched;
}

function rowsEqual(table: HsdsTable, a: Row, b: Row): boolean {
  return hsdsColumns(table).every((c) => a[c] === b[c] || normalise(a[c]) === normalise(b[c]));
}

/**
 * What installing `next` over `current` would change: services added, removed and changed (each
 * changed field with its old and new value, including phones, hours, addresses...), and row counts per
 * table so that a change outside any service is not missed. Yields every COMPARE_BATCH services.
 */
function* diffTables(current: TableRows, next: TableRows, collector?: ChangeCollector): Steps<DatasetDiff> {
  const tables: Record<string, TableChangeCount> = {};
  let identical = true;
  /** Rows added, changed or removed, by table and id. */
  const differing: [HsdsTable, string][] = [];
  const starting = { step: 'comparing', done: 0, total: next.service.length } as const;
  let rows = 0;
  const name = (r: Row) => String(r.name ?? r.id);
  /** Services added and removed, listed as their rows go by rather than in passes of their own. */
  const added: DatasetDiff['added'] = [];
  const removed: DatasetDiff['removed'] = [];
  for (const t of HSDS_TABLES) {
    /** Each stored row's position in the table, by id. */
    const before = new Map<string, number>();
    let at = 0;
    yield* eachInBatches(current[t], ROW_BATCH, starting, (r) => before.set(String(r.id), at++));
    const count: TableChangeCount = { added: 0, removed: 0, changed: 0 };
    const changes = collector?.table(t);
    for (const [position, r] of next[t].entries()) {
      // Every row of every table is compared first: the app answers between batches of them too.
      if (++rows % ROW_BATCH === 0) yield starting;
      const id = String(r.id);
      const stored = before.get(id);
      if (stored === undefined) {
        count.added++;
        changes?.added(position);
        if (t === 'service') added.push({ id, name: name(r) });
      } else {
        // Ids are unique within a table (validation refuses duplicates): what is left in `before` was removed.
        before.delete(id);
        const old = current[t][stored]!;
        // Stored exactly as it would be written, a row is equal for a reader too (stored-form.ts is the stricter).
        if (changes?.kept(position, stored, r, old) || rowsEqual(t, old, r)) continue;
        count.changed++;
      }
      differing.push([t, id]);
    }
    count.removed = before.size;
    for (const [id, stored] of before) {
      differing.push([t, id]);
      changes?.removed(id);
      if (t === 'service') removed.push({ id, name: name(current[t][stored]!) });
    }
    if (count.added || count.removed || count.changed) identical = false;
    tables[t] = count;
  }

  const a = indexer(current);
  const b = indexer(next);
  const changed: ServiceChange[] = [];
  const kept = next.service.length - added.length;
  const compare = !identical && kept > 0;
  if (compare) {
    // The lookups of two statewide directories take seconds to build: built here in batches, not on first use.
    for (const _ of a.prepare()) yield starting;
    for (const _ of b.prepare()) yield starting;
  }
  const touched = compare ? yield* servicesTouched(a, b, differing, starting) : new Set<string>();
  if (touched.size > 0) {
    for (const [i, s] of next.service.entries()) {
      if (i % COMPARE_BATCH === 0) yield { step: 'comparing', done: i, total: next.service.length };
      const old = touched.has(String(s.id)) ? a.byId('service', s.id) : undefined;
      if (!old) continue;
      const before = serviceFields(old, a);
      const after = serviceFields(s, b);
      const fields: FieldChange[] = [];
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const o = before.get(key);
        const n = after.get(key);
        const { table, column } = (n ?? o)!;
        if ((o?.value ?? null) !== (n?.value ?? null)) fields.push({ field: key, table, column, kind: n?.kind ?? o?.kind ?? null, old: o?.value ?? null, new: n?.value ?? null });
      }
      if (fields.length > 0) changed.push({ id: String(s.id), name: name(s), fields });
    }
  }
  return { added, removed, changed, tables, identical };
}

/** Services compared between progress reports. */
const COMPARE_BATCH = 2_000;
/** Rows compared between yields while counting what changed in each table. */
const ROW_BATCH = 10_000;

/** The diff of a dataset against what the source it would replace holds now. */
export const diffDatasets = (db: ReadDb, next: TableRows, source: string): DatasetDiff => runSteps(diffDatasetSteps(db, next, source));

/** Other sources are left as they are by an install, so they are not compared; the shared terms the dataset brings are. */
export function* diffDatasetSteps(db: ReadDb, next: TableRows, source: string): Steps<DatasetDiff> {
  return (yield* diffWithChangesSteps(db, next, source)).diff;
}

/**
 * The diff, and the rows an install of `next` would change (row-changes.ts): null when the source is
 * not installed yet, or another install committed while its rows were being read.
 */
export function* diffWithChangesSteps(db: ReadDb, next: TableRows, source: string): Steps<{ diff: DatasetDiff; changes: RowChanges | null }> {
  const starting = { step: 'comparing', done: 0, total: next.service.length } as const;
  yield starting;
  const basis = latestInstall(db);
  const installed = storedSource(db, source) !== null;
  const reading = readSourceTablesSteps(db, source, new Set(next.taxonomy_term.map((t) => String(t.id))));
  let read = reading.next();
  for (; !read.done; read = reading.next()) yield starting;
  const collector = installed ? changeCollector(db, read.value) : undefined;
  const diff = yield* diffTables(read.value, next, collector);
  return { diff, changes: collector?.finish(next, basis) ?? null };
}
