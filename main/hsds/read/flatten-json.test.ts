import { describe, expect, it } from 'vitest';
import type { Row } from '../../db/hsds-tables';
import { nestServices } from '../export/export-json';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { flattenHsdsJson } from './flatten-json';

/** The rows, the problems and where each row was heard of: all a read of the document keeps. */
function flattened(doc: unknown) {
  const heard: [string, number][] = [];
  const { tables, problems } = flattenHsdsJson(doc, (_row: Row, path, service) => void heard.push([path, service]));
  return { tables, problems, heard };
}

// An incremental pull's merged listing shares each stored organization, with its sites, among its
// services: a shared object met again must read exactly as its own copy would.
describe('flattening services that share nested objects', () => {
  it('gives the same rows, in the same order, heard of at the same places, as a copy in every service', () => {
    const shared = nestServices(syntheticDirectory(300));
    const copies = shared.map((s) => structuredClone(s));
    expect(shared[0]!.organization).toBe(shared[1]!.organization);
    expect(flattened(shared)).toEqual(flattened(copies));
  });

  it('names a problem in a shared object under every service carrying it, and a conflicting copy wherever it comes', () => {
    const org = { id: 'org-1', name: 'SYNTHETIC Org', phones: [{ number: '555-0100' }] };
    const clean = { id: 'org-2', name: 'SYNTHETIC Other Org' };
    const renamed = { id: 'org-2', name: 'SYNTHETIC Renamed Org' };
    const doc = [
      { id: 's1', name: 'One', organization: org },
      { id: 's2', name: 'Two', organization: clean },
      { id: 's3', name: 'Three', organization: org },
      { id: 's4', name: 'Four', organization: renamed },
      { id: 's5', name: 'Five', organization: clean },
    ];
    const read = flattened(doc);
    expect(read).toEqual(flattened(doc.map((s) => structuredClone(s))));
    expect(read.problems.map((p) => [p.service, p.message])).toEqual([
      [0, 'phone has no id'],
      [2, 'phone has no id'],
      [3, expect.stringMatching(/^organization id "org-2" is used for two different records: name is "SYNTHETIC Other Org"/)],
    ]);
  });
});
