import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';

describe('001_hsds_tables', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001]);

  it('creates every HSDS 3.1 table the importer writes', () => {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    for (const t of ['organization', 'service', 'location', 'service_at_location', 'address', 'phone', 'schedule', 'language', 'service_area', 'taxonomy', 'taxonomy_term', 'attribute', 'contact', 'cost_option', 'required_document', 'service_capacity', 'unit', 'metadata']) {
      expect(tables).toContain(t);
    }
  });

  it('enforces foreign keys: a phone cannot point at a missing service', () => {
    expect(() => db.prepare("INSERT INTO phone (id, service_id, number) VALUES ('p1', 'nope', '555')").run()).toThrow(/FOREIGN KEY/);
  });

  it('requires a service to have a name and an organization', () => {
    db.prepare("INSERT INTO organization (id, name) VALUES ('o1', 'Org')").run();
    expect(() => db.prepare("INSERT INTO service (id, organization_id) VALUES ('s1', 'o1')").run()).toThrow(/NOT NULL/);
    db.prepare("INSERT INTO service (id, organization_id, name) VALUES ('s1', 'o1', 'Svc')").run();
    expect(db.prepare("SELECT status FROM service WHERE id = 's1'").get()).toEqual({ status: 'active' });
  });
});
