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
      // CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours too.
      const cpu = () => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1e6;
      };
      const [t0, c0] = [performance.now(), cpu()];
      const checked = checkDataset(db, join(dir, 'pkg'));
      const [t1, c1] = [performance.now(), cpu()];
      if (!checked.report.ok) throw new Error(`synthetic package invalid: ${JSON.stringify(checked.report.errors[0])}`);
      applyChecked(db, checked);
      const [t2, c2] = [performance.now(), cpu()];
      db.transaction(() => rebuildSearchIndex(db))();
      const [t3, c3] = [performance.now(), cpu()];
      db.close();
      const seconds = (t2 - t0) / 1000;
      const rebuild = (t3 - t2) / 1000;
      const round = (n: number) => Number(n.toFixed(2));
      log(
        `${services} services: read+validate+diff ${round((t1 - t0) / 1000)} s (cpu ${round(c1 - c0)}), apply ${round((t2 - t1) / 1000)} s (cpu ${round(c2 - c1)}), ` +
          `of which search-index rebuild about ${round(rebuild)} s (cpu ${round(c3 - c2)})`,
      );
      rows.push({
        services,
        rows: total,
        seconds: round(seconds),
        check_seconds: round((t1 - t0) / 1000),
        apply_seconds: round((t2 - t1) / 1000),
        rebuild_seconds: round(rebuild),
        without_rebuild_seconds: round(seconds - rebuild),
        cpu_seconds: round(c2 - c0),
        rebuild_cpu_seconds: round(c3 - c2),
        rows_per_s: Math.round(total / seconds),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
