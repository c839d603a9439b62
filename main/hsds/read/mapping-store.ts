import { resolve } from 'node:path';
import type { ColumnMapping } from '../../../shared/import-types';
import type { Db } from '../../db/open';

/** Spreadsheet column mappings, saved per source file in the desk's own settings (never touched by an import). */
const key = (source: string) => `import.mapping:${resolve(source)}`;

export function loadMapping(db: Db, source: string): ColumnMapping | undefined {
  const row = db.prepare('SELECT value FROM local_setting WHERE key = ?').get(key(source)) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as ColumnMapping) : undefined;
}

export function saveMapping(db: Db, source: string, mapping: ColumnMapping): void {
  db.prepare('INSERT OR REPLACE INTO local_setting (key, value) VALUES (?, ?)').run(key(source), JSON.stringify(mapping));
}
