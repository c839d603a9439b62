import { CATEGORIES, LANGUAGES, POPULATIONS } from '../../shared/vocabulary';
import { CsvSyntaxError, parseCsv } from './csv';

/**
 * The bundled directory's source table (data/starter-sources/*.csv): one row per fact, each with the
 * public page it was read from. This module reads the files and refuses anything it cannot vouch for;
 * docs/starter-directory.md is the contributor's guide to the same rules.
 */
export const HEADER = ['service', 'field', 'value', 'detail', 'source_url', 'read_on'] as const;

/** A fact as the table gives it, with where it came from. */
export interface Fact {
  value: string;
  detail: string;
  url: string;
  readOn: string;
  file: string;
  line: number;
}

export interface ServiceFacts {
  slug: string;
  file: string;
  /** Every row of the service, in table order: the citations. */
  rows: (Fact & { field: Field })[];
  one: Partial<Record<SingleField, Fact>>;
  many: Record<ListField, Fact[]>;
}

export interface SourceProblem {
  file: string;
  line: number;
  message: string;
}

export class SourceTableError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join('\n'));
  }
}

const SINGLE = [
  'organization', 'name', 'name_es', 'description', 'description_es', 'city', 'county', 'address', 'confidential',
  'virtual', 'min_age', 'max_age', 'fees', 'email', 'website', 'interpretation',
] as const;
const LIST = ['category', 'serves', 'not_serves', 'language', 'phone', 'text', 'tty', 'area', 'hours', 'hours_text', 'note'] as const;
type SingleField = (typeof SINGLE)[number];
type ListField = (typeof LIST)[number];
export type Field = SingleField | ListField;

const REQUIRED: SingleField[] = ['organization', 'name', 'description', 'description_es'];
/** Fields whose `detail` column means something; elsewhere a detail would be silently lost. */
const WITH_DETAIL = new Set<Field>(['phone', 'text', 'tty', 'language', 'hours', 'hours_text', 'address', 'fees', 'email']);

const categoryIds = new Set<string>(CATEGORIES.map((c) => c.id));
const populationIds = new Set<string>(POPULATIONS.map((p) => p.id));
const languageIds = new Set<string>(LANGUAGES.map((l) => l.id));

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)+$/;
const DAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
const TIME = '(?:[01]\\d|2[0-3]):[0-5]\\d';
/** Weekly hours as the table writes them: "MO,TU,WE,TH,FR 09:00-17:00" (24-hour clock, 23:59 for midnight). */
export const WEEKLY_HOURS = new RegExp(`^(?<days>${DAY}(?:,${DAY})*) (?<opens>${TIME})-(?<closes>${TIME})$`);
/** A dialable number as printed: 1-888-373-7888, 888-373-7888, (213) 555-0100, or letters (1-800-RUNAWAY). */
const NUMBER = /^(1-)?(\d{3}-[0-9A-Z]{3}-?[0-9A-Z]{4}|\(\d{3}\) \d{3}-\d{4})( ext\. \d{1,6})?$/;
const SHAPES: Record<'phone' | 'text' | 'tty', { test: (v: string) => boolean; says: string }> = {
  phone: { test: (v) => NUMBER.test(v) || /^\d{3}$/.test(v), says: 'a number like 1-888-373-7888 or (213) 555-0100 (optionally " ext. 12"), or a three-digit line like 988' },
  text: { test: (v) => NUMBER.test(v) || /^\d{3,6}$/.test(v), says: 'a short code like 741741 or 988, or a number like 1-800-422-4453' },
  tty: { test: (v) => NUMBER.test(v) || v === '711', says: 'a number like 1-800-787-3224, or 711 (relay)' },
};

function isRealDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function isWebAddress(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== '' && !/\s/.test(s);
  } catch {
    return false;
  }
}

/** What is wrong with one fact's value, or null. */
function valueProblem(field: Field, value: string, detail: string): string | null {
  switch (field) {
    case 'category':
      return categoryIds.has(value) ? null : `unknown category "${value}" (one of ${[...categoryIds].join(', ')})`;
    case 'serves':
    case 'not_serves':
      return populationIds.has(value) ? null : `unknown population "${value}" (one of ${[...populationIds].join(', ')})`;
    case 'language':
      return languageIds.has(value) || /^[a-z]{2,3}$/.test(value) ? null : `"${value}" is not an ISO 639 language code (e.g. es, zh, ase)`;
    case 'phone':
    case 'text':
    case 'tty':
      if (!SHAPES[field].test(value)) return `${field} "${value}" is not ${SHAPES[field].says}`;
      return field === 'text' && detail === '' ? 'a text line needs in detail what to send, e.g. "Text HOME to 741741"' : null;
    case 'hours':
      return value === '24/7' || WEEKLY_HOURS.test(value) ? null : `hours "${value}" is not 24/7 or days and times like "MO,TU,WE,TH,FR 09:00-17:00"`;
    case 'confidential':
    case 'virtual':
      return value === 'yes' ? null : `${field} is written "yes" (leave the row out otherwise)`;
    case 'min_age':
    case 'max_age':
      return /^\d{1,3}$/.test(value) ? null : `${field} "${value}" is not a whole number of years`;
    case 'fees':
      return value === 'free' ? null : `fees "${value}" is not "free" (put other wording in detail of a "free" row, or leave it out)`;
    case 'website':
      return isWebAddress(value) ? null : `website "${value}" is not an http(s) address`;
    case 'email':
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? null : `email "${value}" is not an address`;
    case 'address':
      return /^[^,]+(, [^,]+)*, [^,]+, CA \d{5}$/.test(value) ? null : `address "${value}" is not "street, city, CA ZIP"`;
    case 'area':
      return /^[A-Z]/.test(value) ? null : `area "${value}" is not a place name (United States, California, a county or a city)`;
    default:
      return null;
  }
}

/**
 * Reads the source files (name and text, in the order given) into one record of facts per service.
 * Every problem found is reported with its file and line; any problem means no directory is built.
 */
export function readSourceTable(files: { name: string; text: string }[]): ServiceFacts[] {
  const problems: SourceProblem[] = [];
  const services = new Map<string, ServiceFacts>();
  for (const { name: file, text } of files) {
    let records;
    try {
      records = parseCsv(text);
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      problems.push({ file, line: e.line, message: e.message });
      continue;
    }
    const [header, ...rows] = records;
    if (!header || header.values.join(',') !== HEADER.join(',')) {
      problems.push({ file, line: 1, message: `the first line must be exactly "${HEADER.join(',')}"` });
      continue;
    }
    for (const { line, values } of rows) {
      const say = (message: string) => problems.push({ file, line, message });
      if (values.length !== HEADER.length) {
        say(`has ${values.length} values, the header ${HEADER.length} (quote any value holding a comma)`);
        continue;
      }
      const [slug, field, value, detail, url, readOn] = values.map((v) => v.trim()) as [string, string, string, string, string, string];
      if (!SLUG.test(slug)) say(`service "${slug}" is not a slug of lowercase a-z, 0-9 and dashes with an area prefix (e.g. nat-...)`);
      if (!(SINGLE as readonly string[]).includes(field) && !(LIST as readonly string[]).includes(field)) {
        say(`unknown field "${field}"`);
        continue;
      }
      const f = field as Field;
      if (value === '') say(`${f} has no value`);
      if (url === '') say('has no source_url: every fact cites the page it was read from');
      else if (!isWebAddress(url)) say(`source_url "${url}" is not an http(s) address`);
      if (!isRealDate(readOn)) say(`read_on "${readOn}" is not a date written YYYY-MM-DD`);
      if (detail !== '' && !WITH_DETAIL.has(f)) say(`${f} takes no detail (it would be lost): "${detail}"`);
      const problem = value === '' ? null : valueProblem(f, value, detail);
      if (problem) say(problem);

      let s = services.get(slug);
      if (s && s.file !== file) {
        say(`service "${slug}" is also in ${s.file}: a service's rows belong to one file, and slugs are unique across files`);
        continue;
      }
      if (!s) {
        s = { slug, file, rows: [], one: {}, many: Object.fromEntries(LIST.map((l) => [l, []])) as unknown as ServiceFacts['many'] };
        services.set(slug, s);
      }
      const fact: Fact = { value, detail, url, readOn, file, line };
      s.rows.push({ ...fact, field: f });
      if ((SINGLE as readonly string[]).includes(f)) {
        const earlier = s.one[f as SingleField];
        if (earlier) say(`${f} of "${slug}" is given twice (first on line ${earlier.line})`);
        else s.one[f as SingleField] = fact;
      } else {
        const list = s.many[f as ListField];
        const same = list.find((x) => x.value === value);
        if (same && f !== 'note' && f !== 'hours_text') say(`${f} "${value}" of "${slug}" is given twice (first on line ${same.line})`);
        else list.push(fact);
      }
    }
  }

  const pairs = new Map<string, ServiceFacts>();
  for (const s of services.values()) {
    const at = (line: number, message: string) => problems.push({ file: s.file, line, message });
    const first = s.rows[0]!.line;
    for (const r of REQUIRED) if (!s.one[r]) at(first, `service "${s.slug}" has no ${r}`);
    if (s.many.category.length === 0) at(first, `service "${s.slug}" has no category`);
    for (const p of s.many.serves) {
      const clash = s.many.not_serves.find((n) => n.value === p.value);
      if (clash) at(clash.line, `"${s.slug}" both serves and does not serve ${p.value}`);
    }
    const { confidential, virtual, city, address, county } = s.one;
    if (confidential && address) at(address.line, `"${s.slug}" is confidential: a shelter or safe house gets no street address`);
    if (virtual && (city || address || county)) at(virtual.line, `"${s.slug}" is virtual (phone or online only) but also has a place`);
    if (address && !city) at(address.line, `"${s.slug}" has an address but no city row`);
    if (address && city && !address.value.includes(`, ${city.value}, CA `)) at(address.line, `the address does not name the city "${city.value}"`);
    const min = s.one.min_age && Number(s.one.min_age.value);
    const max = s.one.max_age && Number(s.one.max_age.value);
    if (typeof min === 'number' && typeof max === 'number' && min > max) at(s.one.max_age!.line, `max_age ${max} is below min_age ${min}`);
    const org = s.one.organization?.value;
    const name = s.one.name?.value;
    if (org && name) {
      const key = `${org}\u0000${name}`;
      const other = pairs.get(key);
      if (other) at(s.one.name!.line, `"${s.slug}" has the same organization and name as "${other.slug}" (${other.file})`);
      else pairs.set(key, s);
    }
  }
  if (problems.length > 0) throw new SourceTableError(problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line));
  return [...services.values()].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}
