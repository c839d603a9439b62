import { languageCodeForName } from '../check/field-checks';
import type { HsdsTable, Row } from '../../db/hsds-tables';

/**
 * How a datapackage resource becomes HSDS 3.1 rows. 3.x resources map one to one; HSDS 1.1 and 2.0
 * resources are renamed and reshaped here, each rule saying what it does with the old columns.
 */
export interface ResourceRule {
  table: HsdsTable | null;
  /** Old column -> 3.1 field. */
  rename?: Record<string, string>;
  /** Fields to fill when the old format had no such column. */
  defaults?: Row;
  /** Extra reshaping of one mapped row; may add rows to other tables. */
  reshape?: (row: Row, add: (table: HsdsTable, row: Row) => void) => Row | null;
  /** Old columns the reshape reads (not 3.1 fields, but not "unknown" either). */
  consumes?: string[];
  /** Why a resource is skipped. */
  skipped?: string;
}

const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const DAY_NAMES: Record<string, string> = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' };

/** HSDS 1.1 weekday: a number (ISO 8601: 1 = Monday) or a day name, to an RRULE BYDAY. */
export function weekdayToByday(v: unknown): string | null {
  if (v == null || v === '') return null;
  const s = String(v).trim().toLowerCase();
  if (/^[1-7]$/.test(s)) return WEEKDAYS[Number(s) - 1]!;
  return DAY_NAMES[s] ?? DAY_NAMES[`${s}day`] ?? null;
}

/** Comma-separated language names or codes (HSDS 1.1 phone.language, Ohana languages) to language rows. */
export function languageRows(list: unknown, owner: Row, makeId: (n: number) => string): Row[] {
  if (typeof list !== 'string' || list.trim() === '') return [];
  return list
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item, i) => {
      const isCode = /^[a-z]{2,3}$/.test(item);
      return { id: makeId(i + 1), name: isCode ? null : item, code: isCode ? item : languageCodeForName(item), ...owner };
    });
}

const schedule = (extra: Partial<ResourceRule> = {}): ResourceRule => ({ table: 'schedule', ...extra });

const LEGACY: Record<string, ResourceRule> = {
  organizations: { table: 'organization', rename: { url: 'website' } },
  services: { table: 'service' },
  locations: { table: 'location', defaults: { location_type: 'physical' } },
  services_at_location: { table: 'service_at_location' },
  phones: {
    table: 'phone',
    consumes: ['language'],
    reshape: (row, add) => {
      for (const l of languageRows(row.language, { phone_id: row.id }, (n) => `${String(row.id)}-lang-${n}`)) add('language', l);
      delete row.language;
      return row;
    },
  },
  contacts: { table: 'contact' },
  programs: { table: 'program' },
  /** The resource type is filled from the id it points to (datapackage-read.ts). */
  metadata: { table: 'metadata', defaults: { resource_type: null } },
  languages: {
    table: 'language',
    consumes: ['language'],
    reshape: (row) => {
      const name = row.language;
      delete row.language;
      return { ...row, name, code: row.code ?? (typeof name === 'string' ? languageCodeForName(name) : null) };
    },
  },
  service_areas: { table: 'service_area', rename: { service_area: 'name' } },
  accessibility_for_disabilities: { table: 'accessibility', rename: { accessibility: 'description' } },
  physical_addresses: { table: 'address', defaults: { address_type: 'physical' } },
  postal_addresses: { table: 'address', defaults: { address_type: 'postal' } },
  regular_schedules: schedule({
    consumes: ['weekday'],
    reshape: (row) => {
      const byday = weekdayToByday(row.weekday);
      delete row.weekday;
      return { ...row, freq: 'WEEKLY', byday };
    },
  }),
  holiday_schedules: schedule({
    rename: { start_date: 'valid_from', end_date: 'valid_to' },
    consumes: ['closed'],
    /** Holiday and regular hours share one 3.1 table, and 1.1 samples reuse ids across the two. */
    reshape: (row) => {
      const closed = String(row.closed ?? '').toLowerCase() === 'true';
      delete row.closed;
      return { ...row, id: `holiday-${String(row.id)}`, description: closed ? 'Closed' : 'Holiday hours' };
    },
  }),
  services_taxonomy: {
    table: 'attribute',
    rename: { taxonomy_id: 'taxonomy_term_id', service_id: 'link_id' },
    defaults: { link_entity: 'service' },
    consumes: ['taxonomy_detail'],
  },
  /** 1.1 "taxonomy" holds terms; the term's name doubles as its (required) description. */
  taxonomy_terms_v1: {
    table: 'taxonomy_term',
    rename: { vocabulary: 'taxonomy' },
    consumes: ['parent_name'],
    reshape: (row) => ({ ...row, description: row.description ?? row.name }),
  },
  eligibility: { table: null, skipped: 'merged into service.eligibility_description' },
  payments_accepted: { table: null, skipped: 'HSDS 3 has no payments table; not imported' },
  meta_table_descriptions: { table: null, skipped: 'describes the files, not the directory' },
  meta_table_description: { table: null, skipped: 'describes the files, not the directory' },
};

const SINGULAR_ALIASES: Record<string, string> = {
  service_at_location: 'services_at_location',
  service_at_locations: 'services_at_location',
  physical_address: 'physical_addresses',
  postal_address: 'postal_addresses',
  regular_schedule: 'regular_schedules',
  holiday_schedule: 'holiday_schedules',
  service_taxonomy: 'services_taxonomy',
  accessibility_for_disability: 'accessibility_for_disabilities',
};

const V3: Record<string, HsdsTable> = {
  organization: 'organization', organizations: 'organization', program: 'program', programs: 'program',
  service: 'service', services: 'service', attribute: 'attribute', attributes: 'attribute',
  service_at_location: 'service_at_location', location: 'location', locations: 'location', phone: 'phone', phones: 'phone',
  contact: 'contact', contacts: 'contact', address: 'address', addresses: 'address', schedule: 'schedule', schedules: 'schedule',
  funding: 'funding', service_area: 'service_area', service_areas: 'service_area', required_document: 'required_document',
  required_documents: 'required_document', language: 'language', languages: 'language', accessibility: 'accessibility',
  taxonomy_term: 'taxonomy_term', taxonomy_terms: 'taxonomy_term', metadata: 'metadata', cost_option: 'cost_option',
  cost_options: 'cost_option', organization_identifier: 'organization_identifier', organization_identifiers: 'organization_identifier',
  taxonomy: 'taxonomy', taxonomies: 'taxonomy', service_capacity: 'service_capacity', unit: 'unit', units: 'unit', url: 'url',
};

/** 3.x-only tables and columns that tell a 3.x package from an older one. */
const V3_MARKERS = ['attribute', 'attributes', 'taxonomy_term', 'taxonomy_terms', 'schedule', 'schedules', 'addresses', 'address', 'url', 'unit', 'units'];

export function isLegacyPackage(resourceNames: string[]): boolean {
  const names = resourceNames.map((n) => n.toLowerCase());
  return !names.some((n) => V3_MARKERS.includes(n)) && names.some((n) => n in LEGACY || n in SINGULAR_ALIASES);
}

/** Picks the rule for a resource, by its name (or file name) and, for the ambiguous "taxonomy", its columns. */
export function ruleFor(name: string, header: string[], legacy: boolean): ResourceRule | null {
  const n = name.toLowerCase().replace(/\.csv$/, '');
  if (legacy) {
    if (n === 'taxonomy' || n === 'taxonomies') return header.includes('parent_id') || header.includes('vocabulary') ? LEGACY.taxonomy_terms_v1! : { table: 'taxonomy' };
    const rule = LEGACY[SINGULAR_ALIASES[n] ?? n];
    if (rule) return rule;
  }
  if (n in LEGACY && !(n in V3)) return LEGACY[n]!;
  const table = V3[n];
  return table ? { table } : null;
}
