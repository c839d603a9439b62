import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase, type Db } from '../main/db/open';
import { openImportSession } from '../main/hsds/import-session/open-session';
import { rollbackAsync } from '../main/hsds/install/rollback';
import { createServiceReader } from '../main/db/service-read';
import { createSearchHandlers } from '../main/search/handlers';
import { writeDatapackage } from '../main/hsds/export/export-datapackage';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { HSDS_TABLES } from '../main/db/hsds-tables';
import { rebuildSearchIndex } from '../main/search/build/text-index';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { longestBlock } from './longest-block';
import { collectGarbage } from './collect-garbage';
import type { StepProgress } from '../main/jobs/steps';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));
const DATA = fileURLToPath(new URL('../data', import.meta.url));
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

/**
 * The targets at 100,000 services, printed beside that size's figures (benchmarks measure; tests assert
 * behaviour): seconds for a first import, an update and a rebuild from the tables, and the longest the
 * window may go unanswered during any of them, in milliseconds.
 */
const TARGETS = { first: 8, update: 10, rebuild: 2, blockMs: 100 };
const TARGET_SIZE = 100_000;

/** " (target N unit)" beside a figure at the size the targets are for; nothing at other sizes. */
const target = (services: number, value: number, unit: string) => (services === TARGET_SIZE ? ` (target ${value} ${unit})` : '');

/** CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours too. */
const clocks = () => {
  const u = process.cpuUsage();
  return { wall: performance.now() / 1000, cpu: (u.user + u.system) / 1e6 };
};
const round = (n: number) => Number(n.toFixed(2));

/**
 * The apply's seconds by part, told by the progress its session reports (every step is handed over and
 * answered in turn, so each part's time is the time between them): the copies kept aside (the file's for
 * recovery, the replaced directory for rollback) with the first rows, writing the rows, building the
 * dropped indexes again and checking references, the search index (and the wait for the copy kept for
 * recovery, if any is left), the commit itself (its log's last pages written and synced), and what follows
 * the commit until the apply answers.
 */
function applyParts() {
  const parts: Record<string, number> = {};
  let part = 'aside';
  let since = performance.now();
  const enter = (next: string) => {
    if (next === part) return;
    const now = performance.now();
    parts[part] = round((parts[part] ?? 0) + (now - since) / 1000);
    [part, since] = [next, now];
  };
  return {
    listener: {
      onProgress: ({ step, done, total }: StepProgress) => enter(step === 'indexing' ? 'search' : done === 0 ? 'aside' : done < total ? 'rows' : 'indexes_and_references'),
      onCommitting: () => enter('commit'),
      onCommitted: () => enter('after_commit'),
    },
    end: () => (enter('end'), parts),
  };
}

/**
 * Importing a package as the app's Import screen does, in an import session (on a worker thread): read the
 * CSVs, validate, diff, then apply in one transaction (which also copies the replaced directory aside for
 * rollback), with the longest block of this thread seen meanwhile (longest_block_ms). CPU is the whole
 * process's, the worker's included. The search-index rebuild inside apply is timed again on its own
 * afterwards, so the import's own share can be told from the search's.
 */
async function measure(db: Db, path: string, pkg: string) {
  const t0 = clocks();
  const session = openImportSession(db, pkg, { openWriter: () => openDatabase(path), dataDir: DATA });
  try {
    const check = await longestBlock(() => session.check(undefined, {}));
    const t1 = clocks();
    if (!check.value.ok) {
      const { file, message } = check.value.errors[0]!;
      return { error: `${file} ${message}`, seconds: round(t1.wall - t0.wall) };
    }
    await session.choose({ markConfidential: [], allowRemovals: true });
    const parts = applyParts();
    const apply = await longestBlock(() => session.apply(parts.listener));
    const t2 = clocks();
    const byPart = parts.end();
    // Timed on its own once the install's log is folded into the file (on a worker, after the commit; it
    // waits here for that), as a rebuild at start or by the CLI finds the file: not beside that fold.
    db.pragma('wal_checkpoint(TRUNCATE)');
    collectGarbage();
    const t2b = clocks();
    rebuildSearchIndex(db);
    const t3 = clocks();
    return {
      seconds: round(t2.wall - t0.wall),
      check_seconds: round(t1.wall - t0.wall),
      apply_seconds: round(t2.wall - t1.wall),
      rebuild_seconds: round(t3.wall - t2b.wall),
      without_rebuild_seconds: round(t2.wall - t0.wall - (t3.wall - t2b.wall)),
      cpu_seconds: round(t2.cpu - t0.cpu),
      rebuild_cpu_seconds: round(t3.cpu - t2b.cpu),
      longest_block_ms: Math.round(Math.max(check.worst, apply.worst)),
      apply_parts: byPart,
    };
  } finally {
    session.close();
  }
}

/**
 * The app's searches until one answers: while the index is being prepared they answer how far it has got.
 * Asked every 20 ms, as often as the screen would want to.
 */
async function searchUntilAnswered(search: ReturnType<typeof createSearchHandlers>['search']): Promise<void> {
  for (;;) {
    if (!('preparing' in search({ text: 'shelter', limit: 20 }))) return;
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

/**
 * The app's other long writes on the updated directory, each with its longest block: a rollback (in
 * batches, restoring the first import and indexing it), then the first search after the stored index was
 * found damaged, and after it was found to be built by an older version (both rebuild from the tables).
 */
async function otherWrites(db: Db, path: string) {
  const rows = [];
  collectGarbage();
  const rollback = await longestBlock(() => rollbackAsync(db));
  rows.push({ kind: 'rollback', seconds: round(rollback.ms / 1000), longest_block_ms: Math.round(rollback.worst) });
  const spoilt = {
    'damaged index': () => db.prepare("UPDATE search_blob SET data = x'ff' WHERE name = 'postings'").run(),
    'older index': () => db.prepare("UPDATE search_index_state SET synonyms = 'an older build'").run(),
  };
  for (const [kind, spoil] of Object.entries(spoilt)) {
    spoil();
    collectGarbage();
    // As the app makes them: a reader that rebuilds a stale index on a writer connection of its own.
    const { search } = createSearchHandlers(db, createServiceReader(db), DATA, () => openDatabase(path));
    const rebuild = await longestBlock(() => searchUntilAnswered(search));
    rows.push({ kind, seconds: round(rebuild.ms / 1000), longest_block_ms: Math.round(rebuild.worst) });
  }
  return rows;
}

/**
 * The first import over the starter directory, then the update. A package the app refuses (past the
 * import's caps: 256 MB, 1,500,000 rows) is a row with its error and ends the size, as the Import screen
 * would stop there: a size past what an import may take is a finding, not a broken bench.
 */
async function importFirstAndUpdate(db: Db, path: string, dir: string, services: number, total: number, log: (...a: unknown[]) => void) {
  const rows: Record<string, unknown>[] = [];
  for (const kind of ['first', 'update'] as const) {
    collectGarbage();
    const m = await measure(db, path, packageOf(dir, kind));
    const what = kind === 'first' ? 'first import' : 'update';
    if ('error' in m) {
      log(`${services} services, ${what} refused after ${m.seconds} s: ${m.error}`);
      rows.push({ services, kind, rows: total, seconds: m.seconds, error: m.error });
      return { rows, refused: true };
    }
    log(
      `${services} services, ${what}: ${m.seconds} s${target(services, TARGETS[kind], 's')}: read+validate+diff ${m.check_seconds} s, apply ${m.apply_seconds} s ` +
        `(${Object.entries(m.apply_parts).map(([part, seconds]) => `${part.replace(/_/g, ' ')} ${seconds} s`).join(', ')}) ` +
        `(cpu ${m.cpu_seconds} s in all), longest block ${m.longest_block_ms} ms${target(services, TARGETS.blockMs, 'ms')}; ` +
        `search-index rebuild on its own ${m.rebuild_seconds} s${target(services, TARGETS.rebuild, 's')} (cpu ${m.rebuild_cpu_seconds} s)`,
    );
    const { apply_parts: _, ...figures } = m;
    rows.push({ services, kind, rows: total, ...figures, rows_per_s: Math.round(total / m.seconds) });
  }
  return { rows, refused: false };
}

/**
 * Where the first or the updated package is: a folder named "synthetic" either way, so both fill the one
 * source the Import screen names after it, as a monthly refresh of a 211's export would.
 */
const packageOf = (dir: string, kind: 'first' | 'update') => join(dir, kind, 'synthetic');

/** Writes the two packages and returns their row count; the rows are let go before anything is timed. */
function writePackages(services: number, dir: string): number {
  const tables = syntheticDirectory(services);
  writeDatapackage(tables, packageOf(dir, 'first'), { name: 'synthetic', version: '1' });
  tables.service.forEach((s, i) => i % 100 === 0 && (s.name = `${String(s.name)} (renamed)`));
  writeDatapackage(tables, packageOf(dir, 'update'), { name: 'synthetic', version: '2' });
  return HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);
}

/**
 * A synthetic HSDS datapackage of N services (7 rows each, one organization per ten) imported twice: first
 * over the starter directory, then an update of the same N services with one in a hundred renamed, as a
 * monthly refresh from a 211 would be; then a rollback and two index rebuilds (otherWrites). Every row says the longest the event loop was blocked (longest_block_ms).
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-import-'));
    try {
      const total = writePackages(services, dir);
      const packageMb = Math.round(readdirSync(packageOf(dir, 'first')).reduce((n, f) => n + statSync(join(packageOf(dir, 'first'), f)).size, 0) / 1024 ** 2);

      const path = join(dir, 'desk.sqlite');
      const db = openDatabase(path);
      ensureStarterDirectory(db, STARTER);
      const imported = await importFirstAndUpdate(db, path, dir, services, total, log);
      if (imported.refused) {
        db.close();
        rows.push(...imported.rows.map((row) => ({ ...row, package_mb: packageMb })));
        continue;
      }
      rows.push(...imported.rows);
      for (const row of await otherWrites(db, path)) {
        log(`${services} services, ${row.kind}: ${row.seconds} s, longest block ${row.longest_block_ms} ms${target(services, TARGETS.blockMs, 'ms')}`);
        rows.push({ services, ...row });
      }
      db.close();
      const cli = measureCli(packageOf(dir, 'first'), join(dir, 'cli.sqlite'));
      log(`${services} services, first import by the CLI in its own process: ${cli.seconds} s (cpu ${cli.cpu_seconds} s), peak resident memory ${cli.peak_rss_mb} MB`);
      rows.push({ services, kind: 'cli first', rows: total, package_mb: packageMb, ...cli });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
