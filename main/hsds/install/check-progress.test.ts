import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbDigest } from '../../test-support/db-digest';
import { syntheticDirectory } from '../../test-support/synthetic-directory';
import { tempDb } from '../../test-support/temp-db';
import { checkDatasetAsync } from './apply';
import { writeDatapackage } from '../export/export-datapackage';
import { ImportCancelled, type StepProgress } from '../../jobs/steps';

// What the Import screen polls while a large file is read, checked and compared, and what its Cancel does then.
describe('checking a dataset in steps', { timeout: 60_000 }, () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const desk = () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    const pkg = join(t.dir, 'pkg');
    writeDatapackage(syntheticDirectory(12_000), pkg);
    return { ...t, pkg };
  };

  it('reports reading each file, then checking the records, then comparing the services, in that order', async () => {
    const { db, pkg } = desk();
    const seen: StepProgress[] = [];
    const checked = await checkDatasetAsync(db, pkg, {}, { onProgress: (p) => seen.push(p) });
    expect(checked.report.ok).toBe(true);
    expect(checked.report.diff?.added).toHaveLength(12_000);
    const steps = seen.map((p) => p.step).filter((s, i, all) => s !== all[i - 1]);
    expect(steps).toEqual(['reading', 'checking', 'comparing']);
    const reading = seen.filter((p) => p.step === 'reading' && p.total > 1);
    expect([...new Set(reading.map((p) => p.done))]).toEqual([...Array(23).keys()]);
    // A table of 12,000 or more rows is parsed and turned into records in steps, so the app answers meanwhile.
    expect(reading.length).toBeGreaterThan(23);
    const checking = seen.filter((p) => p.step === 'checking');
    expect(checking.at(-1)).toMatchObject({ total: 12_000 * 7 + 1_200 });
    expect(checking.map((p) => p.done)).toEqual([...checking.map((p) => p.done)].sort((a, b) => a - b));
  });

  it('a cancel while the files are being read stops it, and the database is unchanged', async () => {
    const { db, pkg } = desk();
    const before = dbDigest(db);
    const steps: string[] = [];
    await expect(
      checkDatasetAsync(db, pkg, {}, { onProgress: (p) => steps.push(p.step), isCancelled: () => steps.length >= 4 }),
    ).rejects.toThrow(ImportCancelled);
    expect(new Set(steps)).toEqual(new Set(['reading']));
    expect(dbDigest(db)).toBe(before);
  });
});
