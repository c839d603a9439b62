import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../main/db/open';
import { applyChecked, checkDataset } from '../main/hsds/apply';
import { writeDatapackage } from '../main/hsds/export-datapackage';
import { ensureStarterDirectory } from '../main/hsds/starter';
import { rebuildSearchIndex } from '../main/search/text-index';
import { HSDS_TABLES } from '../main/hsds/tables';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));

/**
 * Importing a synthetic HSDS datapackage of N services (7 rows each) into a database holding the starter
 * directory, as `referral-atlas import` does: read the CSVs, validate, diff, apply in one transaction
 * (which also copies the replaced directory aside for rollback). The search-index rebuild inside apply is
 * timed again on its own afterwards, so the import's own share can be told from the search's.
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
    try {
      const tables = syntheticDirectory(services);
      writeDatapackage(tables, join(dir, 'pkg'), { name: 'synthetic', version: '1' });
      const total = HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);

      const db = openDatabase(join(dir, 'desk.sqlite'));
      ensureStarterDirectory(db, STARTER);
      const t0 = performance.now();
      const checked = checkDataset(db, join(dir, 'pkg'));
      const t1 = performance.now();
      if (!checked.report.ok) throw new Error(`synthetic package invalid: ${JSON.stringify(checked.report.errors[0])}`);
      applyChecked(db, checked);
      const t2 = performance.now();
      db.transaction(() => rebuildSearchIndex(db))();
      const rebuild = (performance.now() - t2) / 1000;
      db.close();
      const seconds = (t2 - t0) / 1000;
      const check = (t1 - t0) / 1000;
      const apply = (t2 - t1) / 1000;
      log(`${services} services: read+validate+diff ${check.toFixed(2)} s, apply ${apply.toFixed(2)} s (of which search-index rebuild about ${rebuild.toFixed(2)} s)`);
      rows.push({
        services,
        rows: total,
        seconds: Number(seconds.toFixed(2)),
        check_seconds: Number(check.toFixed(2)),
        apply_seconds: Number(apply.toFixed(2)),
        rebuild_seconds: Number(rebuild.toFixed(2)),
        without_rebuild_seconds: Number((seconds - rebuild).toFixed(2)),
        rows_per_s: Math.round(total / seconds),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
