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
  /** No physical location: a hotline or an online service. */
  virtual: boolean;
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
  /** Where each fact came from (HSDS metadata rows of type "source"). */
  sources: string[];
  /** Language rows that carry a note ("call ahead for an interpreter"). */
  languageNotes: { code: string; note: string }[];
  /** HSDS 3.1 service_capacity: beds or places available, with when the count was updated. */
  capacity: CapacityView[];
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
  databasePath: string;
}

export interface SearchQuery {
  text: string;
  limit?: number;
  offset?: number;
}

/** One mappable place of a result. Confidential and virtual locations never produce one. */
export interface MapPoint {
  serviceId: string;
  locationId: string;
  lat: number;
  lon: number;
  approximate: boolean;
}

export interface SearchResponse {
  total: number;
  /** One page of cards, in rank order. */
  results: ServiceCard[];
  /** Every mappable point of the whole result set (not only the page), for the map. */
  points: MapPoint[];
}

/* The desk's own records (issue 7): never part of a dataset, never touched by an import or sync. */

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

export type UiLanguageSetting = 'en' | 'es';

export interface DeskSettings {
  uiLanguage: UiLanguageSetting;
}

/** What a save-to-file action answers: the path written, or null when the user cancelled. */
export interface SavedFile {
  path: string | null;
}
