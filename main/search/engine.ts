import type { FacetCounts, GeoPoint, PopulationMark, SearchCard, SearchQuery, SearchResponse } from '../../shared/domain';
import { POPULATIONS } from '../../shared/vocabulary';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { distanceKm } from '../geo/distance';
import type { Gazetteer } from '../geo/gazetteer';
import { anyOf, countValues, hasValue, valueMask, type FacetIndex } from './facet-index';
import { planningVocabulary, planQuery } from './query-plan';
import { readSearchIndexes } from './search-store';
import type { TermCorrector } from './term-corrector';
import { rebuildSearchIndex, searchIndexIsCurrent } from './text-index';
import { documentCounts, matchPlan, type TextIndex, type TextMatches } from './text-postings';
import { openAtMinute, weekClock } from './weekly-hours';
import { TopK } from './top-k';

/** Below this many AND matches the OR form of the query is appended (ranked after them). */
const MIN_AND_MATCHES = 5;
const VERIFIED_STEPS = [3, 6, 12, 24];
const MONTH_MS = 30.44 * 86_400_000;

// Filter groups: an item's failures are a bitmask, so one pass yields both the results and, for each
// facet, the items that pass every other facet (what that facet's counts are over).
const F_CATEGORY = 1;
const F_LANGUAGE = 2;
const F_POPULATION = 4;
const F_OPEN_NOW = 8;
const F_24X7 = 16;
const F_VERIFIED = 32;
const F_DISTANCE = 64;

export class SearchInputError extends Error {}

/**
 * The search engine: an inverted index of words (text-postings.ts) finds and scores text candidates,
 * an in-memory facet index filters, counts and sorts them. Both are built at install and stored as
 * BLOBs; they are reloaded when the installed dataset changes.
 */
export function createSearchEngine(db: Db, reader: ServiceReader, gazetteer: () => Gazetteer) {
  const latestInstall = db.prepare('SELECT max(id) AS id FROM dataset_install');

  let generation: number | null | undefined;
  let facetIndex: FacetIndex;
  let textIndex: TextIndex;
  let vocabulary: TermCorrector | null = null;

  const current = (): FacetIndex => {
    const install = (latestInstall.get() as { id: number | null }).id;
    if (install !== generation) {
      let stored = searchIndexIsCurrent(db) ? readSearchIndexes(db) : null;
      if (!stored) {
        rebuildSearchIndex(db);
        stored = readSearchIndexes(db)!;
      }
      facetIndex = stored.facets;
      textIndex = stored.text;
      vocabulary = null;
      generation = install;
    }
    return facetIndex;
  };

  const terms = (): TermCorrector => (vocabulary ??= planningVocabulary(documentCounts(textIndex)));

  const textCandidates = (text: string): TextMatches | null => {
    const plan = planQuery(text, terms());
    return plan.length === 0 ? null : matchPlan(textIndex, plan, MIN_AND_MATCHES);
  };

  return {
    search(query: SearchQuery): SearchResponse {
      const ix = current();
      const now = query.now ? new Date(query.now) : new Date();
      if (query.radiusKm !== undefined && !query.near) throw new SearchInputError('A radius needs a ZIP code or place to measure from ("near").');
      if (query.sort === 'distance' && !query.near) throw new SearchInputError('Sorting by distance needs a ZIP code or place ("near").');
      const reference: GeoPoint | null = query.near ? gazetteer().resolve(query.near) : null;

      const candidates = textCandidates(query.text);
      const pool = candidates ? candidates.items : ix.byName;

      const categoryMask = query.categories?.length ? valueMask(ix.categories, query.categories) : null;
      const languageMask = query.languages?.length ? valueMask(ix.languages, query.languages) : null;
      const populations = (query.populations ?? []).map((p) => ix.served.values.indexOf(p));
      const confirmedOnly = query.confirmedOnly === true;
      const verifiedSince = query.verifiedWithinMonths ? now.getTime() - query.verifiedWithinMonths * MONTH_MS : null;
      const radius = query.radiusKm ?? null;

      const clock = weekClock(now);
      const regionMinute = clock(null);
      const n = pool.length;
      const fail = new Uint8Array(n);
      const distance = new Float64Array(n).fill(Infinity);
      const open = new Int8Array(n); // 1 open, 0 closed, -1 not stated
      for (let k = 0; k < n; k++) {
        const i = pool[k]!;
        let f = 0;
        if (categoryMask && !anyOf(ix.categories, i, categoryMask)) f |= F_CATEGORY;
        if (languageMask && !anyOf(ix.languages, i, languageMask)) f |= F_LANGUAGE;
        for (const p of populations) {
          if (p < 0 ? confirmedOnly : hasValue(ix.excluded, i, p) || (confirmedOnly && !hasValue(ix.served, i, p))) f |= F_POPULATION;
        }
        const from = ix.hourStart[i]!;
        const to = ix.hourStart[i + 1]!;
        const stated = to > from;
        if (stated) {
          const offset = ix.hourOffset[i]!;
          open[k] = openAtMinute(ix.hourBounds, from, to, Number.isNaN(offset) ? regionMinute : clock(offset)) ? 1 : 0;
        } else open[k] = -1;
        if (query.openNow && (stated ? open[k] === 0 : confirmedOnly)) f |= F_OPEN_NOW;
        if (query.open24x7 && (stated ? ix.always[i] === 0 : confirmedOnly)) f |= F_24X7;
        if (verifiedSince !== null && !(ix.assuredAt[i]! >= verifiedSince)) f |= F_VERIFIED;
        if (reference) {
          for (let p = ix.pointStart[i]!; p < ix.pointStart[i + 1]!; p++) {
            distance[k] = Math.min(distance[k]!, distanceKm(reference.lat, reference.lon, ix.pointLat[p]!, ix.pointLon[p]!));
          }
          if (radius !== null && distance[k]! > radius) f |= distance[k] === Infinity ? 0 : F_DISTANCE;
        }
        fail[k] = f;
      }

      const facets = countFacets(ix, pool, fail, open, now);

      // Ranked: AND matches before OR-only ones, then score; without text, the name order of the pool.
      const byRelevance = (a: number, b: number) =>
        candidates ? (candidates.tier[pool[b]!]! - candidates.tier[pool[a]!]!) || (candidates.score[pool[b]!]! - candidates.score[pool[a]!]!) || a - b : a - b;
      const byDistance = (a: number, b: number) => distance[a]! - distance[b]! || byRelevance(a, b);
      // With a place and no words to rank by, nearest first is the only order that means anything.
      const order = (query.sort ?? (reference && !candidates ? 'distance' : 'relevance')) === 'distance' ? byDistance : byRelevance;

      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      const main = new TopK(offset + limit, order);
      const apart = new TopK(limit, byRelevance);
      const points = [];
      let total = 0;
      let virtualTotal = 0;
      for (let k = 0; k < n; k++) {
        if (fail[k] !== 0) continue;
        const i = pool[k]!;
        const hasPoint = ix.pointStart[i + 1]! > ix.pointStart[i]!;
        if (reference && !hasPoint) {
          virtualTotal++;
          apart.add(k);
          continue;
        }
        total++;
        main.add(k);
        for (let p = ix.pointStart[i]!; p < ix.pointStart[i + 1]!; p++) points.push(ix.points[p]!);
      }

      const populationIds = query.populations ?? [];
      const card = (k: number): SearchCard | null => {
        const i = pool[k]!;
        const base = reader.card(ix.ids[i]!);
        if (!base) return null;
        const marks: PopulationMark[] = [
          ...ix.served.values.filter((_, v) => hasValue(ix.served, i, v)).map((id) => ({ id, state: 'serves' as const })),
          ...ix.excluded.values.filter((_, v) => hasValue(ix.excluded, i, v)).map((id) => ({ id, state: 'excludes' as const })),
        ];
        for (const id of populationIds) if (!marks.some((m) => m.id === id)) marks.push({ id, state: 'not_stated' });
        return {
          ...base,
          distanceKm: distance[k] === Infinity ? null : Math.round(distance[k]! * 10) / 10,
          score: candidates ? Math.round(candidates.score[i]! * 1000) / 1000 : 0,
          populations: marks,
          openNow: open[k] === 1 ? 'open' : open[k] === 0 ? 'closed' : 'not_stated',
        };
      };
      const cards = (ks: number[]) => ks.map(card).filter((c): c is SearchCard => c !== null);

      return {
        total,
        results: cards(main.sorted().slice(offset)),
        points,
        facets,
        virtual: { total: virtualTotal, results: cards(apart.sorted()) },
        reference,
        radiusKm: reference ? radius : null,
      };
    },
  };
}

export type SearchEngine = ReturnType<typeof createSearchEngine>;

function countFacets(ix: FacetIndex, pool: Int32Array, fail: Uint8Array, open: Int8Array, now: Date): FacetCounts {
  const categories = new Uint32Array(ix.categories.values.length);
  const languages = new Uint32Array(ix.languages.values.length);
  const serves = new Uint32Array(ix.served.values.length);
  const excluded = new Uint32Array(ix.served.values.length);
  const verified = new Uint32Array(VERIFIED_STEPS.length);
  const cutoffs = VERIFIED_STEPS.map((m) => now.getTime() - m * MONTH_MS);
  let openNow = 0;
  let hoursNotStated = 0;
  let populationPool = 0;
  let open24x7 = 0;
  for (let k = 0; k < pool.length; k++) {
    const f = fail[k]!;
    const i = pool[k]!;
    if ((f & ~F_CATEGORY) === 0) countValues(ix.categories, i, categories);
    if ((f & ~F_LANGUAGE) === 0) countValues(ix.languages, i, languages);
    if ((f & ~F_POPULATION) === 0) {
      populationPool++;
      countValues(ix.served, i, serves);
      countValues(ix.excluded, i, excluded);
    }
    if ((f & ~F_OPEN_NOW) === 0) {
      if (open[k] === 1) openNow++;
      else if (open[k] === -1) hoursNotStated++;
    }
    if ((f & ~F_24X7) === 0 && ix.always[i] === 1) open24x7++;
    if ((f & ~F_VERIFIED) === 0) for (let s = 0; s < cutoffs.length; s++) if (ix.assuredAt[i]! >= cutoffs[s]!) verified[s]!++;
  }
  const list = (values: string[], counts: Uint32Array) =>
    values.map((value, v) => ({ value, count: counts[v]! })).filter((c) => c.count > 0).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    categories: list(ix.categories.values, categories),
    languages: list(ix.languages.values, languages),
    // Every vocabulary population, so one no record mentions still shows how many have not said.
    populations: [...new Set([...POPULATIONS.map((p) => p.id), ...ix.served.values])].map((value) => {
      const v = ix.served.values.indexOf(value);
      return v < 0 ? { value, serves: 0, notStated: populationPool } : { value, serves: serves[v]!, notStated: Math.max(0, populationPool - serves[v]! - excluded[v]!) };
    }),
    openNow,
    open24x7,
    hoursNotStated,
    verified: VERIFIED_STEPS.map((months, s) => ({ months, count: verified[s]! })),
  };
}
