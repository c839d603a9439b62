import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support/temp-db';
import { confidentialLocationIds, confidentialLocationSql, isConfidentialTerm } from './confidential-location';

const UUID = '3f0c2a1e-9b7d-4c55-8e21-6a0f4d9b1c77';

describe('which location flags mean confidential', () => {
  it.each([
    ['our own id', { id: 'loc-confidential', name: 'Confidential location' }],
    ['a UUID term whose code is loc-confidential', { id: UUID, code: 'loc-confidential', name: 'Site flag 4' }],
    ['code CONFIDENTIAL', { id: UUID, code: 'CONFIDENTIAL', name: 'Flag' }],
    ['name "Confidential address"', { id: UUID, name: 'Confidential address' }],
    ['Spanish, with its accent', { id: UUID, name: 'Dirección confidencial' }],
    ['Spanish, accent dropped and upper case', { id: UUID, name: 'DIRECCION CONFIDENCIAL' }],
    ['"Undisclosed location"', { id: UUID, name: 'Undisclosed location' }],
    ['"Redacted"', { id: UUID, code: 'redacted' }],
    ['"Address withheld"', { id: UUID, name: 'Address withheld' }],
    ['our Spanish wording', { id: UUID, name: 'Ubicación reservada' }],
    ['a sentence', { id: UUID, name: 'Location is confidential (DV shelter)' }],
    ['a namespaced id', { id: 'urn:example:site:Confidential-Site' }],
  ])('flags %s', (_label, term) => {
    expect(isConfidentialTerm(term)).toBe(true);
  });

  it.each([
    ['"Not confidential"', { id: UUID, name: 'Not confidential' }],
    ['"Non-confidential site"', { id: UUID, name: 'Non-confidential site' }],
    ['Spanish "No confidencial"', { id: UUID, name: 'No confidencial' }],
    ['a longer word', { id: UUID, name: 'Confidentiality waived' }],
    ['a bare UUID', { id: UUID }],
    ['the approximate-point flag', { id: 'loc-approximate', name: 'Approximate point (city centre)' }],
    ['a wheelchair flag', { id: UUID, code: 'ACCESSIBLE', name: 'Wheelchair accessible' }],
  ])('does not flag %s', (_label, term) => {
    expect(isConfidentialTerm(term)).toBe(false);
  });

  it('reads rows of any taxonomy and link type, and only location attributes', () => {
    const ids = confidentialLocationIds({
      taxonomy_term: [
        { id: UUID, code: 'CONF', name: 'Confidencial', taxonomy_id: 'some-other-publisher' },
        { id: 'wheelchair', name: 'Wheelchair accessible' },
      ],
      attribute: [
        { id: 'a1', link_entity: 'location', link_id: 'loc-1', link_type: 'site_attributes', taxonomy_term_id: UUID },
        { id: 'a2', link_entity: 'location', link_id: 'loc-2', link_type: 'site_attributes', taxonomy_term_id: 'wheelchair' },
        // No term row: the id alone says so.
        { id: 'a3', link_entity: 'location', link_id: 'loc-3', taxonomy_term_id: 'Undisclosed' },
        { id: 'a4', link_entity: 'service', link_id: 'svc-1', taxonomy_term_id: UUID },
      ],
    });
    expect([...ids].sort()).toEqual(['loc-1', 'loc-3']);
  });

  describe('in SQL', () => {
    const cleanups: (() => void)[] = [];
    afterEach(() => cleanups.splice(0).forEach((c) => c()));

    it('gives the same answer for the installed tables', () => {
      const t = tempDb();
      cleanups.push(t.cleanup);
      const { db } = t;
      db.exec(`INSERT INTO taxonomy_term (id, code, name, description) VALUES
        ('${UUID}', 'loc-confidential', 'Site flag', 'x'), ('t-es', NULL, 'DIRECCIÓN CONFIDENCIAL', 'x'),
        ('t-no', NULL, 'Not confidential', 'x'), ('loc-confidential', NULL, 'Confidential location', 'x')`);
      db.exec(`INSERT INTO attribute (id, link_id, link_entity, taxonomy_term_id) VALUES
        ('a1', 'L1', 'location', '${UUID}'), ('a2', 'L2', 'location', 't-es'), ('a3', 'L3', 'location', 't-no'),
        ('a4', 'L4', 'location', 'loc-confidential'), ('a5', 'L5', 'service', 't-es')`);
      const sql = confidentialLocationSql(db, 'x.id');
      const rows = db.prepare(`SELECT x.id FROM (SELECT 'L' || value AS id FROM json_each('[1,2,3,4,5]')) x WHERE ${sql} ORDER BY x.id`).pluck().all();
      expect(rows).toEqual(['L1', 'L2', 'L4']);
      // A second reader on the same connection does not register the function twice.
      expect(() => db.prepare(`SELECT ${confidentialLocationSql(db, "'L1'")}`).get()).not.toThrow();
    });
  });
});
