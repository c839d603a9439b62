import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildStarterDirectory } from './build';
import { parseCsv } from './csv';
import { SourceTableError } from './source-table';

const GAZETTEER = resolve(__dirname, '..', '..', 'data', 'gazetteer.json');
const HEADER = 'service,field,value,detail,source_url,read_on';
const PAGE = 'https://example.org/help';
const row = (service: string, field: string, value: string, detail = '', url = PAGE, readOn = '2026-12-05') =>
  [service, field, value, detail, url, readOn].map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
/** The rows every service needs, so a test can add the one fact it is about. */
const minimal = (slug: string, name = `Service ${slug}`) => [
  row(slug, 'organization', 'Example Org'),
  row(slug, 'name', name),
  row(slug, 'description', 'Our own words.'),
  row(slug, 'description_es', 'Nuestras propias palabras.'),
  row(slug, 'category', 'cat-hotline'),
];

describe('starter directory build script', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tables = (files: Record<string, string[]>) => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-sources-'));
    dirs.push(dir);
    for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, name), `${[HEADER, ...rows].join('\n')}\n`);
    return dir;
  };
  const problems = (files: Record<string, string[]>) => {
    try {
      buildStarterDirectory(tables(files), GAZETTEER);
    } catch (e) {
      if (e instanceof SourceTableError) return e.problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
      throw e;
    }
    return [];
  };
  const build = (files: Record<string, string[]>) => JSON.parse(buildStarterDirectory(tables(files), GAZETTEER).json);

  it('names the file and line of a bad row, and writes nothing', () => {
    const found = problems({ 'east.csv': [...minimal('ea-one'), row('ea-one', 'phone', '555-CALL-NOW-PLEASE')] });
    expect(found).toEqual([expect.stringMatching(/^east\.csv:7: phone "555-CALL-NOW-PLEASE" is not a number like/)]);
  });

  it('refuses unknown fields, unknown vocabulary ids, missing citations and missing required facts', () => {
    const found = problems({
      'east.csv': [
        ...minimal('ea-one'),
        row('ea-one', 'shoe_size', '9'),
        row('ea-one', 'serves', 'pop-everyone'),
        row('ea-one', 'category', 'cat-shelter'),
        row('ea-one', 'language', 'Spanish'),
        row('ea-one', 'phone', '1-800-555-0100', 'intake', ''),
        row('ea-two', 'organization', 'Example Org'),
      ],
    });
    expect(found).toEqual([
      'east.csv:7: unknown field "shoe_size"',
      expect.stringMatching(/^east\.csv:8: unknown population "pop-everyone"/),
      expect.stringMatching(/^east\.csv:9: unknown category "cat-shelter"/),
      expect.stringMatching(/^east\.csv:10: "Spanish" is not an ISO 639 language code/),
      'east.csv:11: has no source_url: every fact cites the page it was read from',
      'east.csv:12: service "ea-two" has no name',
      'east.csv:12: service "ea-two" has no description',
      'east.csv:12: service "ea-two" has no description_es',
      'east.csv:12: service "ea-two" has no category',
    ]);
  });

  it('refuses a slug used in two files, and two services with the same organization and name', () => {
    const found = problems({
      'east.csv': [...minimal('ea-one', 'Hotline')],
      'west.csv': [...minimal('we-two', 'Hotline'), row('ea-one', 'area', 'California')],
    });
    expect(found).toEqual([
      'west.csv:3: "we-two" has the same organization and name as "ea-one" (east.csv)',
      expect.stringMatching(/^west\.csv:7: service "ea-one" is also in east\.csv/),
    ]);
  });

  it('refuses a street address for a shelter, and a CSV quoting mistake with its line', () => {
    expect(problems({ 'east.csv': [...minimal('ea-home'), row('ea-home', 'confidential', 'yes'), row('ea-home', 'city', 'Fresno'), row('ea-home', 'address', '1 Main St, Fresno, CA 93721')] })).toEqual([
      'east.csv:9: "ea-home" is confidential: a shelter or safe house gets no street address',
    ]);
    expect(problems({ 'east.csv': [...minimal('ea-one'), 'ea-one,note,He said "hi",,https://example.org,2026-12-05'] })).toEqual([
      expect.stringMatching(/^east\.csv:7: a quote inside an unquoted value/),
    ]);
  });

  it('gives a confidential shelter its intake phone only: no address row, no point', () => {
    const [s] = build({ 'east.csv': [...minimal('ea-home'), row('ea-home', 'confidential', 'yes'), row('ea-home', 'city', 'Fresno'), row('ea-home', 'phone', '(559) 555-0100', 'intake')] });
    const location = s.service_at_locations[0].location;
    expect(location.latitude).toBeUndefined();
    expect(location.longitude).toBeUndefined();
    expect(location.addresses).toEqual([]);
    expect(location.attributes.map((a: { taxonomy_term: { id: string } }) => a.taxonomy_term.id)).toEqual(['loc-confidential']);
    expect(s.phones).toEqual([expect.objectContaining({ number: '(559) 555-0100', type: 'voice', description: 'intake' })]);
  });

  it('places a city at its gazetteer point flagged approximate, and asks for a county where a name is shared', () => {
    const [s] = build({ 'east.csv': [...minimal('ea-one'), row('ea-one', 'city', 'Oakland')] });
    expect(s.service_at_locations[0].location).toMatchObject({ latitude: 37.8044, longitude: -122.2708, location_type: 'physical' });
    expect(s.service_at_locations[0].location.attributes[0].taxonomy_term.id).toBe('loc-approximate');
    expect(problems({ 'east.csv': [...minimal('ea-one'), row('ea-one', 'city', 'Burbank')] })).toEqual([expect.stringMatching(/^east\.csv:7: city "Burbank" names places in Los Angeles County and Santa Clara County: add a county row$/)]);
  });

  it('writes hours, text lines, letters-for-digits numbers and one citation per page with the fields read there', () => {
    const [s] = build({
      'east.csv': [
        ...minimal('ea-one'),
        row('ea-one', 'phone', '1-800-RUNAWAY', '24/7 hotline', 'https://example.org/b'),
        row('ea-one', 'text', '741741', 'Text HOME to 741741', 'https://example.org/b'),
        row('ea-one', 'hours', 'MO,TU,WE,TH,FR 09:00-17:00', '', 'https://example.org/b', '2025-01-31'),
        row('ea-one', 'note', 'The older page gave other hours.', '', 'https://example.org/b'),
      ],
    });
    expect(s.phones).toEqual([
      expect.objectContaining({ number: '1-800-786-2929', type: 'voice', description: '24/7 hotline (1-800-RUNAWAY)' }),
      expect.objectContaining({ number: '741741', type: 'text', description: 'Text HOME to 741741' }),
    ]);
    expect(s.schedules).toEqual([expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' })]);
    expect(s.metadata).toEqual([
      expect.objectContaining({ updated_by: PAGE, field_name: 'organization,name,description,attributes', last_action_type: 'sourced', last_action_date: '2026-12-05' }),
      expect.objectContaining({ updated_by: 'https://example.org/b', field_name: 'phones,schedules', replacement_value: 'The older page gave other hours.', last_action_date: '2026-12-05' }),
    ]);
    expect(s.description).toBe('Our own words.\n\nEn español: Nuestras propias palabras.');
  });
});

describe('source table CSV parser', () => {
  it('reads quoted commas, doubled quotes and line breaks inside a value, and knows where each record starts', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi""\nthere"\r\nlast,\n')).toEqual([
      { line: 1, values: ['a', 'b'] },
      { line: 2, values: ['x, y', 'say "hi"\nthere'] },
      { line: 4, values: ['last', ''] },
    ]);
  });

  it('says where a quoted value is never closed', () => {
    expect(() => parseCsv('a,b\n"open,b\nc,d\n')).toThrow('a quoted value is never closed');
  });

});
