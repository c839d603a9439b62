import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchQuery } from '../shared/domain';
import { openDatabase } from '../main/db/open';
import { createServiceReader } from '../main/db/service-read';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { installDataset } from '../main/hsds/install/install-dataset';
import { createSearchHandlers } from '../main/search/handlers';
import { readServiceFacts } from '../main/search/service-facts';
import { serviceFactsFromRowsSteps } from '../main/search/build/facts-from-rows';
import { runSteps } from '../main/jobs/steps';
import { rebuildSearchIndex, searchIndexSteps } from '../main/search/build/text-index';
import { generateSynthetic } from '../scripts/gen-synthetic-data';
import { fuseBaseline } from '../main/test-support/fuse-baseline';
import { percentile } from './stats';
import { collectGarbage } from './collect-garbage';

/** 61 fixed queries an intake desk types: typos, Spanish, prefixes while typing, facets, distance, who a service takes. */
const NOW = '2026-11-25T19:30:00-08:00';
const TEXTS = [
  'shelter', 'sheltr', 'emergncy shelter', 'refugio', 'refugio menores', 'albergue para mujeres', 'abogado', 'abogdo inmigracion',
  'legal aid', 'lawyer t visa', 'visa t', 'u visa', 'trata laboral', 'trafficking hotline', 'linea de ayuda', 'hotlin',
  'counseling', 'consejeria', 'terapia trauma', 'medical clinic', 'clinica de salud', 'job training', 'capacitacion laboral', 'drop-in',
  'transitional housing', 'vivienda transicion', 'case managment', 'victim compensation', 'compensacion victimas', 'youth', 'foster youth', 'lgbtq',
  'transgender shelter', 'famlies with children', 'forced labor', 'farm workers', 'domestic workers', 'restraining order', 'wage claim', 'ged english classes',
  'esperanza', 'harbor', 'casa libre', 'pacific alliance', 'sh', 'abo',
];
const FACETED: SearchQuery[] = [
  { text: '', categories: ['cat-emergency-shelter'], populations: ['pop-minors'] },
  { text: 'shelter', languages: ['es'], openNow: true, now: NOW },
  { text: 'legal', categories: ['cat-immigration-legal'], populations: ['pop-foreign-nationals'], confirmedOnly: true },
  { text: '', open24x7: true, languages: ['es'] },
  { text: 'counseling', verifiedWithinMonths: 12 },
  { text: 'refugio', near: { zip: '90012' }, radiusKm: 25 },
  { text: '', near: { place: 'Fresno' }, radiusKm: 50, sort: 'distance' },
  { text: 'abogado', near: { zip: '94102' }, radiusKm: 15, sort: 'distance' },
  { text: 'hotline', near: { place: 'San Diego' }, radiusKm: 30 },
  { text: '', near: { zip: '92101' }, radiusKm: 100, categories: ['cat-legal-aid', 'cat-immigration-legal'], sort: 'distance' },
  // Who takes this person: the area covering where they live (each query another place), ages, eligibility.
  { text: 'legal aid', serves: { zip: '93612' }, age: 15 },
  { text: '', serves: { place: 'Los Angeles' }, categories: ['cat-emergency-shelter'] },
  { text: 'abogado', serves: { zip: '94102' }, near: { zip: '94102' }, sort: 'distance' },
  { text: '', age: 16, free: true, noIdNeeded: true },
  { text: 'shelter', serves: { place: 'Fresno' }, wheelchair: true, confirmedOnly: true },
];
export const BENCH_QUERIES: SearchQuery[] = [...TEXTS.map((text) => ({ text })), ...FACETED].map((q) => ({ limit: 20, ...q }));

/** Each query is timed this many times: a p95 over 280 timings moves less between runs than over 112. */
const ROUNDS = 5;
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Installs a synthetic directory, then times the index build from its rows and the rebuild from its tables.
 * The garbage of each step is collected before the next is timed: a full collection of the install's
 * garbage took 1.5-2 s at 100,000 services and landed wherever the heap happened to fill, in the build one
 * run and not the next. The import bench times a whole import, its collections included.
 */
function installAndBuild(path: string, services: number) {
  const db = openDatabase(path);
  const { tables } = flattenHsdsJson(generateSynthetic(services));
  collectGarbage();
  let t0 = process.hrtime.bigint();
  installDataset(db, tables, { datasetId: 'synthetic', version: String(services), source: 'bench' });
  const install_ms = ms(t0);
  collectGarbage();
  // The build an import or sync makes: from the rows it has just written, the word and facet indexes, stored.
  t0 = process.hrtime.bigint();
  db.transaction(() => runSteps(searchIndexSteps(db, (onServices) => serviceFactsFromRowsSteps(tables, 'bench', onServices))))();
  const build_ms = ms(t0);
  collectGarbage();
  // The same from the installed tables (after a rollback, or when an older build's index is replaced).
  t0 = process.hrtime.bigint();
  rebuildSearchIndex(db);
  const rebuild_ms = ms(t0);
  db.close();
  return { install_ms, build_ms, rebuild_ms };
}

export async function run({ sizes, log }: { sizes: number[]; log: (...a: unknown[]) => void }) {
  const rows = [];
  for (const services of sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-search-'));
    try {
      const path = join(dir, 'atlas.sqlite');
      const { install_ms, build_ms, rebuild_ms } = installAndBuild(path, services);
      // A desk searching holds no dataset rows: the generated dataset and the build's garbage are
      // collected before the cold start, so their collection does not land in the query timings.
      collectGarbage();

      // Cold start: open the installed database, read the stored indexes and answer the first query.
      let t0 = process.hrtime.bigint();
      const db = openDatabase(path);
      const handlers = createSearchHandlers(db, createServiceReader(db), join(import.meta.dirname, '..', 'data'));
      handlers.search({ text: 'shelter', limit: 50 });
      const cold_ms = ms(t0);

      for (const q of BENCH_QUERIES) handlers.search(q); // warm-up
      collectGarbage();
      const times: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        for (const q of BENCH_QUERIES) {
          t0 = process.hrtime.bigint();
          handlers.search(q);
          times.push(ms(t0));
        }
      }
      // Resident now, the index held, beside the most this process has held (generating the synthetic
      // directory included); sizes run in the order given, so with ascending sizes the peak is this size's.
      const rss_mb = Math.round(process.memoryUsage().rss / 1048576);
      const peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);

      // fuse.js over every record: seconds per query at 100,000 and one to three minutes at 500,000, so fewer
      // queries at the larger sizes; with so few, the p95 is the slowest of them.
      const baseline = fuseBaseline(readServiceFacts(db, createServiceReader(db)));
      const baselineTexts = TEXTS.slice(0, services >= 500_000 ? 3 : services >= 100_000 ? 6 : services >= 10_000 ? 20 : TEXTS.length);
      const baseTimes = baselineTexts.map((text) => {
        t0 = process.hrtime.bigint();
        baseline(text);
        return ms(t0);
      });
      db.close();

      const row = {
        services,
        build_ms: round(build_ms),
        rebuild_ms: round(rebuild_ms),
        install_ms: round(install_ms),
        cold_ms: round(cold_ms),
        p50_ms: round(percentile(times, 50)),
        p95_ms: round(percentile(times, 95)),
        queries: BENCH_QUERIES.length,
        baseline_p50_ms: round(percentile(baseTimes, 50)),
        baseline_p95_ms: round(percentile(baseTimes, 95)),
        baseline_queries: baselineTexts.length,
        ratio_p95: round(percentile(baseTimes, 95) / percentile(times, 95)),
        rss_mb,
        peak_rss_mb,
      };
      log(JSON.stringify(row));
      rows.push(row);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}
