import type { Database } from 'better-sqlite3';
import type { Migration } from './migrations/types';

export class SchemaMismatchError extends Error {}

/**
 * Brings the database up to the known migration list. A database whose recorded migrations are not a
 * prefix of that list was written by another (probably newer) build: opening it could corrupt it, so
 * it is refused.
 */
export function migrate(db: Database, known: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
  }[];
  applied.forEach((row, i) => {
    if (row.version !== i + 1 || known[i]?.name !== row.name) {
      throw new SchemaMismatchError(
        `This database was made by a different version of Referral Atlas (migration ${row.version} "${row.name}" is not one this version knows). It was left unchanged.`,
      );
    }
  });
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (let i = applied.length; i < known.length; i++) {
    const m = known[i]!;
    db.transaction(() => {
      db.exec(m.up);
      record.run(i + 1, m.name, new Date().toISOString());
    })();
  }
}
