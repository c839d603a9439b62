import type { CapacityView, LocationView, MapPoint, PopulationState, ScheduleView, ServiceCard, ServiceDetail } from '../../shared/domain';
import { LINK_TYPES } from '../../shared/vocabulary';
import type { Db } from './open';

/**
 * Reads services into the shapes the renderer sees. This is the one place that decides what a
 * confidential location may reveal: no address, no coordinates, ever.
 */

interface LocationRow {
  id: string;
  name: string | null;
  location_type: string;
  latitude: number | null;
  longitude: number | null;
  confidential: number;
  approximate: number;
  address_1: string | null;
  address_2: string | null;
  city: string | null;
  state_province: string | null;
  postal_code: string | null;
}

// The unary + keeps SQLite on the (link_entity, link_id) index: left to choose, it walks every
// attribute carrying the flag term for each location, quadratic in a large directory.
const FLAG_SQL = (term: string) =>
  `EXISTS (SELECT 1 FROM attribute a WHERE a.link_entity = 'location' AND a.link_id = l.id AND +a.taxonomy_term_id = '${term}')`;

/**
 * A service's locations with the flags and the one address (physical first) a view shows: the per-service
 * and the whole-directory reads share it, so both mask confidential locations alike (toLocationView).
 * The first address is two probes of address(location_id), which yields rowid order without a sort.
 */
const LOCATIONS_SQL = `SELECT sal.service_id, l.id, l.name, l.location_type, l.latitude, l.longitude,
         ${FLAG_SQL('loc-confidential')} AS confidential, ${FLAG_SQL('loc-approximate')} AS approximate,
         ad.address_1, ad.address_2, ad.city, ad.state_province, ad.postal_code
  FROM service_at_location sal JOIN location l ON l.id = sal.location_id
  LEFT JOIN address ad ON ad.rowid = coalesce(
    (SELECT rowid FROM address WHERE location_id = l.id AND address_type = 'physical' ORDER BY rowid LIMIT 1),
    (SELECT rowid FROM address WHERE location_id = l.id ORDER BY rowid LIMIT 1))`;

export function createServiceReader(db: Db) {
  const stmts = {
    service: db.prepare(
      `SELECT s.*, o.name AS organization_name, o.website AS organization_website
       FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ?`,
    ),
    terms: db.prepare(
      `SELECT taxonomy_term_id AS term, link_type, value FROM attribute
       WHERE link_entity = 'service' AND link_id = ? AND link_type IN (?, ?, ?)`,
    ),
    locations: db.prepare(`${LOCATIONS_SQL} WHERE sal.service_id = ? ORDER BY sal.rowid`),
    schedules: db.prepare(
      `SELECT byday, opens_at, closes_at, description, timezone, freq, valid_from, valid_to FROM schedule
       WHERE service_id = ? OR service_at_location_id IN (SELECT id FROM service_at_location WHERE service_id = ?)
       ORDER BY rowid`,
    ),
    languageNotes: db.prepare(
      `SELECT code, note FROM language WHERE code IS NOT NULL AND note IS NOT NULL AND note <> '' AND (service_id = ?
         OR location_id IN (SELECT location_id FROM service_at_location WHERE service_id = ?)) ORDER BY rowid`,
    ),
    capacity: db.prepare(
      `SELECT u.name AS unit, c.available, c.maximum, c.description, c.updated
       FROM service_capacity c JOIN unit u ON u.id = c.unit_id WHERE c.service_id = ? ORDER BY c.rowid`,
    ),
    // The same rows as `locations` for every service at once: index probes per location, with no
    // temporary tables grouping every attribute and numbering every address (which took up to 5 s at 100k).
    allLocations: db.prepare(`${LOCATIONS_SQL} ORDER BY sal.rowid`),
    // The card reads for a whole page at once (ids as a JSON array), in the per-service reads' orders.
    pageServices: db.prepare(
      `SELECT s.*, o.name AS organization_name, o.website AS organization_website
       FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id IN (SELECT value FROM json_each(?))`,
    ),
    pageLocations: db.prepare(`${LOCATIONS_SQL} WHERE sal.service_id IN (SELECT value FROM json_each(?)) ORDER BY sal.rowid`),
    pageCategories: db.prepare(
      `SELECT link_id, taxonomy_term_id AS term FROM attribute
       WHERE link_entity = 'service' AND link_id IN (SELECT value FROM json_each(?)) AND link_type = ? ORDER BY rowid`,
    ),
    // UNION, not UNION ALL: a phone reached two ways (its service and its location) is listed once.
    pagePhones: db.prepare(
      `SELECT sid, id, number, extension, type, description FROM (
         SELECT p.service_id AS sid, p.id, p.number, p.extension, p.type, p.description, p.service_id IS NULL AS shared, p.rowid AS r
           FROM phone p WHERE p.service_id IN (SELECT value FROM json_each(@ids))
         UNION
         SELECT sal.service_id, p.id, p.number, p.extension, p.type, p.description, p.service_id IS NULL, p.rowid
           FROM service_at_location sal JOIN phone p ON p.service_at_location_id = sal.id WHERE sal.service_id IN (SELECT value FROM json_each(@ids))
         UNION
         SELECT sal.service_id, p.id, p.number, p.extension, p.type, p.description, p.service_id IS NULL, p.rowid
           FROM service_at_location sal JOIN phone p ON p.location_id = sal.location_id WHERE sal.service_id IN (SELECT value FROM json_each(@ids)))
       ORDER BY sid, shared, r`,
    ),
    pageOrgPhones: db.prepare(
      `SELECT organization_id AS sid, id, number, extension, type, description FROM phone
       WHERE organization_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    ),
    pagePhoneLanguages: db.prepare(`SELECT phone_id, code FROM language WHERE phone_id IN (SELECT value FROM json_each(?)) AND code IS NOT NULL ORDER BY rowid`),
    // The service's own languages first, then its locations' in location order, as the per-service read.
    pageLanguages: db.prepare(
      `SELECT sid, code FROM (
         SELECT service_id AS sid, code, 0 AS k, 0 AS sal_row, rowid AS r FROM language
           WHERE service_id IN (SELECT value FROM json_each(@ids)) AND code IS NOT NULL
         UNION ALL
         SELECT sal.service_id, l.code, 1, sal.rowid, l.rowid FROM service_at_location sal JOIN language l ON l.location_id = sal.location_id
           WHERE sal.service_id IN (SELECT value FROM json_each(@ids)) AND l.code IS NOT NULL)
       ORDER BY sid, k, sal_row, r`,
    ),
    documents: db.prepare(`SELECT document FROM required_document WHERE service_id = ? AND document IS NOT NULL`),
    points: db.prepare(
      `SELECT sal.service_id AS serviceId, l.id AS locationId, l.latitude AS lat, l.longitude AS lon,
              ${FLAG_SQL('loc-approximate')} AS approximate
       FROM service_at_location sal JOIN location l ON l.id = sal.location_id
       WHERE sal.service_id IN (SELECT value FROM json_each(?))
         AND l.location_type <> 'virtual' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
         AND NOT ${FLAG_SQL('loc-confidential')}`,
    ),
    sources: db.prepare(
      `SELECT replacement_value FROM metadata WHERE resource_id = ? AND last_action_type = 'source' ORDER BY rowid`,
    ),
  };

  const locationsFor = (serviceId: string): LocationRead[] =>
    (stmts.locations.all(serviceId) as LocationRow[]).map(toLocationView);

  /**
   * The cards of a page of services in a few whole-page reads instead of several per card (some 150
   * small reads for a page of 20 with their phones). Missing services come back as null.
   */
  const cardsOf = (ids: readonly string[]): (ServiceCard | null)[] => {
    const json = JSON.stringify(ids);
    const rows = new Map((stmts.pageServices.all(json) as ServiceRow[]).map((r) => [r.id, r]));
    const locations = groupBy(stmts.pageLocations.all(json) as (LocationRow & { service_id: string })[], (r) => r.service_id, toLocationView);
    const categories = groupBy(stmts.pageCategories.all(json, LINK_TYPES.category) as { link_id: string; term: string }[], (r) => r.link_id, (r) => r.term);
    const languages = groupBy(stmts.pageLanguages.all({ ids: json }) as { sid: string; code: string }[], (r) => r.sid, (r) => r.code);
    const phoneRows = groupBy(stmts.pagePhones.all({ ids: json }) as (PhoneRow & { sid: string })[], (r) => r.sid, (r) => r);
    const orgIds = [...new Set([...rows.values()].filter((r) => !phoneRows.has(r.id)).map((r) => r.organization_id))];
    const orgPhones = orgIds.length ? groupBy(stmts.pageOrgPhones.all(JSON.stringify(orgIds)) as (PhoneRow & { sid: string })[], (r) => r.sid, (r) => r) : new Map<string, PhoneRow[]>();
    const phonesOf = (row: ServiceRow) => phoneRows.get(row.id) ?? orgPhones.get(row.organization_id) ?? [];
    const phoneIds = [...rows.values()].flatMap((r) => phonesOf(r).map((p) => p.id));
    const phoneLanguages = groupBy(stmts.pagePhoneLanguages.all(JSON.stringify(phoneIds)) as { phone_id: string; code: string }[], (r) => r.phone_id, (r) => r.code);

    return ids.map((id) => {
      const row = rows.get(id);
      if (!row) return null;
      const located = locations.get(id) ?? [];
      const physical = located.filter((l) => l.locationType !== 'virtual');
      return {
        id: row.id,
        name: row.name,
        organization: row.organization_name,
        phones: phonesOf(row).map((p) => ({
          number: p.number,
          extension: p.extension,
          type: p.type,
          description: p.description,
          languages: phoneLanguages.get(p.id) ?? [],
        })),
        categories: categories.get(id) ?? [],
        languages: [...new Set(languages.get(id) ?? [])],
        city: physical.find((l) => l.city)?.city ?? null,
        virtual: located.length > 0 && physical.length === 0,
      };
    });
  };

  return {
    /** Map points for a set of services: public, physical, located places only. */
    points(serviceIds: readonly string[]): MapPoint[] {
      return (stmts.points.all(JSON.stringify(serviceIds)) as (Omit<MapPoint, 'approximate'> & { approximate: number })[]).map((p) => ({
        ...p,
        approximate: p.approximate === 1,
      }));
    },

    /** Every service's locations, masked exactly as a detail view masks them: for whole-directory indexes. */
    allLocations(): (LocationRead & { serviceId: string })[] {
      return (stmts.allLocations.all() as (LocationRow & { service_id: string })[]).map((r) => ({ ...toLocationView(r), serviceId: r.service_id }));
    },

    card(id: string): ServiceCard | null {
      return cardsOf([id])[0]!;
    },

    cards: cardsOf,

    detail(id: string): ServiceDetail | null {
      const row = stmts.service.get(id) as ServiceRow | undefined;
      if (!row) return null;
      const locations = locationsFor(id);
      const terms = stmts.terms.all(id, LINK_TYPES.category, LINK_TYPES.population, LINK_TYPES.populationExcluded) as TermRow[];
      return {
        ...cardsOf([id])[0]!,
        description: row.description,
        url: row.url,
        email: row.email,
        status: row.status,
        interpretationServices: row.interpretation_services,
        eligibility: row.eligibility_description,
        minimumAge: row.minimum_age,
        maximumAge: row.maximum_age,
        fees: row.fees_description,
        applicationProcess: row.application_process,
        alert: row.alert,
        assuredDate: row.assured_date,
        lastModified: row.last_modified,
        organizationUrl: row.organization_website,
        schedules: (stmts.schedules.all(id, id) as ScheduleRow[]).map((s) => ({
          byday: s.byday,
          opensAt: s.opens_at,
          closesAt: s.closes_at,
          description: s.description,
          timezone: s.timezone,
          freq: s.freq,
          validFrom: s.valid_from,
          validTo: s.valid_to,
        })) satisfies ScheduleView[],
        locations: locations.map(({ locationType: _omit, ...view }) => view),
        populations: terms
          .filter((t) => t.link_type !== LINK_TYPES.category)
          .map((t) => ({ id: t.term, state: populationState(t) })),
        requiredDocuments: (stmts.documents.all(id) as { document: string }[]).map((d) => d.document),
        sources: (stmts.sources.all(id) as { replacement_value: string }[]).map((s) => s.replacement_value),
        languageNotes: stmts.languageNotes.all(id, id) as { code: string; note: string }[],
        capacity: stmts.capacity.all(id) as CapacityView[],
      };
    },
  };
}

export type ServiceReader = ReturnType<typeof createServiceReader>;

interface ServiceRow {
  id: string;
  name: string;
  organization_id: string;
  organization_name: string;
  organization_website: string | null;
  description: string | null;
  url: string | null;
  email: string | null;
  status: string;
  interpretation_services: string | null;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  fees_description: string | null;
  application_process: string | null;
  alert: string | null;
  assured_date: string | null;
  last_modified: string | null;
}
interface PhoneRow {
  id: string;
  number: string;
  extension: string | null;
  type: string | null;
  description: string | null;
}
interface TermRow {
  term: string;
  link_type: string;
  value: string | null;
}
interface ScheduleRow {
  byday: string | null;
  opens_at: string | null;
  closes_at: string | null;
  description: string | null;
  timezone: number | null;
  freq: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** A population attribute says "serves" unless its link type or value says it does not. */
export function populationState(t: Pick<TermRow, 'link_type' | 'value'>): PopulationState {
  if (t.link_type === LINK_TYPES.populationExcluded) return 'excludes';
  return /^(false|no|excludes|does not serve)$/i.test(t.value ?? '') ? 'excludes' : 'serves';
}

export type LocationRead = LocationView & { locationType: string };

function toLocationView(r: LocationRow): LocationRead {
  const confidential = r.confidential === 1;
  const street = [r.address_1, r.address_2].filter(Boolean).join(', ');
  const address = confidential || !street ? null : [street, r.city, [r.state_province, r.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return {
    id: r.id,
    locationType: r.location_type,
    name: r.name,
    confidential,
    approximate: r.approximate === 1,
    address,
    city: confidential ? null : r.city,
    latitude: confidential ? null : r.latitude,
    longitude: confidential ? null : r.longitude,
  };
}

/** Rows grouped by a key, each group in row order. */
function groupBy<R, V>(rows: readonly R[], key: (r: R) => string, value: (r: R) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const r of rows) {
    const k = key(r);
    const group = groups.get(k);
    if (group) group.push(value(r));
    else groups.set(k, [value(r)]);
  }
  return groups;
}
