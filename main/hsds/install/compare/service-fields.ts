import type { FieldChange } from '../../../../shared/import-types';
import { isConfidentialTerm } from '../../../db/confidential-location';
import type { HsdsTable, Row } from '../../../db/hsds-tables';
import type { StepProgress, Steps } from '../../../jobs/steps';
import { hsdsColumns } from '../../read/table-info';

/** One value as the database would hold it, so "3" from a CSV equals 3 from SQLite and "" equals null. */
export function normalise(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** What hangs off a row of each table, and the field that links it back (left out of the child's fields). */
export const CHILDREN: Partial<Record<HsdsTable, [label: string, table: HsdsTable, fk: string][]>> = {
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
export const PARENTS = new Map<HsdsTable, [parent: HsdsTable, fk: string][]>();
for (const [parent, relations] of Object.entries(CHILDREN) as [HsdsTable, [string, HsdsTable, string][]][]) {
  for (const [, child, fk] of relations) PARENTS.set(child, [...(PARENTS.get(child) ?? []), [parent, fk]]);
}

/** The rows of one side of a comparison that a service's fields are read from. */
export interface Indexer {
  /** A row's children in one table, in the table's order. */
  children: (table: HsdsTable, fk: string, id: string) => Row[];
  byId: (table: HsdsTable, id: unknown) => Row | undefined;
  isConfidential: (location: Row) => boolean;
}

/**
 * Whether any of a location's attributes flags it confidential, by the rule of confidentialLocationIds
 * (db/confidential-location.ts): asked of the attributes linked to one location rather than of a table.
 */
export function confidentialAmong(attributes: readonly Row[], terms: ReadonlyMap<string, Row>, verdicts: Map<string, boolean>): boolean {
  for (const a of attributes) {
    if (a.link_entity !== 'location') continue;
    const termId = String(a.taxonomy_term_id);
    let verdict = verdicts.get(termId);
    if (verdict === undefined) verdicts.set(termId, (verdict = isConfidentialTerm(terms.get(termId) ?? { id: termId })));
    if (verdict) return true;
  }
  return false;
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

/** The fields of a service that differ between its stored (`old`) and its new self. */
export function fieldChanges(old: Row, next: Row, a: Indexer, b: Indexer): FieldChange[] {
  const before = serviceFields(old, a);
  const after = serviceFields(next, b);
  const fields: FieldChange[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const o = before.get(key);
    const n = after.get(key);
    const { table, column } = (n ?? o)!;
    if ((o?.value ?? null) !== (n?.value ?? null)) fields.push({ field: key, table, column, kind: n?.kind ?? o?.kind ?? null, old: o?.value ?? null, new: n?.value ?? null });
  }
  return fields;
}

/** Rows walked between two yields while finding the services a change shows up under. */
const TOUCHED_BATCH = 10_000;

/**
 * The services that a set of added, changed or removed rows can show up under (see serviceFields): each
 * row's parents, up to the service; a location's services through service_at_location; an organization's
 * services. Only these need their fields compared, which spares walking every service of a large
 * directory when an update touches a few. Each row is looked up on every side given.
 */
export function* servicesTouched(sides: Pick<Indexer, 'byId' | 'children'>[], rows: [HsdsTable, string][], progress: StepProgress): Steps<Set<string>> {
  const touched = new Set<string>();
  const seen = new Set<string>();
  const queue = [...rows];
  for (let n = 1; queue.length > 0; n++) {
    // An update that rewrites every row queues them all.
    if (n % TOUCHED_BATCH === 0) yield progress;
    const [table, id] = queue.pop()!;
    const key = `${table}\u0000${id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (table === 'service') {
      touched.add(id);
      continue;
    }
    for (const ix of sides) {
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
