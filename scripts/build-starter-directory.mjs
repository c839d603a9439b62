// Writes data/starter-directory.json: the directory the app ships with, as HSDS 3.1 service JSON.
//
// Every fact here comes from the project's seed documents (DESIGN.md section 1), which name these
// organizations and give two phone numbers. Nothing else is known, so nothing else is filled in: no
// phone, address, hours or website is written unless the seeds state it. Organizations whose city is
// known are placed at that city's centre and flagged approximate. Run: node scripts/build-starter-directory.mjs
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));
const TODAY = '2026-11-23';
const SEED = 'Named in the Referral Atlas seed documents on human trafficking in California (DESIGN.md section 1).';

/** Stable UUID-shaped ids derived from a slug, so rebuilding never renumbers a record. */
const uuid = (slug) => {
  const h = createHash('sha1').update(`referral-atlas-starter:${slug}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

// City centres (public-domain coordinates), used only as approximate points.
const CITY = {
  'Los Angeles': [34.0522, -118.2437],
  Oakland: [37.8044, -122.2712],
  'San Francisco': [37.7749, -122.4194],
  Sacramento: [38.5816, -121.4944],
};

const TAXONOMY = {
  id: 'referral-atlas-vocabulary',
  name: 'Referral Atlas vocabulary',
  description: 'Service categories, populations served and location flags published with Referral Atlas (shared/vocabulary.ts).',
};
const terms = {
  'cat-hotline': 'Hotline',
  'cat-law-enforcement': 'Law enforcement',
  'cat-case-management': 'Case management',
  'cat-legal-aid': 'Legal aid',
  'cat-victim-compensation': 'Victim compensation',
  'cat-policy-funding': 'Policy and funding',
  'pop-sex-trafficking': 'Sex-trafficking survivors',
  'pop-labor-trafficking': 'Labor-trafficking survivors',
  'pop-minors': 'Minors',
  'loc-approximate': 'Approximate point (city centre)',
};
const LINK = { cat: 'service_category', pop: 'population_served', loc: 'location_flag' };

const attribute = (owner, termId) => ({
  id: uuid(`attr:${owner}:${termId}`),
  link_type: LINK[termId.split('-')[0]],
  value: termId.startsWith('pop-') ? 'serves' : null,
  taxonomy_term: {
    id: termId,
    code: termId,
    name: terms[termId],
    description: terms[termId],
    taxonomy: TAXONOMY.name,
    taxonomy_detail: TAXONOMY,
  },
});

const source = (owner, type, text) => ({
  id: uuid(`meta:${owner}`),
  resource_type: type,
  last_action_date: TODAY,
  last_action_type: 'source',
  field_name: 'record',
  previous_value: '',
  replacement_value: text,
  updated_by: 'Referral Atlas starter directory',
});

const WEEK = 'MO,TU,WE,TH,FR,SA,SU';

function service(s) {
  const orgSlug = `org:${s.org}`;
  const svcSlug = `svc:${s.org}:${s.name}`;
  const locations = [];
  if (s.virtual) {
    locations.push({
      id: uuid(`sal:${svcSlug}`),
      location: { id: uuid(`loc:${svcSlug}`), location_type: 'virtual', name: 'By phone' },
    });
  } else if (s.city) {
    const [latitude, longitude] = CITY[s.city];
    const locSlug = `loc:${orgSlug}`;
    locations.push({
      id: uuid(`sal:${svcSlug}`),
      location: {
        id: uuid(locSlug),
        location_type: 'physical',
        name: `${s.city} (city centre; exact address not in this directory)`,
        latitude,
        longitude,
        addresses: [
          { id: uuid(`addr:${locSlug}`), address_1: '', city: s.city, region: '', state_province: 'CA', postal_code: '', country: 'US', address_type: 'physical' },
        ],
        attributes: [attribute(locSlug, 'loc-approximate')],
      },
    });
  }
  return {
    id: uuid(svcSlug),
    name: s.name,
    description: s.description,
    status: 'active',
    interpretation_services: s.interpretation ?? null,
    last_modified: `${TODAY}T00:00:00Z`,
    organization: { id: uuid(orgSlug), name: s.org, description: s.orgDescription ?? s.description },
    phones: (s.phones ?? []).map((p, i) => ({ id: uuid(`phone:${svcSlug}:${i}`), ...p })),
    schedules: (s.schedules ?? []).map((sc, i) => ({ id: uuid(`sched:${svcSlug}:${i}`), freq: 'WEEKLY', ...sc })),
    languages: (s.languages ?? []).map((code) => ({ id: uuid(`lang:${svcSlug}:${code}`), code, name: code === 'en' ? 'English' : code })),
    service_at_locations: locations,
    attributes: s.terms.map((t) => attribute(svcSlug, t)),
    metadata: [source(svcSlug, 'service', s.source ?? SEED)],
  };
}

const services = [
  service({
    org: 'National Human Trafficking Hotline',
    name: 'National Human Trafficking Hotline',
    description: 'National hotline for people experiencing or reporting human trafficking. Answers 24 hours a day, 7 days a week, with interpreters.',
    virtual: true,
    phones: [{ number: '1-888-373-7888', type: 'voice', description: '24/7, interpreters available' }],
    schedules: [{ byday: WEEK, opens_at: '00:00', closes_at: '23:59', description: 'Open 24 hours, 7 days a week' }],
    interpretation: 'Interpreters available',
    languages: ['en'],
    terms: ['cat-hotline', 'pop-sex-trafficking', 'pop-labor-trafficking'],
    source: `${SEED} Phone number, 24/7 hours and interpreters as stated there.`,
  }),
  service({
    org: 'U.S. Department of Justice',
    name: 'Trafficking in Persons and Worker Exploitation Task Force complaint line',
    description: 'U.S. Department of Justice complaint line for reporting trafficking and worker exploitation. Voice and TTY.',
    virtual: true,
    phones: [
      { number: '1-888-428-7581', type: 'voice', description: 'Weekdays 9 a.m. to 5 p.m. Eastern' },
      { number: '1-888-428-7581', type: 'textphone', description: 'TTY, same number' },
    ],
    schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00', timezone: -5, description: 'Weekdays 9 a.m. to 5 p.m. Eastern time' }],
    languages: ['en'],
    terms: ['cat-hotline', 'cat-law-enforcement', 'pop-sex-trafficking', 'pop-labor-trafficking'],
    source: `${SEED} Phone number (voice and TTY) and weekday hours as stated there.`,
  }),
  service({
    org: 'Coalition to Abolish Slavery and Trafficking (CAST)',
    name: 'CAST survivor services',
    description: 'Los Angeles anti-trafficking organization named in the seed documents. Services, eligibility and intake details are not in this directory: call to confirm.',
    city: 'Los Angeles',
    terms: ['cat-case-management', 'cat-legal-aid', 'pop-sex-trafficking', 'pop-labor-trafficking'],
  }),
  service({
    org: 'Board of State and Community Corrections (BSCC)',
    name: 'BSCC human trafficking programs',
    description: 'California state board named in the seed documents in connection with programs for trafficking survivors. Not a direct-service provider; details are not in this directory.',
    city: 'Sacramento',
    terms: ['cat-policy-funding'],
  }),
  service({
    org: 'MISSSEY',
    name: 'MISSSEY youth services',
    description: 'Oakland organization serving sexually exploited youth, named in the seed documents. Services and intake details are not in this directory: call to confirm.',
    city: 'Oakland',
    terms: ['cat-case-management', 'pop-minors', 'pop-sex-trafficking'],
  }),
  service({
    org: 'New Day for Children',
    name: 'New Day for Children',
    description: 'Organization named in the seed documents as serving child survivors of trafficking. Location, services and intake details are not in this directory.',
    terms: ['pop-minors', 'pop-sex-trafficking'],
  }),
  service({
    org: 'SAGE (Standing Against Global Exploitation)',
    name: 'SAGE survivor services',
    description: 'San Francisco organization named in the seed documents. Services and intake details are not in this directory: call to confirm.',
    city: 'San Francisco',
    terms: ['cat-case-management', 'pop-sex-trafficking'],
  }),
  service({
    org: 'California Victim Compensation Board',
    name: 'California Victim Compensation Program (CalVCP)',
    description: 'State program that helps victims of crime, including trafficking survivors, with eligible costs. Application and eligibility details are not in this directory.',
    city: 'Sacramento',
    terms: ['cat-victim-compensation', 'pop-sex-trafficking', 'pop-labor-trafficking'],
  }),
  service({
    org: 'Los Angeles Regional Human Trafficking Task Force',
    name: 'Los Angeles Regional Human Trafficking Task Force',
    description: 'Regional task force of law enforcement and service agencies in Los Angeles, named in the seed documents.',
    city: 'Los Angeles',
    terms: ['cat-law-enforcement', 'pop-sex-trafficking', 'pop-labor-trafficking'],
  }),
  service({
    org: 'Los Angeles City Attorney',
    name: 'Los Angeles City Attorney Human Trafficking Unit',
    description: 'Unit of the Los Angeles City Attorney named in the seed documents. Contact details are not in this directory.',
    city: 'Los Angeles',
    terms: ['cat-law-enforcement', 'pop-sex-trafficking', 'pop-labor-trafficking'],
  }),
];

writeFileSync(OUT, `${JSON.stringify(services, null, 2)}\n`);
console.log(`wrote ${services.length} services to ${OUT}`);
