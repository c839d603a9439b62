import { describe, expect, it } from 'vitest';
import type { Row, TableRows } from '../../db/hsds-tables';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { flattenHsdsJson } from '../read/flatten-json';
import { nestServices, nestServicesSteps } from './export-json';

/** Each table's rows without their empty fields, in id order: what nesting and flattening again must keep. */
const comparable = (tables: TableRows) =>
  Object.fromEntries(
    Object.entries(tables)
      .filter(([, rows]) => rows.length > 0)
      .map(([table, rows]) => [table, (rows as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v != null))).sort((a, b) => String(a.id).localeCompare(String(b.id)))]),
  );

describe('nestServices', () => {
  it('nests a source in steps that let the app answer between them, into services that read back as the same rows', () => {
    const tables = syntheticDirectory(3_000);
    const steps = nestServicesSteps(tables);
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    expect(yields).toBeGreaterThan(5);
    expect(r.value).toEqual(nestServices(tables));
    expect(comparable(flattenHsdsJson(r.value).tables)).toEqual(comparable(tables));
  });

  it("gives every service of an organization the organization with all its sites, and each service its own site, phone and hours", () => {
    const [first, second] = nestServices(syntheticDirectory(20)) as { id: string; organization: { locations: unknown[] }; service_at_locations: { location: { id: string } }[]; phones: unknown[]; schedules: unknown[] }[];
    expect(first!.organization).toEqual(second!.organization);
    expect(first!.organization.locations).toHaveLength(10);
    expect(first!.service_at_locations[0]!.location.id).not.toBe(second!.service_at_locations[0]!.location.id);
    expect([first!.phones, first!.schedules, second!.phones, second!.schedules].map((l) => l.length)).toEqual([1, 1, 1, 1]);
  });
});
