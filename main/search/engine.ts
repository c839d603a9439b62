import type { GeoPoint, MapService, MapSetItems, MapTable, PopulationMark, SearchCard, ServiceCard, SearchQuery, SearchResponse, Stated } from '../../shared/domain';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import type { Gazetteer } from '../geo/gazetteer';
import type { AreaTable } from '../geo/area-table';
import type { Polygons } from '../geo/extent';
import { areaCoverageByItem, areaNames, areaOutlines, wholeStateByItem } from './facets/area-facet';
import { boostCovering } from './scope-boost';
import { countFacets, MONTH_MS, valueColumnsSteps, type ValueColumns } from './facets/facet-counts';
import { valueMask, type FacetIndex } from './facets/facet-index';
import { F_APART, filterPool, hasValue } from './facets/pool-filter';
import { relaxations } from './facets/relaxations';
import { sourceWanted } from './facets/source-facet';
import { planningVocabulary, planningVocabularySteps, planQuery } from './query-plan';
import { readSearchIndexes } from './search-store';
import type { TermCorrector } from './words/term-corrector';
import { rebuildSearchIndex } from './build/text-index';
import { readCurrentIndex, readCurrentIndexOffThread } from './build/read-on-worker';
import { documentCountsSteps, matchPlan, type TextIndex, type TextMatches } from './words/text-postings';
import { TopK } from './top-k';
import { derived, workArray } from './per-index';
import { runSteps, runStepsAsync } from '../jobs/steps';
import { mapTable, RecentMapSets, servicesOfRefs } from './map-sets';
import { rememberedCards } from './remembered-cards';

/** Below this many AND matches the OR form of the query is appended (ranked after them). */
const MIN_AND_MATCHES = 5;

export class SearchInputError extends Error {}

/** The stored indexes cannot be read (damaged) and this engine leaves the rebuild to its caller. */
export class SearchIndexUnreadable extends Error {
  constructor() {
    super('The stored search index cannot be read: it is being rebuilt.');
  }
}

/** The stored indexes are too large to read while a search waits, and this engine leaves reading them to its caller (prepare). */
export class SearchIndexNotLoaded extends Error {
  constructor() {
    super('The stored search index is being read.');
  }
}

/**
 * Stored indexes up to this size (a few thousand services) are read as a search asks for them, in well under a
 * tenth of a second; larger ones by prepare, off this thread, when reading in the background.
 */
const READ_AT_ONCE_BYTES = 2_000_000;

/**
 * The search engine: an inverted index of words (text-postings.ts) finds and scores text candidates,
 * an in-memory facet index filters, counts and sorts them. Both are built at install and stored as
 * BLOBs; they are reloaded when the installed dataset changes.
 */
/**
 * inBackground false: a stored index that cannot be read is rebuilt at once, holding the thread for seconds
 * on a large directory (the CLI, the bench), and a large one is read at once. The app passes true: a large
 * index is left to prepare (SearchIndexNotLoaded is thrown for its caller to run it), and one that cannot be
 * read to its caller to rebuild in the background (SearchIndexUnreadable).
 */
export function createSearchEngine(db: Db, reader: ServiceReader, gazetteer: () => Gazetteer, areas: () => AreaTable, { inBackground = false } = {}) {
  const latestInstall = db.prepare('SELECT max(id) AS id FROM dataset_install');
  const storedBytes = db.prepare('SELECT coalesce(sum(length(data)), 0) FROM search_blob').pluck();
  const latest = () => (latestInstall.get() as { id: number | null }).id;
  // A page's cards are a few reads: in one transaction they share one snapshot (a page never mixes two
  // installs), the cards kept from earlier pages with them (remembered-cards.ts).
  const readCards = db.transaction(rememberedCards((ids) => reader.cards(ids), latest));

  let generation: number | null | undefined;
  let facetIndex: FacetIndex;
  let columns: ValueColumns;
  let textIndex: TextIndex;
  /** All items in item order: the pool without query text, walked in memory order rather than by name. */
  let everyItem: Int32Array;
  let vocabulary: TermCorrector | null = null;
  /** The installed index's number, which the map's service numbers belong to. */
  let indexNumber = 0;
  const mapSets = new RecentMapSets();

  /** Searches from here on use these indexes, read for `install`; what they need of them worked out a part a step. */
  function* adoptSteps(install: number | null, stored: { facets: FacetIndex; text: TextIndex }): Generator<void, void, void> {
    const valueBits = yield* valueColumnsSteps(stored.facets);
    yield;
    const items = new Int32Array(stored.facets.size);
    for (let i = 0; i < items.length; i++) items[i] = i;
    facetIndex = stored.facets;
    columns = valueBits;
    textIndex = stored.text;
    everyItem = items;
    vocabulary = null;
    generation = install;
    indexNumber = install ?? 0;
    mapSets.clear();
  }

  /** The latest install's indexes, read from their BLOBs unless already loaded. */
  function current(): FacetIndex {
    const install = latest();
    if (install !== generation) {
      if (inBackground && (storedBytes.get() as number) > READ_AT_ONCE_BYTES) throw new SearchIndexNotLoaded();
      const read = readCurrentIndex(db);
      if (read.stored) runSteps(adoptSteps(read.install, read.stored));
      else if (inBackground) throw new SearchIndexUnreadable();
      else {
        rebuildSearchIndex(db);
        runSteps(adoptSteps(install, readSearchIndexes(db)!));
      }
    }
    return facetIndex;
  }

  const terms = (): TermCorrector => (vocabulary ??= planningVocabulary(runSteps(documentCountsSteps(textIndex))));

  const textCandidates = (text: string): TextMatches | null => {
    const plan = planQuery(text, terms());
    return plan.length === 0 ? null : matchPlan(textIndex, plan, MIN_AND_MATCHES);
  };

  return {
    /**
     * Reads the latest install's indexes off this thread (read-on-worker.ts) and works out what any first
     * search needs of them (the words' vocabulary, the place tables, which services cover the whole state), a
     * part a step, so the search it then lets through does not do all of it in one block. False when the
     * stored indexes cannot be read or are stale: they are to be rebuilt first.
     */
    async prepare(): Promise<boolean> {
      if (latest() !== generation) {
        const { install, stored } = await readCurrentIndexOffThread(db);
        if (!stored) return false;
        // Read in a snapshot of its own: an install that landed since is read at the next search.
        await runStepsAsync(adoptSteps(install, stored));
      }
      const ix = facetIndex;
      await runStepsAsync(
        (function* () {
          yield;
          if (!vocabulary) {
            const counts = yield* documentCountsSteps(textIndex);
            yield;
            vocabulary = yield* planningVocabularySteps(counts);
            yield;
          }
          gazetteer();
          yield;
          areas();
          yield;
          wholeStateByItem(ix, areas());
        })(),
      );
      return true;
    },

    search(query: SearchQuery): SearchResponse {
      const ix = current();
      const now = query.now ? new Date(query.now) : new Date();
      if (query.radiusKm !== undefined && !query.near) throw new SearchInputError('A radius needs a ZIP code or place to measure from ("near").');
      if (query.sort === 'distance' && !query.near) throw new SearchInputError('Sorting by distance needs a ZIP code or place ("near").');
      const reference: GeoPoint | null = query.near ? gazetteer().resolve(query.near) : null;
      const servesAt = query.serves ? areas().whereabouts(query.serves) : null;
      const areaCoverage = servesAt ? areaCoverageByItem(ix, areas(), servesAt) : null;

      const candidates = textCandidates(query.text);
      const pool = candidates ? candidates.items : everyItem;
      // With no place given, only a service for the whole state is known to serve the person: it goes first
      // among near-equal matches and, without words, before the local ones.
      const wholeState = query.near || query.serves ? null : wholeStateByItem(ix, areas());
      if (candidates && wholeState) boostCovering(candidates, wholeState);

      const radius = query.radiusKm ?? null;
      const filtered = filterPool(ix, pool, {
        categoryMask: query.categories?.length ? valueMask(ix.categories, query.categories) : null,
        languageMask: query.languages?.length ? valueMask(ix.languages, query.languages) : null,
        populations: (query.populations ?? []).map((p) => ix.served.values.indexOf(p)),
        sourceWanted: query.sources?.length ? sourceWanted(ix, query.sources) : null,
        confirmedOnly: query.confirmedOnly === true,
        hoursConfirmedOnly: query.hoursConfirmedOnly === true,
        openNow: query.openNow === true,
        open24x7: query.open24x7 === true,
        verifiedSince: query.verifiedWithinMonths ? now.getTime() - query.verifiedWithinMonths * MONTH_MS : null,
        reference,
        radiusKm: radius,
        areaCoverage,
        age: query.age ?? null,
        free: query.free === true,
        noIdNeeded: query.noIdNeeded === true,
        wheelchair: query.wheelchair === true,
        now,
      });
      const { fail, distance, open, unconfirmed } = filtered;
      const facets = query.facetCounts === false ? null : countFacets(ix, columns, pool, filtered, now);

      const byRelevance = relevanceOrder(candidates, pool, ix.nameRank, reference ? distance : null, wholeState);
      const byDistance = (a: number, b: number) => distance[a]! - distance[b]! || byRelevance(a, b);
      // With a place and no words to rank by, nearest first is the only order that means anything.
      const sorted = (query.sort ?? (reference && !candidates ? 'distance' : 'relevance')) === 'distance' ? byDistance : byRelevance;
      // Those that confirm serving the populations asked about come before those that have not said.
      const order = unconfirmed ? (a: number, b: number) => unconfirmed[a]! - unconfirmed[b]! || sorted(a, b) : sorted;

      const offset = query.offset ?? 0;
      const limit = query.limit ?? 50;
      const main = new TopK(offset + limit, order);
      // The phone and online group cannot be ordered by distance: a line that says it serves elsewhere counts
      // less (a Sacramento line is no use in Fresno).
      const placeCoverage = areaCoverage ?? (query.near ? areaCoverageByItem(ix, areas(), areas().whereabouts(query.near)) : null);
      const byPlace = placeCoverage ? placeOrder(candidates, pool, placeCoverage, byRelevance) : byRelevance;
      const apart = new TopK(offset + limit, unconfirmed ? (a, b) => unconfirmed[a]! - unconfirmed[b]! || byPlace(a, b) : byPlace);
      const { total, virtualTotal, mapped, mappedCount, points } = collectResults(ix, pool, fail, main, apart, workArray(ix, 'mapped', Int32Array, pool.length, 0));
      const map = mapSets.keep(indexNumber, mapped.subarray(0, mappedCount), points);

      const populationIds = query.populations ?? [];
      const pageKs = main.sorted().slice(offset);
      const apartKs = apart.sorted().slice(offset);
      const bases = readCards([...pageKs, ...apartKs].map((k) => ix.ids[pool[k]!]!));
      const card = (k: number, base: ServiceCard | null): SearchCard | null => {
        const i = pool[k]!;
        if (!base) return null;
        const marks: PopulationMark[] = [
          ...ix.served.values.filter((_, v) => hasValue(ix.served, i, v)).map((id) => ({ id, state: 'serves' as const })),
          ...ix.excluded.values.filter((_, v) => hasValue(ix.excluded, i, v)).map((id) => ({ id, state: 'excludes' as const })),
        ];
        for (const id of populationIds) if (!marks.some((m) => m.id === id)) marks.push({ id, state: 'not_stated' });
        // Each field named rather than `...base` and the rest added: such a spread made a few kilobytes a card
        // that outlived the heap's young collections, which then took 13-16 ms each, one every twenty
        // searches or so (3,500 searches in Node: 181 of 16 ms on average, 75 of 6 ms with the fields named).
        return {
          id: base.id,
          name: base.name,
          organization: base.organization,
          phones: base.phones,
          categories: base.categories,
          languages: base.languages,
          city: base.city,
          address: base.address,
          virtual: base.virtual,
          source: base.source,
          distanceKm: distance[k] === Infinity ? null : Math.round(distance[k]! * 10) / 10,
          score: candidates ? Math.round(candidates.score[i]! * 1000) / 1000 : 0,
          populations: marks,
          openNow: open[k] === 1 ? 'open' : open[k] === 0 ? 'closed' : 'not_stated',
          serviceArea: areaNames(ix, i),
          ages: { min: bound(ix.ageMin[i]!), max: bound(ix.ageMax[i]!) },
          areaCovers: areaCoverage ? (areaCoverage[i] === 2 ? 'yes' : 'not_stated') : null,
          free: stated(ix.free[i]!),
          noIdNeeded: stated(ix.noIdNeeded[i]!),
          wheelchair: stated(ix.wheelchair[i]!),
        };
      };
      const cards = (ks: number[], from: number) => ks.map((k, n) => card(k, bases[from + n] ?? null)).filter((c): c is SearchCard => c !== null);

      return {
        total,
        results: cards(pageKs, 0),
        map,
        facets,
        virtual: { total: virtualTotal, results: cards(apartKs, pageKs.length) },
        reference,
        radiusKm: reference ? radius : null,
        serves: servesAt ? { lat: servesAt.lat, lon: servesAt.lon, label: servesAt.label } : null,
        relaxations: total === 0 ? relaxations(filtered, pool.length, reference ? radius : null) : [],
      };
    },

    /** The services of a set a search answer named; null when it is not one of the newest sets (the index changed, or many searches since). */
    mapItems(set: string): MapSetItems | null {
      current();
      const kept = mapSets.get(set);
      return kept ? { set, index: indexNumber, items: kept.items, points: kept.points } : null;
    },

    /** Every public point of index `index`, by service number; null once another index is installed. */
    mapTable(index: number): MapTable | null {
      const ix = current();
      return index === indexNumber ? mapTable(ix, index) : null;
    },

    /** Service numbers of index `index` (from `mapItems`) to ids and names, or ids to their numbers; none once the index has changed. */
    mapServices(index: number, which: { refs: number[] } | { serviceIds: string[] }): MapService[] {
      const ix = current();
      if (index !== indexNumber) return [];
      const refs = 'refs' in which ? which.refs : which.serviceIds.flatMap((id) => itemOfId(ix).get(id) ?? []);
      return servicesOfRefs(ix, refs, (ids) => readCards(ids).map((c) => c?.name ?? null));
    },

    /** The polygons a service's area draws on the map (its extents and named counties); null for none or an unknown id. */
    areaOutline(id: string): Polygons | null {
      const ix = current();
      const item = itemOfId(ix).get(id);
      if (item === undefined) return null;
      const polygons = areaOutlines(ix, areas(), item);
      return polygons.length > 0 ? polygons : null;
    },
  };
}

/** Each service id's item, worked out once per index. */
const itemOfId = (ix: FacetIndex) => derived(ix, 'itemOfId', () => new Map(ix.ids.map((sid, i) => [sid, i])));
const bound = (n: number): number | null => (Number.isNaN(n) ? null : n);
const stated = (a: number): Stated => (a === 1 ? 'yes' : a === 0 ? 'no' : 'not_stated');

export type SearchEngine = ReturnType<typeof createSearchEngine>;

/**
 * Pool positions ranked: AND matches before OR-only ones, then score, then (with a place) the nearer;
 * without text, by name, those covering the whole state first when that is given. Separate comparators
 * rather than one asking which applies: it runs for every result of a broad search.
 */
function relevanceOrder(candidates: TextMatches | null, pool: Int32Array, nameRank: Int32Array, distance: Float64Array | null, wholeState: Uint8Array | null): (a: number, b: number) => number {
  if (!candidates && wholeState) return (a, b) => wholeState[pool[b]!]! - wholeState[pool[a]!]! || nameRank[pool[a]!]! - nameRank[pool[b]!]!;
  if (!candidates) return (a, b) => nameRank[pool[a]!]! - nameRank[pool[b]!]!;
  const { tier, score } = candidates;
  if (distance) return (a, b) => tier[pool[b]!]! - tier[pool[a]!]! || score[pool[b]!]! - score[pool[a]!]! || distance[a]! - distance[b]! || a - b;
  return (a, b) => tier[pool[b]!]! - tier[pool[a]!]! || score[pool[b]!]! - score[pool[a]!]! || a - b;
}

/**
 * How much a match counts in the phone and online group, by whether its area takes in the place asked
 * about (does not, not stated, does). Only a stated elsewhere counts less: many local lines do not state
 * their area, and a statewide line that matches weakly must not bury them. Enough to order near-equal
 * matches, as scope-boost.ts does without a place.
 */
const PLACE_WEIGHT = [0.8, 1, 1];

/** Pool positions ranked by how fully they match (AND before OR), then by score weighed by coverage of the place; without words, coverage first. */
function placeOrder(candidates: TextMatches | null, pool: Int32Array, coverage: Uint8Array, byRelevance: (a: number, b: number) => number): (a: number, b: number) => number {
  if (!candidates) return (a, b) => coverage[pool[b]!]! - coverage[pool[a]!]! || byRelevance(a, b);
  const { tier, score } = candidates;
  const weighed = (k: number) => score[pool[k]!]! * PLACE_WEIGHT[coverage[pool[k]!]!]!;
  return (a, b) => tier[pool[b]!]! - tier[pool[a]!]! || weighed(b) - weighed(a) || byRelevance(a, b);
}

/**
 * Offers every result to the page heaps and gathers the items with map points into `mapped`. With a
 * place, services without a public point go to their own group. A function of its own so V8 keeps its
 * loop optimized.
 */
function collectResults(ix: FacetIndex, pool: Int32Array, fail: Uint16Array, main: TopK, apart: TopK, mapped: Int32Array) {
  const apartOnly = F_APART;
  let total = 0;
  let virtualTotal = 0;
  let mappedCount = 0;
  let points = 0;
  for (let k = 0; k < pool.length; k++) {
    const f = fail[k];
    if (f === apartOnly) {
      virtualTotal++;
      apart.add(k);
      continue;
    }
    if (f !== 0) continue;
    total++;
    main.add(k);
    const i = pool[k]!;
    const here = ix.pointStart[i + 1]! - ix.pointStart[i]!;
    if (here === 0) continue;
    mapped[mappedCount++] = i;
    points += here;
  }
  return { total, virtualTotal, mapped, mappedCount, points };
}
