import { basename } from 'node:path';
import { diffCounts } from './diff-shown';
import type { ColumnMapping, ImportReport, NoteOnRemovedService } from '../../../shared/import-types';
import type { Db, ReadDb } from '../../db/open';
import { unflaggedShelters, withConfidentialFlags } from '../../db/unflagged-shelters';
import { diffWithChangesSteps } from './diff';
import type { RowChanges } from './row-changes';
import { installDataset, installDatasetAsync, installTarget, type DatasetIdentity } from './install-dataset';
import { loadMapping, saveMapping } from '../read/mapping-store';
import { DatasetReadError, splitProblems, type Problem } from '../check/problems';
import { readDatasetSteps, readHsdsDocumentSteps } from '../read/read-dataset';
import type { ReadResult } from '../read/read-result';
import { SPREADSHEET_FIELDS } from '../read/spreadsheet';
import type { TableRows } from '../../db/hsds-tables';
import { runSteps, runStepsAsync, type StepListener, type Steps } from '../../jobs/steps';
import { validateDataset, validateSteps } from '../check/validate';
import { unknownAreaWarnings } from '../check/area-names';
import { storedSource, type SourceKind } from '../../sources/source-target';
import { storedId } from '../../sources/qualify-ids';

/** A dataset read, validated and compared with what its source holds now; nothing has been written. */
export interface CheckedDataset {
  report: ImportReport;
  /** Present only when the dataset has no errors and may be applied. */
  tables: TableRows | null;
  identity: DatasetIdentity;
  /** The rows installing it would change, as its diff found (row-changes.ts); absent, it is written in full. */
  changes?: RowChanges | null;
}

export class DatasetInvalidError extends Error {
  constructor(readonly problems: Problem[]) {
    const first = problems[0]!;
    super(`The dataset has ${problems.length} error(s) and was not applied. First: ${first.file}${first.row != null ? ` row ${first.row}` : ''}${first.field ? ` ${first.field}` : ''}: ${first.message}`);
  }
}

/** Installing a dataset replaces its source: one with no services would empty it (removing a source is a command of its own). */
const EMPTY_DATASET = 'has no services (an empty list, or a spreadsheet with only its header row?); importing it would remove every service of its source, so it is refused';

export interface CheckOptions {
  mapping?: ColumnMapping;
  /** Whether the offline area table knows a service area name; unknown ones are warned about. */
  knownArea?: (name: string) => boolean;
  /** The source it would replace, when not the one its path names (`import --source`, a feed's). */
  sourceName?: string;
  /** A pulled source's address and kind: the file read is only the download's temporary copy. */
  pulledFrom?: { url: string; kind: SourceKind };
  /**
   * An HSDS JSON document already in memory (an API pull's services), read instead of a file: `path` then
   * only names it. A statewide listing written out as one JSON file would pass the size cap and the
   * longest string JavaScript can hold.
   */
  document?: unknown;
}

/** Reads, validates and diffs a dataset. Never writes; a spreadsheet uses the mapping given, else the one saved for this source. */
export const checkDataset = (db: ReadDb, path: string, options: CheckOptions = {}): CheckedDataset => runSteps(checkSteps(db, path, options));

/** checkDataset with progress, yielding to the event loop; cancelling it changes nothing, since it never writes. */
export const checkDatasetAsync = (db: ReadDb, path: string, options: CheckOptions, listener: StepListener): Promise<CheckedDataset> =>
  runStepsAsync(checkSteps(db, path, options), listener);

function* checkSteps(db: ReadDb, path: string, options: CheckOptions): Steps<CheckedDataset> {
  const { pulledFrom } = options;
  const identity: DatasetIdentity = {
    datasetId: basename(pulledFrom?.url ?? path),
    version: null,
    source: pulledFrom?.url ?? path,
    ...(options.sourceName ? { sourceName: options.sourceName } : {}),
    ...(pulledFrom ? { kind: pulledFrom.kind } : {}),
  };
  let read: ReadResult;
  try {
    yield { step: 'reading', done: 0, total: 1 };
    read = options.document !== undefined ? yield* readingSteps(readHsdsDocumentSteps(options.document, basename(path))) : yield* readDatasetSteps(path, { mapping: options.mapping ?? loadMapping(db, path) });
  } catch (err) {
    if (!(err instanceof DatasetReadError)) throw err;
    return { tables: null, identity, report: emptyReport(path, [{ ...err.problem, level: 'error' }]) };
  }
  identity.datasetId = read.name ?? identity.datasetId;
  identity.version = read.version ?? null;
  // Said first, unless reading already failed and says why no service came out.
  const empty: Problem[] = read.tables.service.length === 0 && !read.problems.some((p) => p.level === 'error') ? [{ file: basename(path), row: null, field: null, message: EMPTY_DATASET, level: 'error' }] : [];
  const problems = [
    ...empty,
    ...read.problems,
    ...(yield* validateSteps(read.tables, read.origins, read.textChecked)),
    ...(options.knownArea ? unknownAreaWarnings(read.tables, read.origins, options.knownArea) : []),
  ];
  const { errors, warnings, errorCount, warningCount } = splitProblems(problems);
  const ok = errorCount === 0;
  const source = installTarget(db, identity).name;
  const { diff, changes } = ok ? yield* diffWithChangesSteps(db, read.tables, source) : { diff: null, changes: null };
  return {
    tables: ok ? read.tables : null,
    identity,
    changes,
    report: {
      ok,
      format: read.format,
      source: path,
      services: read.tables.service.length,
      errors,
      warnings,
      errorCount,
      warningCount,
      diff,
      diffCounts: diff ? diffCounts(diff) : null,
      notesOnRemoved: diff ? notesOn(db, diff.removed, source) : [],
      unflaggedShelters: ok ? unflaggedShelters(read.tables) : [],
      mapping: read.mapping ?? null,
      mappingFields: read.mapping ? Object.keys(SPREADSHEET_FIELDS) : null,
    },
  };
}

/** A read that yields nothing to say, reported as reading. */
function* readingSteps<T>(steps: Generator<void, T, void>): Steps<T> {
  for (let r = steps.next(); ; r = steps.next()) {
    if (r.done) return r.value;
    yield { step: 'reading', done: 0, total: 1 };
  }
}

function emptyReport(path: string, problems: Problem[]): ImportReport {
  return { ok: false, format: null, source: path, services: 0, ...splitProblems(problems), diff: null, diffCounts: null, notesOnRemoved: [], unflaggedShelters: [], mapping: null, mappingFields: null };
}

/** Notes are keyed by the ids services are stored with, a source's prefix included (sources/qualify-ids.ts). */
function notesOn(db: ReadDb, services: { id: string; name: string }[], source: string): NoteOnRemovedService[] {
  if (services.length === 0) return [];
  const prefix = storedSource(db, source)?.idPrefix ?? '';
  const names = new Map(services.map((s) => [storedId(prefix, s.id), s.name]));
  const notes = db.prepare('SELECT service_id, body FROM local_note').all() as { service_id: string; body: string }[];
  return notes.filter((n) => names.has(n.service_id)).map((n) => ({ serviceId: n.service_id, serviceName: names.get(n.service_id)!, note: n.body }));
}

/**
 * The checked dataset with these of its unflagged shelter sites (report.unflaggedShelters) flagged
 * confidential in the rows it will install; an id not on that list is refused, changing nothing.
 */
export function markingConfidential(checked: CheckedDataset, locationIds: readonly string[]): CheckedDataset {
  if (!checked.tables || locationIds.length === 0) return checked;
  return { ...checked, tables: withConfidentialFlags(checked.tables, locationIds, checked.report.unflaggedShelters) };
}

/**
 * Validates and installs a dataset in one transaction, keeping the replaced directory for rollback.
 * A dataset with any error is refused before anything is written.
 */
export function applyDataset(db: Db, tables: TableRows, identity: DatasetIdentity): void {
  const errors = validateDataset(tables).filter((p) => p.level === 'error');
  if (errors.length > 0) throw new DatasetInvalidError(errors);
  installDataset(db, tables, identity);
}

/**
 * Applies a checked dataset, then saves the spreadsheet mapping it used. Not one transaction: the install
 * first copies the database file for damage recovery, which cannot happen inside a transaction.
 */
export function applyChecked(db: Db, checked: CheckedDataset): void {
  if (!checked.tables) throw new DatasetInvalidError([{ ...checked.report.errors[0]!, level: 'error' }]);
  // Validated by checkDataset a moment ago: installing directly spares a second pass over every row.
  installDataset(db, checked.tables, checked.identity, checked.changes);
  if (checked.report.mapping) saveMapping(db, checked.identity.source, checked.report.mapping);
}

/** applyChecked, in batches on its own connection so progress shows and cancel works. */
export async function applyCheckedAsync(
  writer: Db,
  checked: CheckedDataset,
  listener: StepListener = {},
): Promise<void> {
  if (!checked.tables) throw new DatasetInvalidError([{ ...checked.report.errors[0]!, level: 'error' }]);
  await installDatasetAsync(writer, checked.tables, checked.identity, listener, undefined, checked.changes);
  if (checked.report.mapping) saveMapping(writer, checked.identity.source, checked.report.mapping);
}

/** The local notes whose service is no longer in the directory: kept, and shown as orphaned. */
export function notesOnMissingServices(db: ReadDb): { serviceId: string; note: string }[] {
  return (db.prepare('SELECT service_id AS serviceId, body AS note FROM local_note WHERE service_id NOT IN (SELECT id FROM service)').all() as { serviceId: string; note: string }[]);
}
