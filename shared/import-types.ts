/** What the import, validate and diff steps report: the CLI prints these, the Import screen shows them. */

/** One thing wrong with a dataset. `row` is the spreadsheet row (header = 1) or the service's 1-based index in JSON. */
export interface DatasetProblem {
  file: string;
  row: number | null;
  field: string | null;
  message: string;
  /** A warning many rows share, counted once (`row` is the first of them), so the screen can say it in words. */
  like?: RowsLikeIt;
}

/** How many rows of which table break which soft rule on which column. */
export interface RowsLikeIt {
  rows: number;
  table: string;
  column: string;
  rule: 'uuid' | 'uri' | 'email' | 'missing';
}

export interface FieldChange {
  /** The data path, for the CLI and for telling rows apart (`phones[p1].number`). */
  field: string;
  /** What the screen names it by: the HSDS table and column, and the row's kind (a phone's type, an address's type). */
  table: string;
  column: string;
  kind: string | null;
  old: string | null;
  new: string | null;
}

export interface ServiceRef {
  id: string;
  name: string;
}

export interface ServiceChange extends ServiceRef {
  fields: FieldChange[];
}

export interface TableChangeCount {
  added: number;
  removed: number;
  changed: number;
}

export interface DatasetDiff {
  added: ServiceRef[];
  removed: ServiceRef[];
  changed: ServiceChange[];
  /** Row counts per HSDS table, so a change outside any service (a taxonomy term) still shows. */
  tables: Record<string, TableChangeCount>;
  /** True when nothing at all would change. */
  identical: boolean;
}

export type DatasetFormat = 'hsds-json' | 'hsds-datapackage' | 'hsds-legacy-datapackage' | 'spreadsheet-csv' | 'ohana-csv';

/** Spreadsheet header -> target field (`service.name`, `phone.number`...); null = not imported. */
export type ColumnMapping = Record<string, string | null>;

export interface NoteOnRemovedService {
  serviceId: string;
  serviceName: string;
  note: string;
}

/**
 * A site of a shelter service (emergency, DV or trafficking shelter, safe house) that the dataset would
 * show, map and export: it has a street address or a point and no confidential flag. The coordinator may
 * mark it confidential before applying.
 */
export interface UnflaggedShelter {
  locationId: string;
  /** The shelter services at this site, by name. */
  services: string[];
  /** The street address (with city), or the point when there is no street. */
  place: string;
}

/** How many services a diff adds, changes and removes in all. */
export interface DiffCounts {
  added: number;
  changed: number;
  removed: number;
}

/**
 * Services of each kind a report lists for the Import screen, which shows that many: a first import of
 * 100,000 services listing them all held the window's thread most of a tenth of a second as it arrived.
 */
export const DIFF_SHOWN = 100;

export interface ImportReport {
  ok: boolean;
  format: DatasetFormat | null;
  source: string;
  services: number;
  /** The first 1,000 of each: errorCount and warningCount say how many there are in all. */
  errors: DatasetProblem[];
  warnings: DatasetProblem[];
  errorCount: number;
  warningCount: number;
  /** The services added, changed and removed; in the Import screen's report only the first DIFF_SHOWN of each (diffCounts says how many in all). */
  diff: DatasetDiff | null;
  diffCounts: DiffCounts | null;
  /** Local notes that would sit on services this import removes: kept, and flagged. */
  notesOnRemoved: NoteOnRemovedService[];
  unflaggedShelters: UnflaggedShelter[];
  /** Only for a spreadsheet: the mapping used (saved per source, editable). */
  mapping: ColumnMapping | null;
  mappingFields: string[] | null;
}

/** ready: chosen (or checked), nothing running; checking: being read, checked and compared; applying: being written. */
export type ImportJobState = 'ready' | 'checking' | 'applying' | 'applied' | 'cancelled' | 'failed';

/**
 * What a running import or sync is doing, for the progress label. A sync first downloads its feed's
 * files; then both go through the same four steps. A rollback restores the previous directory, then indexes it.
 */
export type ImportStep = 'downloading' | 'reading' | 'checking' | 'comparing' | 'applying' | 'restoring' | 'indexing';

export interface ImportJobStatus {
  state: ImportJobState;
  step: ImportStep | null;
  /** Progress within the step: files downloaded or read, records checked, services compared, records written. */
  done: number;
  total: number;
  error: string | null;
}

export interface ImportSource {
  jobId: string;
  /** The file or folder name only: the full path stays in the main process. */
  name: string;
}

export interface PreviousVersion {
  datasetId: string;
  version: string | null;
  services: number;
  /** When this version was installed (ISO 8601). */
  installedAt: string;
  /** The installed directory came from a rollback: going back to this version re-applies what it undid. */
  redo: boolean;
}

/** A rollback under way: poll importStatus with its job id; `to` is the version being restored. */
export interface RollbackStarted {
  jobId: string;
  to: PreviousVersion;
  status: ImportJobStatus;
}

/** What an import or a pull would remove, out of the services in the directory it replaces. */
export interface RemovalCount {
  removed: number;
  installed: number;
}

/**
 * importApply's answer when the import would remove more than half of the installed services and the call
 * did not say the person confirmed it (main/hsds/install/removals.ts): nothing was started; ask, then apply again.
 */
export interface ImportRemovalsToConfirm extends RemovalCount {
  state: 'confirm-removals';
  message: string;
}
