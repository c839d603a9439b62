import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ColumnMapping } from '../../../shared/import-types';
import { decodeUtf8 } from './csv-text';
import { findDescriptor, readDatapackage } from './datapackage-read';
import { jsonObjectCount, ReadBudget, refuseOverBytes } from './dataset-limits';
import { folderSource } from './file-source';
import { zipSource } from './zip-source';
import { flattenHsdsJsonSteps } from './flatten-json';
import { servicesIn } from './json-shape';
import { isOhanaFolder, readOhana } from './ohana';
import { DatasetReadError, type Origin, type Problem } from '../check/problems';
import type { ReadResult } from './read-result';
import { runSteps, type Steps } from '../../jobs/steps';
import type { Row, TableRows } from '../../db/hsds-tables';
import { readSpreadsheet } from './spreadsheet';
import { restoreSourceIds } from '../export/uuid-ids';

/** Deeper than any HSDS document (about 6 levels); a deeper one is broken or hostile. */
export const MAX_JSON_DEPTH = 64;

export interface ReadOptions {
  /** Spreadsheets: the saved or edited column mapping; guessed from the headers when absent. */
  mapping?: ColumnMapping;
}

/**
 * Reads any supported dataset into HSDS 3.1 tables: a .json file (services, organizations with their
 * services or service_at_locations, one or a list or an API page of them: json-shape.ts), a datapackage (folder or .zip), an Ohana CSV folder, or a one-row-per-service spreadsheet
 * (.csv). Input that cannot be read at all throws DatasetReadError; anything else comes back as problems.
 */
export const readDataset = (path: string, options: ReadOptions = {}): ReadResult => runSteps(readDatasetSteps(path, options));

/** readDataset, yielding as it goes (a datapackage after each file; a single file is read in one go). */
export function* readDatasetSteps(path: string, options: ReadOptions = {}): Steps<ReadResult> {
  const label = basename(path);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new DatasetReadError({ file: label, row: null, field: null, message: 'no such file or folder' });
  }
  if (stat.isDirectory()) {
    const src = folderSource(path);
    if (findDescriptor(src)) return yield* readDatapackage(src, label);
    if (isOhanaFolder(src)) return readOhana(src);
    throw new DatasetReadError({ file: label, row: null, field: null, message: 'this folder has no datapackage.json and is not an Ohana CSV export' });
  }
  const lower = path.toLowerCase();
  // A single file is held whole while it is read: its size is checked before it is.
  refuseOverBytes(stat.size, label);
  if (lower.endsWith('.zip')) {
    const src = zipSource(readFileSync(path), label);
    if (findDescriptor(src)) return yield* readDatapackage(src, label);
    throw new DatasetReadError({ file: label, row: null, field: null, message: 'the zip has no datapackage.json' });
  }
  if (lower.endsWith('.json')) {
    if (label === 'datapackage.json') return yield* readDatasetSteps(join(path, '..'), options);
    return readHsdsJson(readFileSync(path), label);
  }
  if (lower.endsWith('.csv')) return readSpreadsheet(readFileSync(path), label, options.mapping);
  throw new DatasetReadError({ file: label, row: null, field: null, message: 'not a dataset this app reads (.json, .zip, .csv, or a folder)' });
}

/** Objects measured between two yields of a large document's depth check. */
const OBJECTS_BETWEEN_YIELDS = 50_000;

/**
 * Measures nesting depth without recursion, so a hostile document cannot overflow the stack while being
 * measured; yields as it goes, since an incremental pull's merged source is millions of objects. An object
 * met again (a merged source shares each organization, sites and all, among its services) is measured
 * again only deeper than it was: no deeper, its own levels were already found within the limit.
 */
function* refuseTooDeepSteps(doc: unknown, file: string): Generator<void, void, void> {
  const stack: [unknown, number][] = [[doc, 1]];
  const measuredAt = new WeakMap<object, number>();
  for (let measured = 1; stack.length > 0; measured++) {
    if (measured % OBJECTS_BETWEEN_YIELDS === 0) yield;
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null || (measuredAt.get(v) ?? 0) >= d) continue;
    measuredAt.set(v, d);
    if (d > MAX_JSON_DEPTH) {
      throw new DatasetReadError({ file, row: null, field: null, message: `is nested more than ${MAX_JSON_DEPTH} levels deep; HSDS needs fewer than 10. Refused.` });
    }
    for (const child of Object.values(v)) if (typeof child === 'object' && child !== null) stack.push([child, d + 1]);
  }
}

export function readHsdsJson(bytes: Uint8Array, file: string): ReadResult {
  // Counted in the bytes first: a file of millions of tiny objects is refused before it is parsed.
  new ReadBudget().takeRows(jsonObjectCount(bytes), file, null);
  let doc: unknown;
  try {
    doc = JSON.parse(decodeUtf8(bytes, file));
  } catch (err) {
    if (err instanceof DatasetReadError) throw err;
    throw new DatasetReadError({ file, row: null, field: null, message: `is not valid JSON (${(err as Error).message})` });
  }
  runSteps(refuseTooDeepSteps(doc, file));
  return runSteps(readDocumentSteps(doc, file));
}

/**
 * An HSDS JSON document already parsed (a pulled API listing, read page by page within the size cap
 * rather than as one file), read as readHsdsJson reads a file, under the same depth limit and row budget;
 * the rows counted are the tables' (a shared organization nested in every service counts once).
 */
export function* readHsdsDocumentSteps(doc: unknown, file: string): Generator<void, ReadResult, void> {
  yield* refuseTooDeepSteps(doc, file);
  const read = yield* readDocumentSteps(doc, file);
  new ReadBudget().takeRows(Object.values(read.tables).reduce((n, rows) => n + rows.length, 0), file, null);
  return read;
}

function* readDocumentSteps(doc: unknown, file: string): Generator<void, ReadResult, void> {
  const found = servicesIn(doc);
  if ('refused' in found) throw new DatasetReadError({ file, row: null, field: null, message: found.refused });
  const origins = new Map<Row, Origin>();
  const flat = yield* flattenHsdsJsonSteps(doc, (row, path, service) => origins.set(row, { file, row: service + 1, path }));
  const { problems } = flat;
  const tables = restoreSourceIds(flat.tables, (from, to) => origins.set(to, origins.get(from)!));
  inferProgramOrganizations(tables);
  // Shared nested objects (an organization) legitimately repeat; two services with one id do not.
  const firstAt = new Map<unknown, number>();
  const duplicates: Problem[] = [];
  found.services.forEach(({ value, path }, i) => {
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    if (id === undefined) return;
    const first = firstAt.get(id);
    if (first === undefined) firstAt.set(id, i + 1);
    else duplicates.push({ file, row: i + 1, field: `${path}.id`, message: `duplicate service id "${String(id)}" (first used by service ${first})`, level: 'error' });
  });
  return {
    format: 'hsds-json',
    tables,
    origins,
    problems: [
      ...duplicates,
      ...problems.map((p) => ({ file, row: p.service + 1, field: p.path, message: p.message, level: 'error' as const })),
    ],
  };
}

/** A program nested in a service often omits its organization: it is the service's. */
function inferProgramOrganizations(tables: TableRows): void {
  const orgOfProgram = new Map<unknown, unknown>();
  for (const s of tables.service) if (s.program_id != null && !orgOfProgram.has(s.program_id)) orgOfProgram.set(s.program_id, s.organization_id);
  for (const p of tables.program) if (p.organization_id == null) p.organization_id = orgOfProgram.get(p.id) ?? null;
}
