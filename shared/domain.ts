/** Shapes the main process hands to the renderer and the CLI. Confidential facts never reach these. */

export interface PhoneView {
  number: string;
  extension: string | null;
  /** HSDS phone.type: text, voice, fax, cell, video, pager, textphone (TTY). */
  type: string | null;
  description: string | null;
  languages: string[];
}

export interface ServiceCard {
  id: string;
  name: string;
  organization: string;
  phones: PhoneView[];
  categories: string[];
  languages: string[];
  /** City of the first public location; null for phone/online services and confidential sites. */
  city: string | null;
  /** Street address of the first public location that states one; null when none does or it is confidential. */
  address: string | null;
  /** No physical location: a hotline or an online service. */
  virtual: boolean;
  /** The name of the source it came from (the bundled directory, a file, a feed...). */
  source: string | null;
}

/** The source name of the directory shipped with the app: screens call it that in words, and leave it unmarked on cards. */
export const BUNDLED_SOURCE = 'bundled';

export type SourceKind = 'bundled' | 'file' | 'feed' | 'hsds-api' | 'datapackage';

/** A source as `source list` and the Settings panel show it. */
export interface SourceSummary {
  name: string;
  kind: SourceKind;
  /** Where it comes from: a file path, a URL, or "starter" for the bundled directory. */
  url: string;
  services: number;
  /**
   * A pulled source (HSDS API, datapackage URL): when its last pull started, whether it worked or not
   * (lastResult says). Any other source: when its services were last installed (an import, a sync).
   * Null for one added and not pulled yet.
   */
  lastPull: string | null;
  /** How the last pull went; null for a source never pulled (and for bundled, file and feed sources). */
  lastResult: PullResult | null;
  /** Paused by the person: skipped by a pull of every source, and refused when pulled by name. */
  paused: boolean;
}

/** The outcome of one pull, as `source list` and the Settings screen show it. */
export interface PullResult {
  ok: boolean;
  added: number;
  changed: number;
  removed: number;
  /** Services left out as invalid. */
  quarantined: number;
  /** Why it failed, as a sentence; null when it worked. */
  error: string | null;
}

/** What `source pull --json` prints and the sourcePull channel answers. */
export interface SourcePullSummary {
  ok: boolean;
  source: string;
  added: number;
  changed: number;
  removed: number;
  /** Services left out as invalid, each with its first error. */
  quarantined: { id: string; reason: string }[];
  errors: string[];
  warnings: string[];
  /** Stopped by the app's Cancel pull before it changed anything (errors then says so). */
  cancelled?: boolean;
}

/** How far a running pull has got: its last line ("Read page 3 (300 service(s) so far)…") and the install's step. */
export interface SourceProgress {
  line: string;
  step: string | null;
  done: number;
  total: number;
}

/**
 * What sourceCancel did. cancelling: the pull stops at its next step and its answer comes back cancelled;
 * too-late: its install had already committed, and its answer says what it changed; idle: no pull of that
 * source was running.
 */
export interface SourceCancelView {
  outcome: 'cancelling' | 'too-late' | 'idle';
  message: string;
}

export interface SourcePaused {
  source: string;
  paused: boolean;
}

export interface SourceRemoved {
  source: string;
  removed: number;
  /** Services left in the directory, from the other sources. */
  services: number;
}

export interface LocationView {
  id: string;
  name: string | null;
  confidential: boolean;
  approximate: boolean;
  /** Street address, or null when confidential or unknown. */
  address: string | null;
  city: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface ScheduleView {
  byday: string | null;
  opensAt: string | null;
  closesAt: string | null;
  description: string | null;
  /** UTC offset in hours (HSDS schedule.timezone); null means the desk's local time. */
  timezone: number | null;
  /** HSDS recurrence: WEEKLY, DAILY, MONTHLY...; null is read as weekly. */
  freq: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export type PopulationState = 'serves' | 'excludes';

export interface ServiceDetail extends ServiceCard {
  description: string | null;
  url: string | null;
  email: string | null;
  status: string;
  interpretationServices: string | null;
  eligibility: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  fees: string | null;
  applicationProcess: string | null;
  alert: string | null;
  assuredDate: string | null;
  lastModified: string | null;
  organizationUrl: string | null;
  schedules: ScheduleView[];
  locations: LocationView[];
  populations: { id: string; state: PopulationState }[];
  requiredDocuments: string[];
  /** Service area names as the publisher wrote them. */
  serviceAreas: string[];
  /** The pages the record's facts were read from (HSDS metadata rows of type "sourced", or older "source" notes). */
  sources: SourceView[];
  /** Language rows that carry a note ("call ahead for an interpreter"). */
  languageNotes: { code: string; note: string }[];
  /** HSDS 3.1 service_capacity: beds or places available, with when the count was updated. */
  capacity: CapacityView[];
}

/** One cited page: its address, the HSDS fields read there, when, and any note on disagreeing pages. */
export interface SourceView {
  url: string | null;
  fields: string | null;
  date: string | null;
  note: string | null;
}

export interface CapacityView {
  unit: string;
  available: number;
  maximum: number | null;
  description: string | null;
  updated: string;
}

export interface DatasetInfo {
  datasetId: string | null;
  version: string | null;
  importedAt: string | null;
  services: number;
  organizations: number;
  /** The sources side by side (the bundled directory, imported files, feeds, pulled APIs). */
  sources: number;
  databasePath: string;
}

export type SearchSort = 'relevance' | 'distance';

/** The radii the place box offers, in km; an empty search near a place suggests the next one that gives results. */
export const SEARCH_RADII_KM = [5, 10, 25, 50, 100] as const;

/** A reference point for distance: a ZIP code, or a place name (or a place id from `geocode`). */
export type NearQuery = { zip: string } | { place: string };

export interface SearchQuery {
  text: string;
  limit?: number;
  offset?: number;
  /** Any of these categories (vocabulary ids). */
  categories?: string[];
  /** Any of these language codes. */
  languages?: string[];
  /** Every one of these populations is served; "not stated" stays in (marked) unless confirmedOnly. */
  populations?: string[];
  /** Any of these sources (source names, as `source list` gives them). */
  sources?: string[];
  /** Drop results that have not said whether they serve `populations`, instead of listing them marked. */
  confirmedOnly?: boolean;
  /** Drop results whose hours are not stated from "open now" and "open 24/7", instead of listing them marked. */
  hoursConfirmedOnly?: boolean;
  openNow?: boolean;
  open24x7?: boolean;
  verifiedWithinMonths?: number;
  near?: NearQuery;
  radiusKm?: number;
  /**
   * Services whose service area covers this ZIP code or place (by county, polygon, state, nation or ZIP),
   * wherever their office is; those that state no area stay, marked, unless confirmedOnly.
   */
  serves?: NearQuery;
  /** Services whose stated ages include this age; those stating none stay, marked, unless confirmedOnly. */
  age?: number;
  /** Free of charge, no ID needed, wheelchair accessible: "not stated" stays in (marked) unless confirmedOnly. */
  free?: boolean;
  noIdNeeded?: boolean;
  wheelchair?: boolean;
  /** Default: relevance (distance breaking ties when there is a place), or distance when there is a place but no text. */
  sort?: SearchSort;
  /** The moment "open now" is judged at (ISO 8601); the current time when absent. */
  now?: string;
  /**
   * Count every facet's values over the results (`facets`); true when absent. The window asks for them only
   * while a facet menu, where they show, is open: counting is about a quarter of an answer's time.
   */
  facetCounts?: boolean;
}

/** A population as a result states it; "not_stated" appears only for populations the query asked about. */
export type PopulationMark = { id: string; state: PopulationState | 'not_stated' };

export type OpenState = 'open' | 'closed' | 'not_stated';

/** A record's answer to an intake question (free of charge? no ID needed? wheelchair accessible?). */
export type Stated = 'yes' | 'no' | 'not_stated';

/** Ages a service takes; null for a bound it does not state. */
export interface AgeRange {
  min: number | null;
  max: number | null;
}

export interface SearchCard extends ServiceCard {
  /** Kilometres from the reference point to the nearest public location; null without `near` or a point. */
  distanceKm: number | null;
  /** Relevance (higher is better); 0 when there is no query text. */
  score: number;
  populations: PopulationMark[];
  openNow: OpenState;
  /** Its service area names as the publisher wrote them; empty when it states none. */
  serviceArea: string[];
  ages: AgeRange;
  /** With `serves`: "yes" when its area covers the place, "not_stated" when it states none or cannot tell; null without. */
  areaCovers: 'yes' | 'not_stated' | null;
  free: Stated;
  noIdNeeded: Stated;
  wheelchair: Stated;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface PopulationFacetCount {
  value: string;
  serves: number;
  notStated: number;
}

/**
 * Counts over the current result set: the services `total` counts (with a place, not the group listed
 * apart). Each facet is counted with every other facet's filter applied but not its own, so a user sees
 * what choosing another value would give.
 */
export interface FacetCounts {
  categories: FacetCount[];
  languages: FacetCount[];
  populations: PopulationFacetCount[];
  openNow: number;
  open24x7: number;
  hoursNotStated: number;
  verified: { months: number; count: number }[];
  free: StatedCount;
  noIdNeeded: StatedCount;
  wheelchair: StatedCount;
  /** Every source holding services, the bundled one first then by name, each with its count (zero too). */
  sources: FacetCount[];
}

/** How many say yes, and how many have not said (kept unless "confirmed only"). */
export interface StatedCount {
  yes: number;
  notStated: number;
}

export interface GeoPoint {
  lat: number;
  lon: number;
  label: string;
}

export interface PlaceMatch extends GeoPoint {
  /** Pass as `near: {place: id}` to search from exactly this place. */
  id: string;
  kind: 'zip' | 'place';
  county: string | null;
  population: number;
}

export interface GeocodeResponse {
  /** Best first (an exact ZIP, then places by population); more than one means the name is ambiguous. */
  matches: PlaceMatch[];
}

/** A service area to draw: GeoJSON MultiPolygon coordinates (polygons of rings of [lon, lat]). */
export interface AreaOutline {
  polygons: number[][][][];
}

/** One mappable place of a result. Confidential and virtual locations never produce one. */
export interface MapPoint {
  serviceId: string;
  locationId: string;
  lat: number;
  lon: number;
  approximate: boolean;
}

/**
 * A result set's map points in brief: a search answer carries this rather than the points, so the list
 * paints from a small answer; the map asks for the set's services (`mapItems`) only when `set` is not the
 * one it has drawn.
 */
export interface MapSet {
  /** Names the points exactly (the installed index and the mappable results in order): the same set, the same key. */
  set: string;
  points: number;
  /** Services with at least one point. */
  services: number;
}

/**
 * A result set's mappable services (`mapItems`): their numbers in the installed index, in result order.
 * Their points are read from that index's table (`mapTable`), which the page asks for once per index:
 * a set then crosses IPC as 4 bytes a service rather than 21 a point.
 */
export interface MapSetItems {
  set: string;
  /** Which installed search index the numbers belong to. */
  index: number;
  items: Int32Array;
  /** How many points the items have between them. */
  points: number;
}

/**
 * Every public map point of one installed search index, by service number: service i's points are
 * pointStart[i] up to pointStart[i + 1]. Confidential and virtual locations never produce a point.
 */
export interface MapTable {
  index: number;
  pointStart: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  /** 1: a city centre, not an address. */
  approximate: Uint8Array;
}

/**
 * A result set's map points as columns, point i in each, made on the page from a set's items and its
 * index's table (shared/map/map-points.ts). Typed arrays cross to the cluster worker as one copy of their
 * bytes. `service` holds small numbers, not ids: `mapServices` resolves the few a marker or spider opens.
 */
export interface MapPoints {
  set: string;
  lat: Float64Array;
  lon: Float64Array;
  /** 1: a city centre, not an address. */
  approximate: Uint8Array;
  /** The service of each point, as a number `mapServices` resolves while `index` is the installed one. */
  service: Int32Array;
  /** Which installed search index the service numbers belong to. */
  index: number;
}

/** A service number of `MapPoints` resolved: its id and name. */
export interface MapService {
  ref: number;
  serviceId: string;
  name: string;
}

/** A filter a worker can drop, as named in a relaxation. */
export type RelaxableFilter = 'categories' | 'languages' | 'populations' | 'sources' | 'openNow' | 'open24x7' | 'verified' | 'serves' | 'age' | 'free' | 'noIdNeeded' | 'wheelchair';

/**
 * What one change to an empty search would give: dropping one filter, or a wider radius (null: any
 * distance). Only filters whose dropping alone gives results are named.
 */
export type Relaxation = { drop: RelaxableFilter; count: number } | { radiusKm: number | null; count: number };

export interface SearchResponse {
  /** Results with a place to measure from (with `near`), or all results (without). */
  total: number;
  /** One page of cards, in rank order. */
  results: SearchCard[];
  /** What the map needs to know of the whole result set (not only the page); its services come by `mapItems`, their points from `mapTable`. */
  map: MapSet;
  /** Null when the query asked for no counts (`facetCounts: false`). */
  facets: FacetCounts | null;
  /**
   * With `near`: services with no public point to measure from (phone and online, confidential sites,
   * location not stated), never dropped by distance, listed apart, paged by the same offset and limit.
   * Without `near` they are in `results`.
   */
  virtual: { total: number; results: SearchCard[] };
  /** The geocoded reference point of `near`, null without one. */
  reference: GeoPoint | null;
  radiusKm: number | null;
  /** The place `serves` was read as, null without one. */
  serves: GeoPoint | null;
  /** When `total` is 0: the changes that alone would give results, most results first. */
  relaxations: Relaxation[];
}

/**
 * The answer to a search while the index is being got ready: rebuilt (the first start after an update
 * changed how it is built, or one found damaged), how many services are indexed so far; or, `reading`, a
 * large stored index read in at start. Asking again later gets the results.
 */
export interface SearchPreparing {
  preparing: { done: number; total: number; reading: boolean };
}

/* The desk's own records: never part of a dataset, never touched by an import or sync. */

export type CallMarkStatus = 'still_valid' | 'changed' | 'closed';

export interface CallMark {
  status: CallMarkStatus;
  comment: string | null;
  markedAt: string;
}

export interface LocalRecord {
  note: { body: string; updatedAt: string } | null;
  /** Newest first. */
  marks: CallMark[];
}

/** What a result card shows of the desk's own records on a service. */
export interface LocalSummary {
  serviceId: string;
  hasNote: boolean;
  /** The newest call mark. */
  lastMark: CallMark | null;
}

export type UiLanguageSetting = 'en' | 'es';

export interface DeskSettings {
  uiLanguage: UiLanguageSetting;
}

/** What a save-to-file action answers: the path written, or null when the user cancelled. */
export interface SavedFile {
  path: string | null;
}
