import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourcePullSummary } from '../shared/domain';
import type { TableRows } from '../main/db/hsds-tables';
import { openDatabase } from '../main/db/open';
import { createWriteTurn } from '../main/db/write-turn';
import { nestServices } from '../main/hsds/export/export-json';
import { writeDatapackage } from '../main/hsds/export/export-datapackage';
import { applyCheckedAsync, checkDatasetAsync } from '../main/hsds/install/apply';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { addSource } from '../main/sources/add-source';
import { createSourceHandlers } from '../main/sources/handlers';
import { startApi } from '../main/test-support/sources/hsds-api-server';
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

type Api = Awaited<ReturnType<typeof startApi>>;
const KINDS = ['first', 'incremental 1%', 'unchanged'] as const;
type Kind = (typeof KINDS)[number];

/** The publisher's edit between two pulls: 1 service in 100 renamed, with a new last_modified. */
function renameOneInHundred(api: Api): void {
  const edited = new Date().toISOString();
  api.state.services.forEach((s, i) => i % 100 === 0 && Object.assign(s, { name: `${String(s.name)} (renamed)`, last_modified: edited }));
}

/**
 * One pull through the Settings panel's channel (handlers.ts: a writer connection of its own, the write
 * turn, pullSource), with the requests it made, the services the listing pages sent, and the longest the
 * event loop was blocked. The server answers in this process too, so its pages' JSON is in the CPU time
 * and may be in the longest block. A pull that fails, or does not report what `expect` says it should,
 * throws with the pull's own message.
 */
async function measurePull(pull: () => SourcePullSummary | Promise<SourcePullSummary>, api: Api, expect: Pick<SourcePullSummary, 'added' | 'changed' | 'removed'>) {
  const asked = api.requests.length;
  const sent = api.served.services;
  const t0 = clocks();
  const run = await longestBlock(pull);
  const t1 = clocks();
  const r = run.value;
  if (!r.ok) throw new Error(r.errors[0]);
  if (r.quarantined.length > 0) throw new Error(`the pull left out ${r.quarantined.length} service(s): ${r.quarantined[0]!.reason}`);
  if (r.added !== expect.added || r.changed !== expect.changed || r.removed !== expect.removed) {
    throw new Error(`the pull reported ${r.added} added, ${r.changed} changed, ${r.removed} removed, not ${expect.added}, ${expect.changed}, ${expect.removed}`);
  }
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
 * The three pulls of one size into a desk holding the bundled directory: the first, one after 1 in 100
 * services was renamed with a new last_modified, one with nothing changed. A pull that fails is a row
 * saying why (a size past what a pull can take is a finding, not a broken bench), and ends the size.
 */
async function pullThrice(path: string, api: Api, services: number, log: (...a: unknown[]) => void) {
  const db = openDatabase(path);
  const rows: Record<string, unknown>[] = [];
  try {
    ensureStarterDirectory(db, STARTER);
    addSource(db, 'county', { kind: 'hsds-api', url: `${api.base}/api/`, headerEnv: null });
    const { sourcePull } = createSourceHandlers(db, { openWriter: () => openDatabase(path), writeTurn: createWriteTurn() });
    const pull = () => sourcePull({ name: 'county' });
    const expected: Record<Kind, Pick<SourcePullSummary, 'added' | 'changed' | 'removed'>> = {
      first: { added: services, changed: 0, removed: 0 },
      'incremental 1%': { added: 0, changed: Math.ceil(services / 100), removed: 0 },
      unchanged: { added: 0, changed: 0, removed: 0 },
    };
    for (const kind of KINDS) {
      if (kind === 'incremental 1%') renameOneInHundred(api);
      try {
        const m = await measurePull(pull, api, expected[kind]);
        log(`${services} services, ${kind} pull: ${m.seconds} s (cpu ${m.cpu_seconds} s), ${m.requests} requests, ${m.services_read} services read, ${m.changed} changed, longest block ${m.longest_block_ms} ms`);
        rows.push({ services, kind, ...m, ...(kind === 'first' ? { services_per_s: Math.round(services / m.seconds) } : {}) });
      } catch (err) {
        log(`${services} services, ${kind} pull failed: ${(err as Error).message}`);
        rows.push({ services, kind, error: (err as Error).message });
        break;
      }
    }
  } finally {
    db.close();
  }
  return rows;
}

/** The API serves N synthetic services, each last edited at PUBLISHED; gives their tables. */
function serveSynthetic(api: Api, services: number): TableRows {
  const tables = syntheticDirectory(services);
  for (const s of tables.service) s.last_modified = PUBLISHED;
  // An organization's own list of locations is left out of each service, as an API serving services
  // would (each service brings its sites through service_at_locations): nested whole, every service
  // of an organization carried all ten of its sites, 6 KB a service, and a listing of 44,000 passed
  // the 256 MB a pull may download.
  api.state.services = nestServices(tables).map(({ organization, ...s }) => {
    if (organization === null || typeof organization !== 'object') return s;
    const { locations: _, ...brief } = organization as Record<string, unknown>;
    return { ...s, organization: brief };
  });
  api.state.pageSize = PAGE_CAP;
  api.state.incremental = true;
  return tables;
}

/**
 * A county's HSDS 3 API of N synthetic services (full nested services, each with its last_modified and
 * its organization without the organization's own list of sites)
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
    try {
      // The tables are let go once the baseline has imported them: held through the pulls, their garbage
      // collections paused the thread the probe measures, which in the app holds no synthetic directory.
      const baseline = await importBaseline(serveSynthetic(api, services), dir);

      log(`${services} services, baseline, the same directory imported from a datapackage on disk: ${baseline.seconds} s (cpu ${baseline.cpu_seconds} s), longest block ${baseline.longest_block_ms} ms`);
      rows.push(...(await pullThrice(join(dir, 'desk.sqlite'), api, services, log)), { services, kind: 'baseline: datapackage import', ...baseline });
    } finally {
      await api.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
