import { resolve } from 'node:path';
import { z } from 'zod';
import type { ColumnMapping } from '../../../shared/import-types';
import type { Db, ReadDb } from '../../db/open';
import { readSetting, writeSetting, type LocalSetting } from '../../db/local-settings';

/** Spreadsheet column mappings, saved per source file in the desk's own settings (never touched by an import). */
const mappingOf = (source: string): LocalSetting<ColumnMapping | undefined> => ({
  key: `import.mapping:${resolve(source)}`,
  schema: z.record(z.string(), z.string().nullable()),
  fallback: undefined,
});

export function loadMapping(db: ReadDb, source: string): ColumnMapping | undefined {
  return readSetting(db, mappingOf(source));
}

export function saveMapping(db: Db, source: string, mapping: ColumnMapping): void {
  writeSetting(db, mappingOf(source), mapping);
}
