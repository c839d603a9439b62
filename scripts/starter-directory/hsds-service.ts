import { createHash } from 'node:crypto';
import { CATEGORIES, LANGUAGES, LINK_TYPES, LOCATION_FLAGS, POPULATIONS, TAXONOMY_ID } from '../../shared/vocabulary';
import { WEEKLY_HOURS, type Fact, type Field, type ServiceFacts } from './source-table';

/** Stable UUID-shaped ids derived from a slug, so rebuilding never renumbers a record. */
export const uuid = (slug: string): string => {
  const h = createHash('sha1').update(`referral-atlas-starter:${slug}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

const TAXONOMY = {
  id: TAXONOMY_ID,
  name: 'Referral Atlas vocabulary',
  description: 'Service categories, populations served and location flags published with Referral Atlas (shared/vocabulary.ts).',
};
const TERM_NAMES = new Map<string, string>([...CATEGORIES, ...POPULATIONS, ...LOCATION_FLAGS].map((t) => [t.id, t.en]));
const LANGUAGE_NAMES = new Map<string, string>(LANGUAGES.map((l) => [l.id, l.en]));
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU';
const KEYPAD: Record<string, string> = Object.fromEntries(
  ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].flatMap((letters, i) => [...letters].map((l) => [l, String(i + 2)])),
);

/** The HSDS fields a source-table field fills: what a citation's `field_name` lists. */
const HSDS_FIELD: Record<Exclude<Field, 'note'>, string> = {
  organization: 'organization',
  name: 'name',
  name_es: 'alternate_name',
  description: 'description',
  description_es: 'description',
  category: 'attributes',
  serves: 'attributes',
  not_serves: 'attributes',
  language: 'languages',
  phone: 'phones',
  text: 'phones',
  tty: 'phones',
  email: 'email',
  website: 'url',
  city: 'service_at_locations',
  county: 'service_at_locations',
  address: 'service_at_locations',
  confidential: 'service_at_locations',
  virtual: 'service_at_locations',
  area: 'service_areas',
  hours: 'schedules',
  hours_text: 'schedules',
  min_age: 'minimum_age',
  max_age: 'maximum_age',
  fees: 'fees_description',
  interpretation: 'interpretation_services',
};
const FIELD_ORDER = [...new Set(Object.values(HSDS_FIELD))];

/** A number printed with letters (1-800-RUNAWAY) dialled as the telephone keypad spells it. */
export function dialable(printed: string): { number: string; extension?: number } {
  const [main, ext] = printed.split(' ext. ') as [string, string | undefined];
  const number = main.replace(/[A-Z]/g, (l) => KEYPAD[l]!);
  const digits = number.replace(/\D/g, '');
  const formatted = /[A-Z]/.test(main) && digits.length === 11 ? `${digits[0]}-${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}` : number;
  return ext ? { number: formatted, extension: Number(ext) } : { number: formatted };
}

const term = (termId: string) => ({
  id: termId,
  code: termId,
  name: TERM_NAMES.get(termId)!,
  description: TERM_NAMES.get(termId)!,
  taxonomy: TAXONOMY.name,
  taxonomy_detail: TAXONOMY,
});

const attribute = (owner: string, linkType: string, termId: string, value?: string) => ({
  id: uuid(`attr:${owner}:${termId}`),
  link_type: linkType,
  ...(value ? { value } : {}),
  taxonomy_term: term(termId),
});

export interface CityPoint {
  latitude: number;
  longitude: number;
}

/**
 * One service as HSDS 3.1 service-centric JSON. `point` is the city's centre from the gazetteer (null for
 * a confidential site, which gets no point at all). Every page cited becomes a metadata row naming the
 * fields read there.
 */
export function toHsdsService(s: ServiceFacts, point: CityPoint | null): Record<string, unknown> {
  const { one, many, slug } = s;
  const id = uuid(`svc:${slug}`);
  const org = one.organization!.value;
  const description = `${one.description!.value}\n\nEn español: ${one.description_es!.value}`;

  const phones = [
    ...many.phone.map((f) => ({ f, type: 'voice' })),
    ...many.text.map((f) => ({ f, type: 'text' })),
    ...many.tty.map((f) => ({ f, type: 'textphone' })),
  ].map(({ f, type }, i) => {
    const { number, extension } = dialable(f.value);
    const spelled = number !== f.value.split(' ext. ')[0] ? ` (${f.value})` : '';
    const described = `${f.detail}${spelled}`.trim();
    return { id: uuid(`phone:${slug}:${i}`), number, ...(extension ? { extension } : {}), type, ...(described ? { description: described } : {}) };
  });

  const schedules = [
    ...many.hours.map((f) => {
      if (f.value === '24/7') return { byday: EVERY_DAY, opens_at: '00:00', closes_at: '23:59', description: f.detail || 'Open 24 hours, 7 days a week' };
      const { days, opens, closes } = WEEKLY_HOURS.exec(f.value)!.groups!;
      return { byday: days!, opens_at: opens!, closes_at: closes!, ...(f.detail ? { description: f.detail } : {}) };
    }).map((rule, i) => ({ id: uuid(`sched:${slug}:${i}`), freq: 'WEEKLY', ...rule })),
    ...many.hours_text.map((f, i) => ({ id: uuid(`sched-text:${slug}:${i}`), description: f.detail ? `${f.value} (${f.detail})` : f.value })),
  ];

  const locations = [];
  if (one.virtual) {
    locations.push({ id: uuid(`sal:${slug}`), location: { id: uuid(`loc:${slug}`), location_type: 'virtual', name: 'By phone or online' } });
  } else if (one.city) {
    const city = one.city.value;
    const street = one.address ? one.address.value.slice(0, one.address.value.lastIndexOf(`, ${city}, CA `)) : '';
    const zip = one.address ? one.address.value.slice(-5) : '';
    const locId = uuid(`loc:${slug}`);
    const flag = one.confidential ? 'loc-confidential' : 'loc-approximate';
    locations.push({
      id: uuid(`sal:${slug}`),
      location: {
        id: locId,
        location_type: 'physical',
        name: one.confidential ? 'Confidential location: call the intake line' : street ? org : `${city} (city centre; exact address not in this directory)`,
        ...(point && !one.confidential ? { latitude: point.latitude, longitude: point.longitude } : {}),
        // A confidential site carries no address row at all: the app and every export would hide it anyway,
        // and a row that exports blank would read as a change each time the directory came back in.
        addresses: one.confidential
          ? []
          : [
              {
                id: uuid(`addr:${slug}`),
                address_1: street,
                city,
                region: one.county?.value ?? '',
                state_province: 'CA',
                postal_code: zip,
                country: 'US',
                address_type: 'physical',
              },
            ],
        attributes: [attribute(`loc:${slug}`, LINK_TYPES.locationFlag, flag)],
      },
    });
  }

  // One citation per page, in the order the pages are first cited; notes from a page ride along with it.
  const pages = new Map<string, { fields: Set<string>; notes: string[]; readOn: string }>();
  for (const r of s.rows) {
    const page = pages.get(r.url) ?? { fields: new Set<string>(), notes: [], readOn: r.readOn };
    if (r.field === 'note') page.notes.push(r.value);
    else page.fields.add(HSDS_FIELD[r.field]);
    if (r.readOn > page.readOn) page.readOn = r.readOn;
    pages.set(r.url, page);
  }
  const metadata = [...pages].map(([url, page]) => ({
    id: uuid(`meta:${slug}:${url}`),
    resource_id: id,
    resource_type: 'service',
    last_action_date: page.readOn,
    last_action_type: 'sourced',
    field_name: FIELD_ORDER.filter((f) => page.fields.has(f)).join(',') || 'notes',
    previous_value: '',
    replacement_value: page.notes.join(' '),
    updated_by: url,
  }));

  const optional = (key: string, fact: Fact | undefined, value: string | number | undefined = fact?.value) => (fact && value !== undefined ? { [key]: value } : {});
  const lastRead = s.rows.reduce((latest, r) => (r.readOn > latest ? r.readOn : latest), '');
  return {
    id,
    name: one.name!.value,
    ...optional('alternate_name', one.name_es),
    description,
    ...optional('url', one.website),
    ...optional('email', one.email),
    status: 'active',
    ...optional('interpretation_services', one.interpretation),
    ...optional('fees_description', one.fees, one.fees?.detail || 'Free'),
    ...optional('minimum_age', one.min_age, Number(one.min_age?.value)),
    ...optional('maximum_age', one.max_age, Number(one.max_age?.value)),
    last_modified: `${lastRead}T00:00:00Z`,
    organization: { id: uuid(`org:${org}`), name: org, description: '' },
    phones,
    schedules,
    languages: many.language.map((f) => ({
      id: uuid(`lang:${slug}:${f.value}`),
      code: f.value,
      name: LANGUAGE_NAMES.get(f.value) ?? f.value,
      ...(f.detail ? { note: f.detail } : {}),
    })),
    service_areas: many.area.map((f) => ({ id: uuid(`area:${slug}:${f.value}`), name: f.value })),
    service_at_locations: locations,
    attributes: [
      ...many.category.map((f) => attribute(`svc:${slug}`, LINK_TYPES.category, f.value)),
      ...many.serves.map((f) => attribute(`svc:${slug}`, LINK_TYPES.population, f.value, 'serves')),
      ...many.not_serves.map((f) => attribute(`svc:${slug}`, LINK_TYPES.populationExcluded, f.value, 'does not serve')),
    ],
    metadata,
  };
}
