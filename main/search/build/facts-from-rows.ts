import { locationFlags, type LocationFlags } from '../../db/confidential-location';
import { groupRows } from '../../db/group-rows';
import { populationState, toLocationPlace } from '../../db/service-read';
import type { Row, TableRows } from '../../db/hsds-tables';
import { LINK_TYPES } from '../../../shared/vocabulary';
import type { ScheduleRule } from '../../../shared/schedule-open';
import { accessibilityText, areaFacts, serviceFacts, withItem, type ServiceFacts } from '../service-facts';
import { eachInBatches, runSteps, type Steps } from '../../jobs/steps';
import { ROW_BATCH } from '../../jobs/row-batches';

/**
 * The same facts readServiceFacts reads from the installed tables, taken from the rows an install is
 * writing: at 100,000 services reading them back costs seconds the install has already spent. Each
 * step mirrors one query of service-facts.ts (facts-from-rows.test.ts holds the two to the same index),
 * and locations go through the service reader's own masking (toLocationPlace). The rows carry no
 * owner (the install writes it): `source` is the name of the source they fill.
 */
export function serviceFactsFromRows(t: TableRows, source: string): ServiceFacts[] {
  return runSteps(serviceFactsFromRowsSteps(t, source));
}

/**
 * A source's rows as its publisher wrote them, written beside other sources: stored, their ids take the
 * source's prefix (sources/qualify-ids.ts), and the locations' flags are the installed tables' (another
 * source's attribute or term may flag one of these sites), keyed by stored id.
 */
export interface BesideOthers {
  prefix: string;
  flags: LocationFlags;
}

/**
 * serviceFactsFromRows, yielding between its parts; onServices hears the services once their own columns
 * are in. With `beside`, `t` are the rows as published, not as stored (see BesideOthers): qualifying a
 * statewide dataset's every row for this would cost more than the facts.
 */
export function* serviceFactsFromRowsSteps(
  t: TableRows,
  source: string,
  onServices?: (services: readonly ServiceFacts[]) => void,
  beside?: BesideOthers,
): Steps<ServiceFacts[]> {
  const prefix = beside?.prefix ?? '';
  const storedId = (id: unknown) => (prefix === '' ? (id as string) : `${prefix}${String(id)}`);
  const organizationOf = orderedLookup(t.organization, (o) => o.id);
  const facts: ServiceFacts[] = [];
  // The service rows of the facts, one for one: the other rows point to them by their ids as published.
  const kept: Row[] = [];
  // A statewide directory's rows, a table at once, held the thread for a quarter to half a second.
  const progress = { step: 'indexing', done: 0, total: t.service.length } as const;
  yield* eachInBatches(t.service, ROW_BATCH, progress, (s) => {
    const o = organizationOf(s.organization_id);
    if (o === undefined) return; // the query's inner join
    const organization = text(o.name);
    kept.push(s);
    const f = serviceFacts({
      id: storedId(s.id),
      source,
      name: s.name as string,
      alternateName: text(s.alternate_name),
      organization: organization as string,
      description: text(s.description),
      eligibility: text(s.eligibility_description),
      assuredDate: text(s.assured_date),
      minAge: real(s.minimum_age),
      maxAge: real(s.maximum_age),
      fees: text(s.fees_description),
    });
    facts.push(f);
  });
  const serviceAt = orderedIndex(kept, (s) => s.id);
  const byId = (id: unknown): ServiceFacts | undefined => facts[serviceAt(id)];
  onServices?.(facts);
  yield progress;

  const { confidential, approximate } = beside?.flags ?? locationFlags(t);
  yield* eachInBatches(t.attribute, ROW_BATCH, progress, (a) => {
    if (a.link_entity !== 'service') return;
    const f = byId(a.link_id);
    if (!f) return;
    const term = a.taxonomy_term_id as string;
    if (a.link_type === LINK_TYPES.category) f.categories = withItem(f.categories, term);
    else if (a.link_type !== LINK_TYPES.population && a.link_type !== LINK_TYPES.populationExcluded) return;
    else if (populationState({ link_type: a.link_type, value: text(a.value) ?? '' }) === 'serves') f.populationsServed = withItem(f.populationsServed, term);
    else f.populationsExcluded = withItem(f.populationsExcluded, term);
  });

  yield progress;
  // Built only if a language belongs to a location: most directories give them to services.
  let sitesOf: Map<unknown, Row[]> | undefined;
  const addLanguage = (serviceId: unknown, code: string) => {
    const f = byId(serviceId);
    if (f && !f.languages.includes(code)) f.languages = withItem(f.languages, code);
  };
  yield* eachInBatches(t.language, ROW_BATCH, progress, (l) => {
    const code = text(l.code);
    if (code === null) return;
    if (l.service_id != null) addLanguage(l.service_id, code);
    else if (l.location_id != null) {
      sitesOf ??= groupRows(t.service_at_location, (sal) => sal.location_id, (sal) => sal);
      for (const sal of sitesOf.get(l.location_id) ?? []) addLanguage(sal.service_id, code);
    }
  });

  yield progress;
  const locationById = orderedLookup(t.location, (l) => l.id);
  // Each location's address as the service reader picks it: the first physical one, else the first.
  const addressOf = new Map<unknown, Row>();
  yield* eachInBatches(t.address, ROW_BATCH, progress, (a) => {
    if (a.location_id == null) return;
    const chosen = addressOf.get(a.location_id);
    if (!chosen || (chosen.address_type !== 'physical' && a.address_type === 'physical')) addressOf.set(a.location_id, a);
  });
  yield* eachInBatches(t.service_at_location, ROW_BATCH, progress, (sal) => {
    const l = locationById(sal.location_id);
    const f = byId(sal.service_id);
    if (!l || !f) return;
    const ad = addressOf.get(l.id);
    const siteId = storedId(l.id);
    f.locations = withItem(
      f.locations,
      toLocationPlace({
        id: siteId,
        location_type: l.location_type as string,
        latitude: real(l.latitude),
        longitude: real(l.longitude),
        confidential: confidential.has(String(siteId)) ? 1 : 0,
        approximate: approximate.has(String(siteId)) ? 1 : 0,
        city: text(ad?.city),
      }),
    );
  });

  yield progress;
  // Built only if a schedule belongs to a service at a location rather than to the service itself.
  let serviceOfSite: Map<unknown, unknown> | undefined;
  yield* eachInBatches(t.schedule, ROW_BATCH, progress, (sc) => {
    let serviceId = sc.service_id;
    if (serviceId == null && sc.service_at_location_id != null) {
      serviceOfSite ??= new Map(t.service_at_location.map((sal) => [sal.id, sal.service_id]));
      serviceId = serviceOfSite.get(sc.service_at_location_id);
    }
    const schedule: ScheduleRule = {
      byday: text(sc.byday),
      opensAt: text(sc.opens_at),
      closesAt: text(sc.closes_at),
      timezone: real(sc.timezone),
      freq: text(sc.freq),
      validFrom: text(sc.valid_from),
      validTo: text(sc.valid_to),
    };
    const f = byId(serviceId);
    if (f) f.schedules = withItem(f.schedules, schedule);
  });

  yield progress;
  const areaFact = areaFacts();
  yield* eachInBatches(t.service_area, ROW_BATCH, progress, (sa) => {
    let serviceId = sa.service_id;
    if (serviceId == null && sa.service_at_location_id != null) {
      serviceOfSite ??= new Map(t.service_at_location.map((sal) => [sal.id, sal.service_id]));
      serviceId = serviceOfSite.get(sa.service_at_location_id);
    }
    const f = serviceId == null ? undefined : byId(serviceId);
    if (f) f.areas = withItem(f.areas, areaFact(text(sa.name), text(sa.extent), text(sa.extent_type)));
  });
  yield* eachInBatches(t.cost_option, ROW_BATCH, progress, (c) => {
    const f = c.service_id == null ? undefined : byId(c.service_id);
    if (f) f.costs = withItem(f.costs, { amount: real(c.amount), option: text(c.option) });
  });
  yield* eachInBatches(t.required_document, ROW_BATCH, progress, (d) => {
    const document = text(d.document);
    if (d.service_id == null || document === null) return;
    const f = byId(d.service_id);
    if (f) f.documents = withItem(f.documents, document);
  });
  yield* eachInBatches(t.accessibility, ROW_BATCH, progress, (a) => {
    if (a.location_id == null || (a.description == null && a.details == null)) return;
    sitesOf ??= groupRows(t.service_at_location, (sal) => sal.location_id, (sal) => sal);
    for (const sal of sitesOf.get(a.location_id) ?? []) {
      const f = byId(sal.service_id);
      if (f) f.accessibility = withItem(f.accessibility, accessibilityText(text(a.description), text(a.details)));
    }
  });
  return facts;
}

/**
 * A lookup of rows' places by their unique id (-1 for none), for keys asked mostly in the rows' own order,
 * as a flattened or exported directory's child rows are (a service's attributes, then the next service's):
 * the row found last and the one after it are tried first, and a Map is built only at the first miss. At
 * 100,000 services a Map's million lookups and inserts would be most of reading the facts.
 */
function orderedIndex<T>(rows: readonly T[], idOf: (row: T) => unknown): (id: unknown) => number {
  let at = 0;
  let index: Map<unknown, number> | null = null;
  return (id) => {
    if (at < rows.length && idOf(rows[at]!) === id) return at;
    if (at + 1 < rows.length && idOf(rows[at + 1]!) === id) return ++at;
    index ??= new Map(rows.map((row, i) => [idOf(row), i]));
    const i = index.get(id);
    if (i === undefined) return -1;
    return (at = i);
  };
}

/** orderedIndex, giving the row. */
function orderedLookup<T>(rows: readonly T[], idOf: (row: T) => unknown): (id: unknown) => T | undefined {
  const indexOf = orderedIndex(rows, idOf);
  return (id) => rows[indexOf(id)];
}

/** A TEXT column's value as SQLite gives it back. */
function text(v: unknown): string | null {
  return v === undefined || v === null ? null : typeof v === 'string' ? v : String(v);
}

/** A REAL column's value as SQLite gives it back: a number, a numeric text converted. */
function real(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  return typeof v === 'number' ? v : Number(v);
}
