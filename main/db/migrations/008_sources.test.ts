import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../migrate';
import { migrations } from '.';

/** A database as the build before sources left it: a directory installed from `origin`, and `previous` kept for rollback. */
function before(origin: string | null, previous: string | null) {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 7));
  const install = db.prepare('INSERT INTO dataset_install (dataset_id, version, source, installed_at, services) VALUES (?, ?, ?, ?, 1)');
  if (previous) {
    install.run('old', '1', previous, '2026-01-01');
    db.prepare("INSERT INTO previous_organization (id, name) VALUES ('o-old', 'Old')").run();
    db.prepare("INSERT INTO previous_service (id, organization_id, name) VALUES ('s-old', 'o-old', 'Old service')").run();
    db.prepare("INSERT INTO dataset_previous (id, dataset_id, version, source, installed_at, services) VALUES (1, 'old', '1', ?, '2026-01-01', 1)").run(previous);
  }
  if (origin) {
    install.run('new', '2', origin, '2026-02-01');
    db.prepare("INSERT INTO organization (id, name) VALUES ('o1', 'Org')").run();
    db.prepare("INSERT INTO service (id, organization_id, name) VALUES ('s1', 'o1', 'Service')").run();
    db.prepare("INSERT INTO taxonomy_term (id, name, description) VALUES ('cat-legal', 'Legal', 'Legal')").run();
  }
  migrate(db, migrations);
  return db;
}

const sources = (db: Database.Database, table: string) => db.prepare(`SELECT name, kind, origin, id_prefix FROM ${table} ORDER BY name`).all();

describe('008_sources', () => {
  it('makes the installed directory a file source named after the file, and the version kept for rollback the bundled source', () => {
    const db = before('/home/desk/Downloads/county.csv', 'starter');
    expect(sources(db, 'source')).toEqual([{ name: 'county.csv', kind: 'file', origin: '/home/desk/Downloads/county.csv', id_prefix: '' }]);
    expect(sources(db, 'previous_source')).toEqual([{ name: 'bundled', kind: 'bundled', origin: 'starter', id_prefix: '' }]);
    // Ids stay as they were, so notes keyed by them stay attached.
    expect(db.prepare('SELECT id, atlas_source FROM service').all()).toEqual([{ id: 's1', atlas_source: 'county.csv' }]);
    expect(db.prepare('SELECT id, atlas_source FROM previous_service').all()).toEqual([{ id: 's-old', atlas_source: 'bundled' }]);
    // The taxonomy is shared: no source owns it.
    expect(db.prepare('SELECT atlas_source FROM taxonomy_term').pluck().all()).toEqual([null]);
  });

  it('names a feed after its host, reads a rolled-back install as the one it restored, and a Windows path by its file name', () => {
    expect(sources(before('https://coalition.example:8443/feed/manifest.json', null), 'source')).toEqual([
      { name: 'coalition.example:8443', kind: 'feed', origin: 'https://coalition.example:8443/feed/manifest.json', id_prefix: '' },
    ]);
    expect(sources(before('rollback: starter', null), 'source')).toEqual([{ name: 'bundled', kind: 'bundled', origin: 'starter', id_prefix: '' }]);
    expect(sources(before('C:\\Users\\desk\\county.json', null), 'source')).toEqual([{ name: 'county.json', kind: 'file', origin: 'C:\\Users\\desk\\county.json', id_prefix: '' }]);
  });

  it('gives an empty database no source, and previous_ tables the live ones\' columns', () => {
    const db = before(null, null);
    expect(sources(db, 'source')).toEqual([]);
    const columns = (t: string) => db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(t);
    for (const t of ['service', 'taxonomy_term', 'funding', 'source']) expect(columns(`previous_${t}`)).toEqual(columns(t));
  });
});
