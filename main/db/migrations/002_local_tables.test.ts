import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migration001 } from './001_hsds_tables';
import { migration002 } from './002_local_tables';

describe('002_local_tables', () => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, [migration001, migration002]);

  it('keeps a note on a service id the directory does not have (notes outlive imports)', () => {
    db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES ('gone', 'call Maria', 'now')").run();
    expect(db.prepare("SELECT body FROM local_note WHERE service_id = 'gone'").get()).toEqual({ body: 'call Maria' });
  });

  it('accepts only the three call-mark states', () => {
    db.prepare("INSERT INTO local_call_mark (service_id, status, marked_at) VALUES ('s', 'still_valid', 'now')").run();
    expect(() => db.prepare("INSERT INTO local_call_mark (service_id, status, marked_at) VALUES ('s', 'maybe', 'now')").run()).toThrow(/CHECK/);
  });

  it('records installed dataset versions', () => {
    db.prepare("INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES ('d', '1', 'starter', 'now', 3)").run();
    expect(db.prepare('SELECT dataset_id, services FROM dataset_install').all()).toEqual([{ dataset_id: 'd', services: 3 }]);
  });
});
