import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../../test-support/fixtures';
import { DatasetReadError } from '../check/problems';
import { validateDataset } from '../check/validate';
import { readDataset } from './read-dataset';

const errorsOf = (path: string) => {
  const read = readDataset(path);
  return { read, errors: [...read.problems, ...validateDataset(read.tables, read.origins)].filter((p) => p.level === 'error') };
};
const official = (name: string) => JSON.parse(readFileSync(fixture('hsds3', name), 'utf8')) as Record<string, unknown>;

// Every shape the HSDS 3 API returns, from the specification's own examples.
describe('the shapes of HSDS JSON', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-shape-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, doc: unknown) => {
    writeFileSync(join(dir, name), JSON.stringify(doc));
    return join(dir, name);
  };

  it('reads organization_full.json as the organization with its service, not as a service without a status', () => {
    const { read, errors } = errorsOf(fixture('hsds3', 'organization_full.json'));
    expect(errors.map((e) => e.message)).not.toContainEqual(expect.stringContaining('status'));
    expect(read.tables.service.map((s) => [s.name, s.organization_id])).toEqual([[expect.any(String), official('organization_full.json').id]]);
    expect(read.tables.organization).toHaveLength(1);
    expect(read.tables.location.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.field?.startsWith('$.services[0]') || e.field?.startsWith('$.'))).toBe(true);
  });

  it('reads service_at_location_full.json as its service offered at that site', () => {
    const { read } = errorsOf(fixture('hsds3', 'service_at_location_full.json'));
    const sal = official('service_at_location_full.json');
    expect(read.tables.service.map((s) => s.id)).toEqual([(sal.service as { id: string }).id]);
    expect(read.tables.service_at_location.map((r) => [r.id, r.service_id])).toContainEqual([sal.id, (sal.service as { id: string }).id]);
  });

  it('reads Page envelopes of organizations and services, in the 3.0 and the older envelope', () => {
    expect(readDataset(fixture('hsds3', 'organization_list.json')).tables.service.length).toBeGreaterThan(0);
    const page = official('service_list.json');
    const services = readDataset(fixture('hsds3', 'service_list.json')).tables.service.map((s) => s.id);
    expect(services).toEqual((page.contents as { id: string }[]).map((s) => s.id));
    const older = write('older.json', { content: page.contents, totalPages: 1, number: 0, last: true });
    expect(readDataset(older).tables.service.map((s) => s.id)).toEqual(services);
  });

  it('reads a list mixing an organization with its services and a service', () => {
    const mixed = write('mixed.json', [official('organization_full.json'), { ...official('service_full.json'), id: 'a-second-service' }]);
    expect(readDataset(mixed).tables.service).toHaveLength(2);
  });

  it('refuses a document of another shape with a sentence naming what it is', () => {
    const refusal = (path: string) => {
      try {
        readDataset(path);
      } catch (e) {
        return (e as DatasetReadError).problem.message;
      }
      throw new Error('not refused');
    };
    expect(refusal(fixture('hsds3', 'location.json'))).toBe('The document is a location, not a service, an organization with its services, or a service_at_location');
    expect(refusal(write('terms.json', { contents: [{ id: 't1', code: 'x', name: 'Food' }] }))).toBe('$.contents[0] is a taxonomy term, not a service, an organization with its services, or a service_at_location');
    expect(refusal(write('number.json', 5))).toMatch(/^The document is a number, not a service/);
    expect(refusal(write('pages.json', [{ contents: [] }]))).toBe('$[0] is a page inside a list; give one page or a list of services');
  });
});
