import { runSteps } from '../../jobs/steps';
import { scalarFields } from '../check/hsds-ajv';
import { servicesIn } from './json-shape';
import { emptyTables, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';

/** A nested array whose items belong to the parent: the parent's id goes into `fk` on each item. */
interface ChildArray {
  kind: 'array';
  table: HsdsTable;
  fk: string;
}
/** A nested object the parent points at: its id goes into `ref` on the parent. */
interface ChildObject {
  kind: 'object';
  table: HsdsTable;
  ref: string;
}
export type Nesting = Record<string, ChildArray | ChildObject>;

const arr = (table: HsdsTable, fk: string): ChildArray => ({ kind: 'array', table, fk });
const obj = (table: HsdsTable, ref: string): ChildObject => ({ kind: 'object', table, ref });

const phoneOwner = (fk: string): Nesting => ({ phones: arr('phone', fk) });
const contacts = (fk: string): Nesting => ({ contacts: arr('contact', fk) });
const schedules = (fk: string): Nesting => ({ schedules: arr('schedule', fk) });

/** How HSDS 3.1's service-centric JSON nests one table inside another. */
export const NESTING: Partial<Record<HsdsTable, Nesting>> = {
  service: {
    organization: obj('organization', 'organization_id'),
    program: obj('program', 'program_id'),
    ...phoneOwner('service_id'),
    ...schedules('service_id'),
    ...contacts('service_id'),
    service_areas: arr('service_area', 'service_id'),
    service_at_locations: arr('service_at_location', 'service_id'),
    languages: arr('language', 'service_id'),
    funding: arr('funding', 'service_id'),
    cost_options: arr('cost_option', 'service_id'),
    required_documents: arr('required_document', 'service_id'),
    capacities: arr('service_capacity', 'service_id'),
    additional_urls: arr('url', 'service_id'),
  },
  organization: {
    ...phoneOwner('organization_id'),
    ...contacts('organization_id'),
    locations: arr('location', 'organization_id'),
    programs: arr('program', 'organization_id'),
    funding: arr('funding', 'organization_id'),
    organization_identifiers: arr('organization_identifier', 'organization_id'),
    additional_websites: arr('url', 'organization_id'),
  },
  service_at_location: {
    location: obj('location', 'location_id'),
    ...phoneOwner('service_at_location_id'),
    ...schedules('service_at_location_id'),
    ...contacts('service_at_location_id'),
    service_areas: arr('service_area', 'service_at_location_id'),
  },
  location: {
    ...phoneOwner('location_id'),
    ...schedules('location_id'),
    ...contacts('location_id'),
    addresses: arr('address', 'location_id'),
    languages: arr('language', 'location_id'),
    accessibility: arr('accessibility', 'location_id'),
  },
  contact: phoneOwner('contact_id'),
  phone: { languages: arr('language', 'phone_id') },
  service_capacity: { unit: obj('unit', 'unit_id') },
  attribute: { taxonomy_term: obj('taxonomy_term', 'taxonomy_term_id') },
  taxonomy_term: { taxonomy_detail: obj('taxonomy', 'taxonomy_id') },
};

export interface FlattenProblem {
  path: string;
  message: string;
  /** Which service of the document (from 0) the problem is in. */
  service: number;
}

/** A value as a message quotes it: short, and never a whole nested document. */
const describe = (v: unknown) =>
  typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 60)}...` : v}"` : Array.isArray(v) ? 'a list' : isObject(v) ? 'an object' : String(v);

/**
 * Turns HSDS 3 service-centric JSON (any shape json-shape.ts reads: services, organizations with their
 * services, service_at_locations, lists and API pages of them) into table rows; a document of another
 * shape is one problem saying what it is. Nested objects shared between services (an organization, a taxonomy term) appear once: a later
 * copy may fill fields the first left empty, but a copy that says something else (a phone id under two
 * services, an organization id with two names) is a problem naming both places, since keeping either
 * would silently drop the other. A nested list or object of the wrong shape is named too, and a field
 * the schema types as text or a number keeps whatever it was given, so the validator names its type
 * rather than calling it missing. `onRow` hears where each row was found (the path, and which service of
 * the document), so problems found later can name it.
 */
export const flattenHsdsJson = (doc: unknown, onRow?: (row: Row, path: string, service: number) => void): { tables: TableRows; problems: FlattenProblem[] } =>
  runSteps(flattenHsdsJsonSteps(doc, onRow));

/**
 * Nested records flattened between two yields of a long read (an API pull's listing of a statewide
 * directory): counted in records, not services, since a service merged from the stored source carries its
 * organization's every site, several times what one read from an API does.
 */
const RECORDS_BETWEEN_YIELDS = 10_000;

/** flattenHsdsJson, yielding between services once RECORDS_BETWEEN_YIELDS records were visited. */
export function* flattenHsdsJsonSteps(
  doc: unknown,
  onRow?: (row: Row, path: string, service: number) => void,
): Generator<void, { tables: TableRows; problems: FlattenProblem[] }, void> {
  const tables = emptyTables();
  const found = servicesIn(doc);
  if ('refused' in found) return { tables, problems: [{ path: '$', message: found.refused, service: 0 }] };
  const all: FlattenProblem[] = [];
  let current = 0;
  const problems = { push: (p: Omit<FlattenProblem, 'service'>) => all.push({ ...p, service: current }) };
  const seen = new Map<string, { row: Row; path: string }>();
  /**
   * Objects met again as the same object (an API pull's merged listing shares each stored organization,
   * sites and all, among its services) whose first visit found no problem, by table: visiting one again
   * would add no row and no problem, since a row's fields only ever go from empty to a value.
   */
  const clean = new Map<HsdsTable, WeakMap<object, string>>();

  let visited = 0;
  const visit = (value: unknown, table: HsdsTable, path: string): string | null => {
    visited++;
    const known = isObject(value) ? clean.get(table)?.get(value) : undefined;
    if (known !== undefined) return known;
    const problemsBefore = all.length;
    if (!isObject(value)) {
      problems.push({ path, message: `expected an object for ${table}` });
      return null;
    }
    const id = typeof value.id === 'string' && value.id !== '' ? value.id : null;
    if (!id) {
      problems.push({ path, message: `${table} has no id` });
      return null;
    }
    const row: Row = {};
    const nesting = NESTING[table] ?? {};
    const scalars = scalarFields(table);
    const list = (key: string, child: unknown, of: string): child is unknown[] => {
      if (Array.isArray(child)) return true;
      if (child !== null && child !== undefined) problems.push({ path: `${path}.${key}`, message: `must be a list of ${of} objects, not ${describe(child)}` });
      return false;
    };
    for (const [key, child] of Object.entries(value)) {
      const nest = nesting[key];
      if (key === 'attributes') {
        if (list(key, child, 'attribute')) {
          child.forEach((a, i) => {
            if (isObject(a)) visit({ link_id: id, link_entity: table, ...a }, 'attribute', `${path}.attributes[${i}]`);
            else problems.push({ path: `${path}.attributes[${i}]`, message: 'expected an object for attribute' });
          });
        }
      } else if (key === 'metadata') {
        if (list(key, child, 'metadata')) {
          child.forEach((m, i) => {
            if (isObject(m)) visit({ resource_id: id, resource_type: table, ...m }, 'metadata', `${path}.metadata[${i}]`);
            else problems.push({ path: `${path}.metadata[${i}]`, message: 'expected an object for metadata' });
          });
        }
      } else if (nest?.kind === 'array') {
        if (list(key, child, nest.table)) {
          child.forEach((c, i) => {
            if (isObject(c)) visit({ ...c, [nest.fk]: id }, nest.table, `${path}.${key}[${i}]`);
            else problems.push({ path: `${path}.${key}[${i}]`, message: `expected an object for ${nest.table}` });
          });
        }
      } else if (nest?.kind === 'object') {
        if (child === null || child === undefined) continue;
        const childId = visit(child, nest.table, `${path}.${key}`);
        if (childId) row[nest.ref] = childId;
      } else if (child === null || typeof child !== 'object' || Object.hasOwn(scalars, key)) {
        row[key] = child;
      }
    }
    const key = `${table}\u0000${id}`;
    const earlier = seen.get(key);
    if (earlier) {
      for (const [k, v] of Object.entries(row)) {
        const was = earlier.row[k];
        if (was == null) {
          if (v != null) earlier.row[k] = v;
        } else if (v != null && !sameValue(was, v)) {
          problems.push({
            path,
            message: `${table} id "${id}" is used for two different records: ${k} is ${describe(was)} at ${earlier.path} and ${describe(v)} here; give each its own id`,
          });
          break;
        }
      }
    } else {
      seen.set(key, { row, path });
      tables[table].push(row);
      onRow?.(row, path, current);
    }
    if (all.length === problemsBefore) {
      let ofTable = clean.get(table);
      if (!ofTable) clean.set(table, (ofTable = new WeakMap()));
      ofTable.set(value, id);
    }
    return id;
  };

  for (const [i, s] of found.services.entries()) {
    if (visited >= RECORDS_BETWEEN_YIELDS) {
      visited = 0;
      yield;
    }
    current = i;
    visit(s.value, 'service', s.path);
  }
  return { tables, problems: all };
}

/** 3 and "3", true and "true" are one value written two ways; anything else differs. */
const sameValue = (a: unknown, b: unknown) => a === b || (typeof a !== 'object' && typeof b !== 'object' && String(a) === String(b));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
