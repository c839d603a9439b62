import { coerceCell } from './coerce';
import { parseCsv, recordsOf, type CsvRecord } from './csv-text';
import type { FileSource } from './file-source';
import { languageRows, weekdayToByday } from './legacy-tables';
import type { Origin, Problem } from '../check/problems';
import type { ReadResult } from './read-result';
import { emptyTables, type HsdsTable, type Row } from '../../db/hsds-tables';

/**
 * Code for America's Ohana API CSV export (pre-HSDS 1.0, e.g. the San Mateo County sample): denormalised
 * lists in cells ("Spanish, Tagalog"), services hanging off one location, free-text hours ("3pm").
 * Ids are kept; the rows merged into one HSDS table (postal and street addresses, regular and holiday
 * hours) get a prefix so they cannot collide.
 */

const REQUIRED_FILES = ['organizations.csv', 'locations.csv', 'services.csv'];

export function isOhanaFolder(src: FileSource): boolean {
  if (!REQUIRED_FILES.every((f) => src.names.includes(f))) return false;
  const head = new TextDecoder().decode(src.read('services.csv')!.subarray(0, 4096)).split(/\r?\n/)[0] ?? '';
  return head.split(',').includes('location_id') && head.split(',').includes('audience');
}

const PHONE_TYPES: Record<string, string> = { voice: 'voice', fax: 'fax', tty: 'textphone', sms: 'text', hotline: 'voice' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "3pm", "4:00 PM", "08:00" -> "15:00", "16:00", "08:00"; null when it is not a time. */
export function ohanaTime(v: string): string | null {
  const m = /^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?m?\.?\s*$/i.exec(v);
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  const ap = m[3]?.toLowerCase();
  if (ap === 'p' && h < 12) h += 12;
  if (ap === 'a' && h === 12) h = 0;
  return h < 24 && min < 60 ? `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}` : null;
}

/** "12/24/2015", "12/24/15", "December 24, 2015" -> "2015-12-24"; null for anything else (or a placeholder year). */
export function ohanaDate(v: string): string | null {
  let y: number, mo: number, d: number;
  const us = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\s*$/.exec(v);
  const long = /^\s*([a-z]+)\s+(\d{1,2}),\s*(\d{4})\s*$/i.exec(v);
  if (us) [mo, d, y] = [Number(us[1]), Number(us[2]), Number(us[3]!.length === 2 ? `20${us[3]}` : us[3])];
  else if (long && MONTHS.includes(long[1]!.toLowerCase())) [mo, d, y] = [MONTHS.indexOf(long[1]!.toLowerCase()) + 1, Number(long[2]), Number(long[3])];
  else return null;
  if (y < 1900) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

export function readOhana(src: FileSource): ReadResult {
  const tables = emptyTables();
  const problems: Problem[] = [];
  const origins = new Map<Row, Origin>();
  const csv = (name: string): CsvRecord[] => {
    const bytes = src.read(name);
    return bytes ? recordsOf(parseCsv(bytes, name, src.budget)) : [];
  };
  const each = (file: string, fn: (v: Record<string, string>, add: (t: HsdsTable, r: Row) => void, warn: (field: string, msg: string) => void) => void) => {
    for (const rec of csv(file)) {
      const origin = { file, row: rec.row };
      fn(
        rec.values,
        (t, r) => {
          const row: Row = {};
          for (const [k, v] of Object.entries(r)) row[k] = typeof v === 'string' ? coerceCell(t, k, v) : v;
          tables[t].push(row);
          origins.set(row, origin);
        },
        (field, message) => problems.push({ file, row: rec.row, field, message, level: 'warning' }),
      );
    }
  };

  each('organizations.csv', (v, add) => {
    add('organization', { id: v.id, name: v.name, alternate_name: v.alternate_name, description: v.description, email: v.email, website: v.website, legal_status: v.legal_status });
    list(v.funding_sources).forEach((source, i) => add('funding', { id: `org-${v.id}-funding-${i + 1}`, organization_id: v.id, source }));
  });
  each('programs.csv', (v, add) => add('program', { id: v.id, organization_id: v.organization_id, name: v.name, alternate_name: v.alternate_name }));
  const locationOrg = new Map<string, string>();
  each('locations.csv', (v, add) => {
    locationOrg.set(v.id!, v.organization_id!);
    add('location', {
      id: v.id,
      organization_id: v.organization_id,
      location_type: v.virtual === 'true' ? 'virtual' : 'physical',
      name: v.name,
      alternate_name: v.alternate_name,
      description: v.description || v.short_desc,
      transportation: v.transportation,
      latitude: v.latitude,
      longitude: v.longitude,
      url: v.website,
    });
    for (const l of languageRows(v.languages, { location_id: v.id }, (n) => `loc-${v.id}-lang-${n}`)) add('language', l);
    list(v.accessibility).forEach((a, i) => add('accessibility', { id: `loc-${v.id}-access-${i + 1}`, location_id: v.id, description: a.replace(/_/g, ' ') }));
  });
  each('addresses.csv', (v, add) => add('address', { ...v, address_type: 'physical' }));
  each('mail_addresses.csv', (v, add) => add('address', { ...v, id: `mail-${v.id}`, address_type: 'postal' }));
  each('services.csv', (v, add, warn) => {
    const organization = locationOrg.get(v.location_id!);
    if (!organization) warn('location_id', `location "${v.location_id}" is not in locations.csv, so the service has no organization`);
    add('service', {
      id: v.id,
      organization_id: organization ?? '',
      program_id: v.program_id,
      name: v.name,
      alternate_name: v.alternate_name,
      description: v.description,
      url: v.website,
      email: v.email,
      status: v.status || 'active',
      interpretation_services: v.interpretation_services,
      application_process: v.application_process,
      fees_description: v.fees,
      wait_time: v.wait_time,
      eligibility_description: [v.audience, v.eligibility].filter(Boolean).join('; '),
    });
    if (v.location_id) add('service_at_location', { id: `sal-${v.id}`, service_id: v.id, location_id: v.location_id });
    for (const l of languageRows(v.languages, { service_id: v.id }, (n) => `svc-${v.id}-lang-${n}`)) add('language', l);
    list(v.service_areas).forEach((name, i) => add('service_area', { id: `svc-${v.id}-area-${i + 1}`, service_id: v.id, name }));
    if (v.required_documents) add('required_document', { id: `svc-${v.id}-doc`, service_id: v.id, document: v.required_documents });
    list(v.funding_sources).forEach((source, i) => add('funding', { id: `svc-${v.id}-funding-${i + 1}`, service_id: v.id, source }));
    list(v.taxonomy_ids).forEach((term, i) => add('attribute', { id: `svc-${v.id}-term-${i + 1}`, link_id: v.id, link_entity: 'service', link_type: 'service_category', taxonomy_term_id: term }));
  });
  each('contacts.csv', (v, add) => add('contact', v));
  each('phones.csv', (v, add) =>
    add('phone', {
      id: v.id,
      contact_id: v.contact_id,
      location_id: v.location_id,
      organization_id: v.organization_id,
      service_id: v.service_id,
      number: v.number,
      extension: v.extension,
      type: PHONE_TYPES[v.number_type ?? ''] ?? v.number_type,
      description: v.department,
    }),
  );
  const hours = (v: Record<string, string>, warn: (f: string, m: string) => void) => {
    const opens = v.opens_at ? ohanaTime(v.opens_at) : null;
    const closes = v.closes_at ? ohanaTime(v.closes_at) : null;
    if (v.opens_at && !opens) warn('opens_at', `"${v.opens_at}" is not a time; left out`);
    if (v.closes_at && !closes) warn('closes_at', `"${v.closes_at}" is not a time; left out`);
    return { opens_at: opens, closes_at: closes };
  };
  each('regular_schedules.csv', (v, add, warn) =>
    add('schedule', { id: v.id, location_id: v.location_id, service_id: v.service_id, freq: 'WEEKLY', byday: weekdayToByday(v.weekday), ...hours(v, warn) }),
  );
  each('holiday_schedules.csv', (v, add, warn) => {
    const from = ohanaDate(v.start_date ?? '');
    const to = ohanaDate(v.end_date ?? '');
    if (!from) {
      warn('start_date', `"${v.start_date}" is not a usable date; this holiday entry was left out`);
      return;
    }
    add('schedule', {
      id: `holiday-${v.id}`,
      location_id: v.location_id,
      service_id: v.service_id,
      valid_from: from,
      valid_to: to ?? from,
      description: v.closed === 'true' ? 'Closed' : 'Holiday hours',
      ...hours(v, warn),
    });
  });
  each('taxonomy.csv', (v, add) =>
    add('taxonomy_term', { id: v.taxonomy_id, name: v.name, description: v.name, parent_id: v.parent_id, taxonomy: 'Open Eligibility' }),
  );
  return { format: 'ohana-csv', tables, problems, origins };
}
