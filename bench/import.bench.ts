import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../main/db/open';
import { applyChecked, checkDataset } from '../main/hsds/install/apply';
import { writeDatapackage } from '../main/hsds/export/export-datapackage';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { HSDS_TABLES } from '../main/db/hsds-tables';
import { rebuildSearchIndex } from '../main/search/build/text-index';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/referral-atlas.cjs', import.meta.url));
/** Loaded before the CLI in the child: its peak resident memory and CPU time, reported as it exits. */
const PEAK_RSS =
  'data:text/javascript,process.on("exit",()=>{const u=process.resourceUsage();process.stderr.write(`peak-rss-kb ${u.maxRSS} cpu-us ${u.userCPUTime+u.systemCPUTime}\\n`)})';

/**
 * `referral-atlas import` in a process of its own, so its peak resident memory is the import's alone
 * (this process has held the generated directory): the whole command, from start to exit. It replaces
 * the starter directory the new database opens with, hence --allow-removals.
 */
function measureCli(pkg: string, db: string) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, CLI, 'import', pkg, '--db', db, '--json', '--allow-removals'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = round((performance.now() - t0) / 1000);
  const [, kb, cpu] = /peak-rss-kb (\d+) cpu-us (\d+)/.exec(r.stderr) ?? [];
  if (r.status !== 0 || !kb || !cpu) throw new Error(`CLI import failed (exit ${r.status}): ${r.stderr.slice(0, 500)} ${r.stdout.slice(0, 500)}`);
  return { seconds, cpu_seconds: round(Number(cpu) / 1e6), peak_rss_mb: Math.round(Number(kb) / 1024) };
}

/** CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours too. */
const clocks = () => {
  const u = process.cpuUsage();
  return { wall: performance.now() / 1000, cpu: (u.user + u.system) / 1e6 };
};
const round = (n: number) => Number(n.toFixed(2));

/**
 * Importing a package as `referral-atlas import` does: read the CSVs, validate, diff, apply in one
 * transaction (which also copies the replaced directory aside for rollback). The search-index rebuild
 * inside apply is timed again on its own afterwards, so the import's own share can be told from the search's.
 */
function measure(db: Db, pkg: string) {
  const t0 = clocks();
  const checked = checkDataset(db, pkg);
  const t1 = clocks();
  if (!checked.report.ok) throw new Error(`synthetic package invalid: ${JSON.stringify(checked.report.errors[0])}`);
  applyChecked(db, checked);
  const t2 = clocks();
  db.transaction(() => rebuildSearchIndex(db))();
  const t3 = clocks();
  return {
    seconds: round(t2.wall - t0.wall),
    check_seconds: round(t1.wall - t0.wall),
    apply_seconds: round(t2.wall - t1.wall),
    rebuild_seconds: round(t3.wall - t2.wall),
    without_rebuild_seconds: round(t2.wall - t0.wall - (t3.wall - t2.wall)),
    cpu_seconds: round(t2.cpu - t0.cpu),
    rebuild_cpu_seconds: round(t3.cpu - t2.cpu),
  };
}

/** Writes the two packages and returns their row count; the rows are let go before anything is timed. */
function writePackages(services: number, dir: string): number {
  const tables = syntheticDirectory(services);
  writeDatapackage(tables, join(dir, 'first'), { name: 'synthetic', version: '1' });
  tables.service.forEach((s, i) => i % 100 === 0 && (s.name = `${String(s.name)} (renamed)`));
  writeDatapackage(tables, join(dir, 'update'), { name: 'synthetic', version: '2' });
  return HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);
}

/**
 * A synthetic HSDS datapackage of N services (7 rows each, one organization per ten) imported twice: first
 * over the starter directory (the target: 100,000 services in at most 15 s), then an update of the same
 * N services with one in a hundred renamed, as a monthly refresh from a 211 would be.
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
    try {
      const total = writePackages(services, dir);

      const db = openDatabase(join(dir, 'desk.sqlite'));
      ensureStarterDirectory(db, STARTER);
      for (const kind of ['first', 'update'] as const) {
        const m = measure(db, join(dir, kind));
        log(
          `${services} services, ${kind === 'first' ? 'first import' : 'update'}: read+validate+diff ${m.check_seconds} s, apply ${m.apply_seconds} s ` +
            `(cpu ${m.cpu_seconds} s in all); search-index rebuild on its own ${m.rebuild_seconds} s (cpu ${m.rebuild_cpu_seconds} s)`,
        );
        rows.push({ services, kind, rows: total, ...m, rows_per_s: Math.round(total / m.seconds) });
      }
      db.close();
      const cli = measureCli(join(dir, 'first'), join(dir, 'cli.sqlite'));
      log(`${services} services, first import by the CLI in its own process: ${cli.seconds} s (cpu ${cli.cpu_seconds} s), peak resident memory ${cli.peak_rss_mb} MB`);
      const packageMb = Math.round(readdirSync(join(dir, 'first')).reduce((n, f) => n + statSync(join(dir, 'first', f)).size, 0) / 1024 ** 2);
      rows.push({ services, kind: 'cli first', rows: total, package_mb: packageMb, ...cli });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
