import { createHash } from 'node:crypto';
import type { ColumnMapping } from '../../../shared/import-types';
import { coerceCell } from './coerce';
import { parseCsv, recordsOf } from './csv-text';
import { languageRows } from './legacy-tables';
import type { Origin, Problem } from '../check/problems';
import type { ReadResult } from './read-result';
import { emptyTables, type HsdsTable, type Row } from '../../db/hsds-tables';

/**
 * A plain spreadsheet, one row per service. Each column maps to one target field; the mapping is guessed
 * from the headers, shown to the coordinator to correct, and saved per source (mapping-store.ts).
 */

/** Target fields a column can feed, with header words that suggest them (lower case, no punctuation). */
export const SPREADSHEET_FIELDS: Record<string, string[]> = {
  'service.id': ['id', 'service id', 'record id'],
  'service.name': ['name', 'service', 'service name', 'program name', 'nombre'],
  'service.description': ['description', 'services offered', 'descripcion', 'details'],
  'service.eligibility_description': ['eligibility', 'who is served', 'population', 'audience'],
  'service.fees_description': ['fees', 'cost', 'costs'],
  'service.application_process': ['how to apply', 'application process', 'intake'],
  'service.url': ['website', 'web', 'url', 'service url', 'sitio web'],
  'service.email': ['email', 'e mail', 'correo'],
  'service.alert': ['alert', 'notice'],
  'service.assured_date': ['verified', 'verified on', 'last verified', 'assured date'],
  'service.minimum_age': ['minimum age', 'min age', 'age from'],
  'service.maximum_age': ['maximum age', 'max age', 'age to'],
  'organization.name': ['organization', 'organisation', 'agency', 'provider', 'organization name', 'organizacion'],
  'phone.number': ['phone', 'telephone', 'phone number', 'tel', 'telefono', 'hotline'],
  'address.address_1': ['address', 'street', 'street address', 'address 1', 'direccion'],
  'address.city': ['city', 'ciudad', 'town'],
  'address.state_province': ['state', 'province', 'estado'],
  'address.postal_code': ['zip', 'zip code', 'postal code', 'postcode', 'codigo postal'],
  'location.latitude': ['latitude', 'lat'],
  'location.longitude': ['longitude', 'lon', 'lng', 'long'],
  'language.names': ['languages', 'language', 'idiomas', 'languages spoken'],
};

const normalise = (h: string) =>
  h.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** The best target for each header, each target used at most once; unknown headers map to null. */
export function guessMapping(header: string[]): ColumnMapping {
  const used = new Set<string>();
  const mapping: ColumnMapping = {};
  for (const h of header) {
    const n = normalise(h);
    const target = Object.entries(SPREADSHEET_FIELDS).find(([field, words]) => !used.has(field) && (words.includes(n) || n === field.replace('.', ' ')))?.[0] ?? null;
    if (target) used.add(target);
    mapping[h] = target;
  }
  return mapping;
}

/** A stable UUID-shaped id from the values that identify a record, so re-importing an edited sheet keeps ids. */
const stableId = (kind: string, ...parts: string[]) => {
  const h = createHash('sha256').update([kind, ...parts].join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

export function readSpreadsheet(bytes: Uint8Array, file: string, saved?: ColumnMapping): ReadResult {
  const csv = parseCsv(bytes, file);
  const guessed = guessMapping(csv.header);
  const mapping: ColumnMapping = Object.fromEntries(csv.header.map((h) => [h, saved && h in saved ? saved[h]! : guessed[h]!]));
  const tables = emptyTables();
  const problems: Problem[] = [];
  const origins = new Map<Row, Origin>();
  const targets = new Set(Object.values(mapping).filter(Boolean));
  for (const needed of ['service.name', 'organization.name']) {
    if (!targets.has(needed)) problems.push({ file, row: 1, field: needed, message: 'no column is mapped to this required field', level: 'error' });
  }
  if (problems.length > 0) return { format: 'spreadsheet-csv', tables, problems, origins, mapping };

  const orgs = new Map<string, string>();
  for (const rec of recordsOf(csv)) {
    const by: Record<string, Row> = { service: {}, organization: {}, phone: {}, address: {}, location: {}, language: {} };
    for (const [header, target] of Object.entries(mapping)) {
      if (!target) continue;
      const [table, field] = target.split('.') as [string, string];
      const raw = rec.values[header] ?? '';
      by[table]![field] = table === 'language' ? raw : coerceCell(table as HsdsTable, field, raw.trim());
    }
    const origin = { file, row: rec.row };
    const add = (t: HsdsTable, row: Row) => {
      tables[t].push(row);
      origins.set(row, origin);
    };
    const orgName = String(by.organization!.name ?? '');
    const serviceId = String(by.service!.id ?? stableId('svc', orgName, String(by.service!.name ?? '')));
    let orgId = orgs.get(orgName);
    if (!orgId) {
      orgId = stableId('org', orgName);
      orgs.set(orgName, orgId);
      add('organization', { id: orgId, name: by.organization!.name });
    }
    add('service', { status: 'active', ...by.service, id: serviceId, organization_id: orgId });
    if (by.phone!.number != null) add('phone', { id: stableId('phone', serviceId), service_id: serviceId, number: String(by.phone!.number), type: 'voice' });
    const hasAddress = by.address!.address_1 != null;
    if (!hasAddress && Object.values(by.address!).some((v) => v != null)) {
      problems.push({ file, row: rec.row, field: 'address.address_1', message: 'no street address, so the city and ZIP were left out', level: 'warning' });
    }
    const hasPoint = by.location!.latitude != null || by.location!.longitude != null;
    if (hasAddress || hasPoint) {
      const locationId = stableId('location', serviceId);
      add('location', { id: locationId, location_type: 'physical', organization_id: orgId, ...by.location });
      add('service_at_location', { id: stableId('service_at_location', serviceId), service_id: serviceId, location_id: locationId });
      if (hasAddress) add('address', { id: stableId('address', serviceId), location_id: locationId, address_type: 'physical', country: 'US', ...by.address });
    }
    for (const l of languageRows(by.language!.names, { service_id: serviceId }, (n) => stableId('language', serviceId, String(n)))) add('language', l);
  }
  return { format: 'spreadsheet-csv', tables, problems, origins, mapping };
}
