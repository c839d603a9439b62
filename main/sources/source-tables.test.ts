import { describe, expect, it } from 'vitest';
import { HSDS_TABLES, SHARED_TABLES } from '../db/hsds-tables';
import { hsdsColumns } from '../hsds/read/table-info';
import { applyDataset } from '../hsds/install/apply';
import { syntheticDirectory } from '../test-support/synthetic-directory';
import { tempDbsEachTest } from '../test-support/temp-db';
import { readSourceTables, sourceRowPages } from './source-tables';
import { storedSource } from './source-target';

describe('a source\'s stored rows read a page at a time', () => {
  const desk = tempDbsEachTest({ starter: true });
  it('are every row of that source once, with its ids as published, in the order of the whole read', () => {
    const { db } = desk();
    applyDataset(db, syntheticDirectory(30), { datasetId: 'synthetic', version: '1', source: 'synthetic' });
    const prefix = storedSource(db, 'synthetic')!.idPrefix;
    expect(prefix).not.toBe('');
    const whole = readSourceTables(db, 'synthetic');
    for (const t of HSDS_TABLES.filter((t) => !SHARED_TABLES.has(t))) {
      const pages = [...sourceRowPages(db, t, 'synthetic', prefix, 7)];
      expect(pages.every((p) => p.length > 0 && p.length <= 7), t).toBe(true);
      expect(pages.flat(), t).toEqual(whole[t].map((r) => hsdsColumns(t).map((c) => r[c])));
    }
    expect(whole.service).toHaveLength(30);
  });
});
