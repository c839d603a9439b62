import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourcePullSummary } from '../shared/domain';
import type { TableRows } from '../main/db/hsds-tables';
import { openDatabase, type Db } from '../main/db/open';
import { createWriteTurn } from '../main/db/write-turn';
import { nestServices } from '../main/hsds/export/export-json';
import { writeDatapackage } from '../main/hsds/export/export-datapackage';
import { applyCheckedAsync, checkDatasetAsync } from '../main/hsds/install/apply';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { addSource } from '../main/sources/add-source';
import { createSourceHandlers } from '../main/sources/handlers';
import { startApi } from '../main/test-support/hsds-api-server';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { longestBlock } from './longest-block';

const STARTER = fileURLToPath(new URL('../data/starter-directory.json', import.meta.url));
/** The most services a page holds, whatever per_page asks: the client asks 100, as real servers allow. */
const PAGE_CAP = 500;
/** When the directory was last edited at the publisher, before any pull: older than every cursor. */
const PUBLISHED = '2026-01-01T00:00:00.000Z';

/** CPU seconds beside wall seconds: on a shared machine the wall clock measures the neighbours too. */
const clocks = () => {
  const u = process.cpuUsage();
  return { wall: performance.now() / 1000, cpu: (u.user + u.system) / 1e6 };
};
const round = (n: number) => Number(n.toFixed(2));

/**
 * The baseline: the same directory imported from a datapackage on disk into a desk holding the bundled
 * directory, as import.bench.ts does (read, validate, diff, apply in batches), so what the network, the
 * paging and the JSON cost a pull is the difference.
 */
async function importBaseline(tables: TableRows, dir: string) {
  writeDatapackage(tables, join(dir, 'package'), { name: 'synthetic', version: '1' });
  const db = openDatabase(join(dir, 'import-desk.sqlite'));
  try {
    ensureStarterDirectory(db, STARTER);
    const t0 = clocks();
    const run = await longestBlock(async () => {
      const checked = await checkDatasetAsync(db, join(dir, 'package'), { sourceName: 'synthetic' }, {});
      if (!checked.report.ok) throw new Error(`synthetic package invalid: ${JSON.stringify(checked.report.errors[0])}`);
      await applyCheckedAsync(db, checked);
    });
    const t1 = clocks();
    return { seconds: round(t1.wall - t0.wall), cpu_seconds: round(t1.cpu - t0.cpu), longest_block_ms: Math.round(run.worst) };
  } finally {
    db.close();
  }
}

/**
 * One pull through the Settings panel's channel (handlers.ts: a writer connection of its own, the write
 * turn, pullSource), with the requests it made and the longest the event loop was blocked. The server
 * answers in this process too, so its pages' JSON is in the CPU time and may be in the longest block.
 */
async function measurePull(pull: () => SourcePullSummary | Promise<SourcePullSummary>, api: Awaited<ReturnType<typeof startApi>>) {
  const asked = api.requests.length;
  const sent = api.served.services;
  const t0 = clocks();
  const run = await longestBlock(pull);
  const t1 = clocks();
  const r = run.value;
  if (!r.ok) throw new Error(`the pull failed: ${r.errors[0]}`);
  if (r.quarantined.length > 0) throw new Error(`the pull left out ${r.quarantined.length} service(s): ${r.quarantined[0]!.reason}`);
  return {
    seconds: round(t1.wall - t0.wall),
    cpu_seconds: round(t1.cpu - t0.cpu),
    requests: api.requests.length - asked,
    services_read: api.served.services - sent,
    added: r.added,
    changed: r.changed,
    removed: r.removed,
    longest_block_ms: Math.round(run.worst),
  };
}

/**
 * A county's HSDS 3 API of N synthetic services (full nested services, each with its last_modified)
 * served over HTTP on 127.0.0.1 (main/test-support/hsds-api-server.ts: pages capped at PAGE_CAP,
 * `modified_after`, `minimal=true`), pulled by a desk holding the bundled directory through the app's
 * channel: the first pull (every page), an incremental pull after 1 in 100 services changed (read what
 * changed, the id listing, merge with the stored source, check and install it), and a pull with nothing
 * changed. Beside them, the same directory imported from a datapackage on disk (importBaseline).
 */
export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-pull-'));
    const api = await startApi();
    let db: Db | null = null;
    try {
      const tables = syntheticDirectory(services);
      for (const s of tables.service) s.last_modified = PUBLISHED;
      api.state.services = nestServices(tables);
      api.state.pageSize = PAGE_CAP;
      api.state.incremental = true;
      const baseline = await importBaseline(tables, dir);

      const path = join(dir, 'desk.sqlite');
      db = openDatabase(path);
      ensureStarterDirectory(db, STARTER);
      addSource(db, 'county', { kind: 'hsds-api', url: `${api.base}/api/`, headerEnv: null });
      const { sourcePull } = createSourceHandlers(db, { openWriter: () => openDatabase(path), writeTurn: createWriteTurn() });
      const pull = () => sourcePull({ name: 'county' });

      const first = await measurePull(pull, api);
      if (first.added !== services) throw new Error(`the first pull added ${first.added} of ${services} services`);
      const edited = new Date().toISOString();
      api.state.services.forEach((s, i) => {
        if (i % 100 === 0) Object.assign(s, { name: `${String(s.name)} (renamed)`, last_modified: edited });
      });
      const incremental = await measurePull(pull, api);
      if (incremental.changed !== Math.ceil(services / 100) || incremental.added + incremental.removed > 0) {
        throw new Error(`the incremental pull reported ${incremental.added} added, ${incremental.changed} changed, ${incremental.removed} removed; ${Math.ceil(services / 100)} were changed`);
      }
      const unchanged = await measurePull(pull, api);

      log(
        `${services} services: first pull ${first.seconds} s (cpu ${first.cpu_seconds} s, ${first.requests} requests, ${Math.round(services / first.seconds)} services/s, longest block ${first.longest_block_ms} ms); ` +
          `incremental 1% ${incremental.seconds} s (cpu ${incremental.cpu_seconds} s, ${incremental.requests} requests, ${incremental.services_read} services read, ${incremental.changed} changed); ` +
          `unchanged ${unchanged.seconds} s (cpu ${unchanged.cpu_seconds} s, ${unchanged.services_read} read); ` +
          `baseline, the same directory imported from a datapackage on disk ${baseline.seconds} s (cpu ${baseline.cpu_seconds} s)`,
      );
      rows.push(
        { services, kind: 'first', ...first, services_per_s: Math.round(services / first.seconds) },
        { services, kind: 'incremental 1%', ...incremental },
        { services, kind: 'unchanged', ...unchanged },
        { services, kind: 'baseline: datapackage import', ...baseline },
      );
    } finally {
      db?.close();
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
