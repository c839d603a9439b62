import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../test-support/temp-db';
import { migrate, SchemaMismatchError } from './migrate';
import { migrations } from './migrations';
import { openDatabase } from './open';

describe('migrate', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));

  it('records every known migration once, in order, and is idempotent', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    migrate(t.db, migrations);
    const rows = t.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(rows).toEqual(migrations.map((m, i) => ({ version: i + 1, name: m.name })));
  });

  it('opens with foreign keys on, WAL and synchronous=FULL', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    expect(t.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(t.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(t.db.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('refuses a database whose history is not a prefix of the known migrations, and leaves it alone', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    t.db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '099_from_the_future', 'x')").run();
    t.db.close();
    expect(() => openDatabase(t.path)).toThrow(SchemaMismatchError);
    const raw = new Database(t.path, { readonly: true });
    expect(raw.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: migrations.length + 1 });
    raw.close();
  });

  it('refuses a database where a known version carries a different name', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    t.db.prepare("UPDATE schema_migrations SET name = 'renamed' WHERE version = 1").run();
    t.db.close();
    expect(() => openDatabase(t.path)).toThrow(/different version of Referral Atlas/);
  });

  it('applies only the missing migrations to an older database', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const raw = new Database(':memory:');
    migrate(raw, migrations.slice(0, 1));
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'local_note'").get()).toEqual({ n: 0 });
    migrate(raw, migrations);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'local_note'").get()).toEqual({ n: 1 });
    raw.close();
  });
});
