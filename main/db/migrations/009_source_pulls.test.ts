import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from '.';

describe('009_source_pulls', () => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 8));
  const config = JSON.stringify({ kind: 'hsds-api', url: 'https://api.example.org/hsds', headerEnv: null, etag: null, lastModified: null });
  db.prepare("INSERT INTO source (name, kind, origin, id_prefix, updated_at) VALUES ('county', 'hsds-api', 'https://api.example.org/hsds', 'county/', 'then')").run();
  db.prepare("INSERT INTO source (name, kind, origin, id_prefix, updated_at) VALUES ('bundled', 'bundled', 'starter', '', 'then')").run();
  db.prepare("INSERT INTO previous_source SELECT * FROM source WHERE name = 'county'").run();
  db.prepare("INSERT INTO local_setting (key, value) VALUES ('source-pull:county', ?)").run(config);
  migrate(db, migrations);

  it('copies a pulled source\'s settings beside its rows, live and kept for rollback; other sources have none', () => {
    expect(db.prepare('SELECT name, pull FROM source ORDER BY name').all()).toEqual([
      { name: 'bundled', pull: null },
      { name: 'county', pull: config },
    ]);
    expect(db.prepare('SELECT pull FROM previous_source').pluck().get()).toBe(config);
  });

  it('keeps previous_source\'s columns the live table\'s, so a rollback swaps them whole', () => {
    const columns = (t: string) => db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t);
    expect(columns('previous_source')).toEqual(columns('source'));
  });

  it('records pauses and pull outcomes apart from the source list, paused being 0 or 1', () => {
    db.prepare("INSERT INTO source_status (name, paused, last_pull, last_result) VALUES ('county', 1, 'now', '{}')").run();
    expect(db.prepare("SELECT paused FROM source_status WHERE name = 'county'").pluck().get()).toBe(1);
    expect(() => db.prepare("INSERT INTO source_status (name, paused) VALUES ('x', 2)").run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM source').run();
    expect(db.prepare('SELECT count(*) FROM source_status').pluck().get()).toBe(1);
  });
});
