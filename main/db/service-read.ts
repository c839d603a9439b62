import type { CapacityView, LocationView, MapPoint, PopulationState, ScheduleView, ServiceCard, ServiceDetail, SourceView } from '../../shared/domain';
import { LINK_TYPES } from '../../shared/vocabulary';
import { eachRowInBatches, interned } from '../jobs/row-batches';
import type { StepProgress, Steps } from '../jobs/steps';
import { confidentialLocationSql, installedLocationFlags } from './confidential-location';
import { groupRows } from './group-rows';
import type { ReadDb } from './open';

/**
 * Reads services into the shapes the renderer sees. This is the one place that decides what a
 * confidential location (confidential-location.ts says which) may reveal: no address, no coordinates, ever.
 */

export interface LocationRow {
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
const APPROXIMATE_SQL = `EXISTS (SELECT 1 FROM attribute a WHERE a.link_entity = 'location' AND a.link_id = l.id AND +a.taxonomy_term_id = 'loc-approximate')`;

/**
 * A service's locations with the flags and the one address (physical first) a view shows: the per-service
 * and the whole-directory reads share it, so both mask confidential locations alike (toLocationView).
 * The first address is two probes of address(location_id), which yields rowid order without a sort.
 */
const locationsSql = (db: ReadDb) => `SELECT sal.service_id, l.id, l.name, l.location_type, l.latitude, l.longitude,
         ${confidentialLocationSql(db, 'l.id')} AS confidential, ${APPROXIMATE_SQL} AS approximate,
         ad.address_1, ad.address_2, ad.city, ad.state_province, ad.postal_code
  FROM service_at_location sal JOIN location l ON l.id = sal.location_id
  LEFT JOIN address ad ON ad.rowid = coalesce(
    (SELECT rowid FROM address WHERE location_id = l.id AND address_type = 'physical' ORDER BY rowid LIMIT 1),
    (SELECT rowid FROM address WHERE location_id = l.id ORDER BY rowid LIMIT 1))`;

export function createServiceReader(db: ReadDb) {
  const locationSelect = locationsSql(db);
  const stmts = {
    service: db.prepare(
      `SELECT s.*, o.name AS organization_name, o.website AS organization_website
       FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id = ?`,
    ),
    // The cards' reads take a page's ids at once (a JSON array): one statement per part of a card, not
    // seven per card, some 20% less time a page (open.ts's page cache saves more). A card needs four
    // service columns: reading the description too made each card's read three times slower.
    cardRows: db.prepare(
      `SELECT s.id, s.name, s.organization_id, o.name AS organization_name, s.atlas_source
       FROM service s JOIN organization o ON o.id = s.organization_id WHERE s.id IN (SELECT value FROM json_each(?))`,
    ),
    // A service's own phones, then its sites' and locations' (each phone once), as the service lists them.
    cardPhones: db.prepare(
      `SELECT x.service_id, p.id, p.number, p.extension, p.type, p.description FROM (
         SELECT service_id, rowid AS r FROM phone WHERE service_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT sal.service_id, p.rowid FROM service_at_location sal JOIN phone p ON p.service_at_location_id = sal.id
           WHERE sal.service_id IN (SELECT value FROM json_each(@ids))
         UNION SELECT sal.service_id, p.rowid FROM service_at_location sal JOIN phone p ON p.location_id = sal.location_id
           WHERE sal.service_id IN (SELECT value FROM json_each(@ids))
       ) x JOIN phone p ON p.rowid = x.r
       ORDER BY p.service_id IS NULL, p.rowid`,
    ),
    organizationPhones: db.prepare(
      `SELECT organization_id, id, number, extension, type, description FROM phone
       WHERE organization_id IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
    ),
    phoneLanguages: db.prepare(
      `SELECT phone_id, code FROM language WHERE phone_id IN (SELECT value FROM json_each(?)) AND code IS NOT NULL ORDER BY rowid`,
    ),
    // The service's own languages, then its locations' (each once, kept by the caller), as they were listed.
    cardLanguages: db.prepare(
      `SELECT service_id, code FROM (
         SELECT service_id, code, 0 AS site, rowid AS r FROM language WHERE service_id IN (SELECT value FROM json_each(@ids)) AND code IS NOT NULL
         UNION ALL SELECT sal.service_id, l.code, 1, l.rowid FROM service_at_location sal JOIN language l ON l.location_id = sal.location_id
           WHERE sal.service_id IN (SELECT value FROM json_each(@ids)) AND l.code IS NOT NULL
       ) ORDER BY site, r`,
    ),
    cardCategories: db.prepare(
      `SELECT link_id, taxonomy_term_id FROM attribute
       WHERE link_entity = 'service' AND link_id IN (SELECT value FROM json_each(?)) AND link_type = ? ORDER BY rowid`,
    ),
    cardLocations: db.prepare(`${locationSelect} WHERE sal.service_id IN (SELECT value FROM json_each(?)) ORDER BY sal.rowid`),
    terms: db.prepare(
      `SELECT taxonomy_term_id AS term, link_type, value FROM attribute
       WHERE link_entity = 'service' AND link_id = ? AND link_type IN (?, ?, ?)`,
    ),
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
    // What search keeps of every site (toLocationPlace), the city by the same two probes as `locations`'
    // address; the flags come from installedLocationFlags, once for the whole directory.
    allPlaces: db.prepare(
      `SELECT sal.service_id, l.id, l.location_type, l.latitude, l.longitude, (SELECT city FROM address WHERE rowid = coalesce(
         (SELECT rowid FROM address WHERE location_id = l.id AND address_type = 'physical' ORDER BY rowid LIMIT 1),
         (SELECT rowid FROM address WHERE location_id = l.id ORDER BY rowid LIMIT 1)))
       FROM service_at_location sal JOIN location l ON l.id = sal.location_id WHERE @without IS NULL OR sal.atlas_source IS NOT @without ORDER BY sal.rowid`,
    ),
    documents: db.prepare(`SELECT document FROM required_document WHERE service_id = ? AND document IS NOT NULL`),
    // The service's own areas and its sites', as search reads them (service-facts.ts).
    areas: db.prepare(
      `SELECT trim(sa.name) AS name FROM service_area sa LEFT JOIN service_at_location sal ON sal.id = sa.service_at_location_id
       WHERE (sa.service_id = ? OR sal.service_id = ?) AND trim(coalesce(sa.name, '')) <> '' GROUP BY trim(sa.name) ORDER BY min(sa.rowid)`,
    ),
    points: db.prepare(
      `SELECT sal.service_id AS serviceId, l.id AS locationId, l.latitude AS lat, l.longitude AS lon,
              ${APPROXIMATE_SQL} AS approximate
       FROM service_at_location sal JOIN location l ON l.id = sal.location_id
       WHERE sal.service_id IN (SELECT value FROM json_each(?))
         AND l.location_type <> 'virtual' AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL
         AND NOT ${confidentialLocationSql(db, 'l.id')}`,
    ),
    sources: db.prepare(
      `SELECT last_action_type, last_action_date, field_name, replacement_value, updated_by FROM metadata
       WHERE resource_id = ? AND last_action_type IN ('source', 'sourced') ORDER BY rowid`,
    ),
  };

  /** The cards of these services (null for an id not installed), with the locations they were made from. */
  const readCards = (ids: readonly string[]): (CardRead | null)[] => {
    if (ids.length === 0) return [];
    const list = JSON.stringify(ids);
    const rows = new Map((stmts.cardRows.all(list) as CardRow[]).map((r) => [r.id, r]));
    const locations = groupRows(stmts.cardLocations.all(list) as (LocationRow & { service_id: string })[], (r) => r.service_id, toLocationView);
    const categories = groupRows(stmts.cardCategories.all(list, LINK_TYPES.category) as { link_id: string; taxonomy_term_id: string }[], (r) => r.link_id, (r) => r.taxonomy_term_id);
    const languages = groupRows(stmts.cardLanguages.all({ ids: list }) as { service_id: string; code: string }[], (r) => r.service_id, (r) => r.code);
    const phones = groupRows(stmts.cardPhones.all({ ids: list }) as (PhoneRow & { service_id: string })[], (r) => r.service_id, (r) => r);
    // A service that lists no phone shows its organization's.
    const bare = [...new Set([...rows.values()].filter((r) => !phones.has(r.id)).map((r) => r.organization_id))];
    const organizationPhones = groupRows(bare.length > 0 ? (stmts.organizationPhones.all(JSON.stringify(bare)) as (PhoneRow & { organization_id: string })[]) : [], (r) => r.organization_id, (r) => r);
    const phoneRows = [...phones.values(), ...organizationPhones.values()].flat();
    const phoneLanguages = groupRows(
      phoneRows.length > 0 ? (stmts.phoneLanguages.all(JSON.stringify(phoneRows.map((p) => p.id))) as { phone_id: string; code: string }[]) : [],
      (r) => r.phone_id,
      (r) => r.code,
    );
    return ids.map((id) => {
      const row = rows.get(id);
      if (!row) return null;
      const sites = locations.get(id) ?? [];
      const physical = sites.filter((l) => l.locationType !== 'virtual');
      const card: ServiceCard = {
        id: row.id,
        name: row.name,
        organization: row.organization_name,
        phones: (phones.get(id) ?? organizationPhones.get(row.organization_id) ?? []).map((p) => ({
          number: p.number,
          extension: p.extension,
          type: p.type,
          description: p.description,
          languages: phoneLanguages.get(p.id) ?? [],
        })),
        categories: categories.get(id) ?? [],
        languages: [...new Set(languages.get(id))],
        city: physical.find((l) => l.city)?.city ?? null,
        address: physical.find((l) => l.address)?.address ?? null,
        virtual: sites.length > 0 && physical.length === 0,
        source: row.atlas_source,
      };
      return { card, locations: sites };
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

    /**
     * Every service's locations as places, masked as a detail view masks them, for whole-directory indexes:
     * `each` hears them in the sites' order, a batch between two yields (a statewide directory's at once held
     * the thread for a second). The connection must run nothing else until they are done. With `without`,
     * the sites of every source but that one.
     */
    *eachLocationPlace(each: (serviceId: string, place: LocationPlace) => void, progress: StepProgress, without?: string): Steps<void> {
      // The flags of every location from one read of their attributes, by the rule an import's rows are
      // read by: the per-site subqueries of `locations` took 0.5 s of CPU at 100,000 sites.
      const { confidential, approximate } = installedLocationFlags(db);
      const locationType = interned();
      const cityName = interned();
      yield* eachRowInBatches<[string, string, string, number | null, number | null, string | null]>(
        stmts.allPlaces,
        [{ without: without ?? null }],
        ([serviceId, id, type, latitude, longitude, city]) =>
          each(serviceId, toLocationPlace({
            id, location_type: locationType(type), latitude, longitude, city: cityName(city),
            confidential: confidential.has(id) ? 1 : 0, approximate: approximate.has(id) ? 1 : 0,
          })),
        progress,
      );
    },

    card(id: string): ServiceCard | null {
      return readCards([id])[0]?.card ?? null;
    },

    /** The cards of these services in the same order, null for an id not installed: a page's in a few reads. */
    cards(ids: readonly string[]): (ServiceCard | null)[] {
      return readCards(ids).map((read) => read?.card ?? null);
    },

    detail(id: string): ServiceDetail | null {
      const row = stmts.service.get(id) as ServiceRow | undefined;
      const read = readCards([id])[0];
      if (!row || !read) return null;
      const { card, locations } = read;
      const terms = stmts.terms.all(id, LINK_TYPES.category, LINK_TYPES.population, LINK_TYPES.populationExcluded) as TermRow[];
      return {
        ...card,
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
        serviceAreas: (stmts.areas.all(id, id) as { name: string }[]).map((a) => a.name),
        sources: (stmts.sources.all(id) as SourceRow[]).map(toSourceView),
        languageNotes: stmts.languageNotes.all(id, id) as { code: string; note: string }[],
        capacity: stmts.capacity.all(id) as CapacityView[],
      };
    },
  };
}

export type ServiceReader = ReturnType<typeof createServiceReader>;

type CardRow = Pick<ServiceRow, 'id' | 'name' | 'organization_id' | 'organization_name'> & { atlas_source: string | null };
type CardRead = { card: ServiceCard; locations: LocationRead[] };


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
interface SourceRow {
  last_action_type: string;
  last_action_date: string | null;
  field_name: string | null;
  replacement_value: string | null;
  updated_by: string | null;
}

/**
 * A "sourced" row names the page in `updated_by`; only a web address counts as one. An older "source"
 * row is a note in `replacement_value`.
 */
function toSourceView(r: SourceRow): SourceView {
  const text = (v: string | null) => (v && v.trim() !== '' ? v : null);
  if (r.last_action_type !== 'sourced') return { url: null, fields: null, date: null, note: text(r.replacement_value) };
  const url = /^https?:\/\/\S+$/.test(r.updated_by ?? '') ? r.updated_by : null;
  return { url, fields: text(r.field_name), date: text(r.last_action_date), note: text(r.replacement_value) };
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

/** What search keeps of a location: its kind, city and point as anyone may see them, no address text. */
export type LocationPlace = Pick<LocationRead, 'id' | 'locationType' | 'approximate' | 'city' | 'latitude' | 'longitude'>;

/** A location's place, masked: a confidential site has no city or point (toLocationView masks its address too). */
export function toLocationPlace(r: Pick<LocationRow, 'id' | 'location_type' | 'confidential' | 'approximate' | 'city' | 'latitude' | 'longitude'>): LocationPlace {
  const confidential = r.confidential === 1;
  return {
    id: r.id,
    locationType: r.location_type,
    approximate: r.approximate === 1,
    city: confidential ? null : r.city,
    latitude: confidential ? null : r.latitude,
    longitude: confidential ? null : r.longitude,
  };
}

export function toLocationView(r: LocationRow): LocationRead {
  const confidential = r.confidential === 1;
  const street = [r.address_1, r.address_2].filter(Boolean).join(', ');
  const address = confidential || !street ? null : [street, r.city, [r.state_province, r.postal_code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const { id, locationType, approximate, city, latitude, longitude } = toLocationPlace(r);
  return { id, locationType, name: r.name, confidential, approximate, address, city, latitude, longitude };
}
