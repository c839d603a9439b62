import { coerceNumber, isNumericField } from './coerce';
import { requiredFields } from '../check/hsds-ajv';
import { CsvReader, decodeUtf8, ROWS_BETWEEN_YIELDS } from './csv-text';
import { isUnsafeEntryName, type FileSource } from './file-source';
import { isLegacyPackage, ruleFor } from './legacy-tables';
import { refuseOverBytes } from './dataset-limits';
import { DatasetReadError, problemAt, type Origins, type Problem } from '../check/problems';
import { RowOrigins } from '../check/row-origins';
import type { ReadResult } from './read-result';
import type { Steps } from '../../jobs/steps';
import { hsdsColumns, storedRequired } from './table-info';
import { restoreSourceIds } from '../export/uuid-ids';
import { emptyTables, HSDS_TABLES, type HsdsTable, type Row } from '../../db/hsds-tables';

interface Resource {
  name?: unknown;
  path?: unknown;
}

/** The datapackage.json nearest the root (a zip often wraps the package in one folder). */
export function findDescriptor(src: FileSource): string | null {
  const found = src.names.filter((n) => n === 'datapackage.json' || n.endsWith('/datapackage.json'));
  return found.sort((a, b) => a.split('/').length - b.split('/').length)[0] ?? null;
}

/**
 * Reads an HSDS tabular datapackage: datapackage.json lists the CSVs; 3.x table names map one to one,
 * HSDS 1.1/2.0 names are reshaped (legacy-tables.ts). Unknown columns are named once per file.
 * Yields after each file.
 */
export function* readDatapackage(src: FileSource, label: string): Steps<ReadResult> {
  const descriptorPath = findDescriptor(src);
  if (!descriptorPath) throw new DatasetReadError({ file: label, row: null, field: null, message: 'no datapackage.json found' });
  const prefix = descriptorPath.slice(0, -'datapackage.json'.length);
  let descriptor: { resources?: unknown; name?: unknown; version?: unknown };
  try {
    descriptor = JSON.parse(decodeUtf8(src.read(descriptorPath)!, 'datapackage.json')) as typeof descriptor;
  } catch (err) {
    if (err instanceof DatasetReadError) throw err;
    throw new DatasetReadError({ file: 'datapackage.json', row: null, field: null, message: `is not valid JSON (${(err as Error).message})` });
  }
  if (!Array.isArray(descriptor?.resources)) {
    throw new DatasetReadError({ file: 'datapackage.json', row: null, field: 'resources', message: 'must list the package\'s CSV files' });
  }
  const notObject = descriptor.resources.findIndex((r) => typeof r !== 'object' || r === null || Array.isArray(r));
  if (notObject >= 0) {
    throw new DatasetReadError({ file: 'datapackage.json', row: null, field: `resources[${notObject}]`, message: 'must be an object naming a CSV file ({"name": ..., "path": ...})' });
  }
  const resources = descriptor.resources as Resource[];
  refuseListedOverBytes(src, prefix, resources, label);
  const names = resources.map((r) => (typeof r.name === 'string' ? r.name : typeof r.path === 'string' ? r.path.replace(/\.csv$/, '') : ''));
  const legacy = isLegacyPackage(names);
  const tables = emptyTables();
  const problems: Problem[] = [];
  const origins = new RowOrigins(tables);
  const eligibility: { serviceId: string; text: string }[] = [];
  /** Whether every text in the tables is a cell of a file read without a control character (CsvReader.controlSeen). */
  let textChecked = !legacy;

  const listedAt = new Map<string, number>();
  for (const [i, res] of resources.entries()) {
    const at = { step: 'reading', done: i, total: resources.length } as const;
    yield at;
    const path = typeof res.path === 'string' ? res.path : null;
    if (!path) continue;
    if (isUnsafeEntryName(path)) {
      throw new DatasetReadError({ file: 'datapackage.json', row: null, field: `resources[${i}].path`, message: `"${path}" points outside the package; refused` });
    }
    // A file listed twice would be read twice and its rows imported twice: at best duplicate ids, at worst
    // the same large table read hundreds of times until the memory runs out.
    const key = samePath(path);
    const first = listedAt.get(key);
    if (first !== undefined) {
      throw new DatasetReadError({ file: 'datapackage.json', row: null, field: `resources[${i}].path`, message: `lists "${path}" again (already resources[${first}]); each file may be listed once` });
    }
    listedAt.set(key, i);
    const bytes = src.read(prefix + path);
    if (!bytes) {
      problems.push({ file: 'datapackage.json', row: null, field: `resources[${i}].path`, message: `lists "${path}", which is not in the package`, level: 'error' });
      continue;
    }
    const csv = new CsvReader(bytes, path, src.budget);
    // Older descriptors name resources loosely ("organization" for organizations.csv): their file names are the reliable key.
    const rule = legacy ? (ruleFor(path, csv.header, legacy) ?? ruleFor(names[i]!, csv.header, legacy)) : (ruleFor(names[i]!, csv.header, legacy) ?? ruleFor(path, csv.header, legacy));
    if (!rule || rule.skipped) {
      const serviceId = csv.header.lastIndexOf('service_id');
      const text = csv.header.lastIndexOf('eligibility');
      const eligible = names[i] === 'eligibility' && serviceId >= 0 && text >= 0;
      let rows = 0;
      for (; csv.next(); rows++) {
        if (rows > 0 && rows % ROWS_BETWEEN_YIELDS === 0) yield at;
        if (eligible && csv.cells[serviceId] && csv.cells[text]) eligibility.push({ serviceId: csv.cells[serviceId], text: csv.cells[text] });
      }
      if (rows > 0) problems.push({ file: path, row: null, field: null, message: rule?.skipped ? `${rows} row(s) ${rule.skipped}` : 'not an HSDS table; skipped', level: 'warning' });
      continue;
    }
    const table = rule.table!;
    const columns = new Set(hsdsColumns(table));
    const mapped = csv.header.map((h) => rule.rename?.[h] ?? h);
    const consumed = new Set(rule.consumes);
    const unknown = mapped.filter((h) => !columns.has(h) && !consumed.has(h));
    if (unknown.length > 0) problems.push({ file: path, row: 1, field: unknown.join(', '), message: `column(s) not in HSDS 3.1 ${table}; not imported`, level: 'warning' });
    const missing = requiredFields(table).filter((f) => !mapped.includes(f) && !(rule.defaults && f in rule.defaults) && !(rule.reshape && f !== 'id'));
    const blocking = missing.filter((f) => storedRequired(table).has(f));
    if (blocking.length > 0) {
      problems.push({ file: path, row: 1, field: blocking.join(', '), message: 'required column(s) missing from the header', level: 'error' });
      // Read to the end all the same: a malformed row or the row cap is still named.
      for (let rows = 1; csv.next(); rows++) if (rows % ROWS_BETWEEN_YIELDS === 0) yield at;
      continue;
    }
    const add = (t: HsdsTable, row: Row, origin: number) => {
      tables[t].push(row);
      origins.added(t, path, origin);
    };
    const makeRow = rowMaker(
      mapped.map((f) => (columns.has(f) || consumed.has(f) ? f : null)),
      mapped.map((f) => isNumericField(table, f)),
      rule.defaults ?? {},
    );
    for (let rows = 1; csv.next(); rows++) {
      if (rows % ROWS_BETWEEN_YIELDS === 0) yield at;
      let row = makeRow(csv.cells, csv);
      if (rule.reshape) {
        const reshaped = rule.reshape(row, (t, r) => add(t, r, csv.row));
        if (!reshaped) continue;
        row = reshaped;
        // Only a reshaping rule can leave old columns behind (and delete is slow, so skip it otherwise).
        for (const k of Object.keys(row)) if (!columns.has(k)) delete row[k];
      }
      add(table, row, csv.row);
    }
    // A reshaping rule makes texts of its own (joined, split), which only the validator sees whole.
    if (csv.controlSeen || rule.reshape) textChecked = false;
  }

  if (eligibility.length > 0) {
    textChecked = false;
    const services = new Map(tables.service.map((s) => [String(s.id), s]));
    for (const e of eligibility) {
      const s = services.get(e.serviceId);
      if (s) s.eligibility_description = [s.eligibility_description, e.text].filter(Boolean).join('; ');
    }
  }
  if (legacy) resolveLegacyReferences(tables, problems, origins);
  return {
    format: legacy ? 'hsds-legacy-datapackage' : 'hsds-datapackage',
    tables: restoreSourceIds(tables, (from, to) => origins.copied(from, to)),
    problems,
    origins,
    textChecked,
    ...(typeof descriptor.name === 'string' ? { name: descriptor.name } : {}),
    ...(typeof descriptor.version === 'string' ? { version: descriptor.version } : {}),
  };
}

/**
 * A file's row from its record's cells: each kept column's cell, a number where the field is one; an empty
 * cell is null (or the rule's default), a quoted empty one an empty text. Where columns name one field
 * twice, the last that is not a bare empty cell wins. Every row of a file has the same fields in the same
 * order, so the row is written as one object literal, compiled once per file: filled field by field from a
 * copied template, the rows of a statewide package took about a third of its reading time. Only HSDS
 * columns and the rule's own fields are compiled in, each as a quoted name; cells are read at run time.
 */
function rowMaker(fields: readonly (string | null)[], numeric: readonly boolean[], defaults: Row): (cells: readonly string[], csv: CsvReader) => Row {
  const sources = new Map<string, number[]>(Object.keys(defaults).map((f) => [f, []]));
  fields.forEach((f, j) => {
    if (f === null) return;
    const from = sources.get(f);
    if (from) from.push(j);
    else sources.set(f, [j]);
  });
  const initial: unknown[] = [];
  const props = [...sources].map(([field, from], i) => {
    initial.push(field in defaults ? defaults[field] : null);
    const value = from.reduce((otherwise, j) => `c[${j}] !== '' ? ${numeric[j] ? `n(c[${j}])` : `c[${j}]`} : q.isQuotedEmpty(${j}) ? '' : ${otherwise}`, `d[${i}]`);
    return `${JSON.stringify(field)}: ${value}`;
  });
  const make = new Function('n', 'd', `return (c, q) => ({ ${props.join(', ')} });`) as (n: typeof coerceNumber, d: unknown[]) => (cells: readonly string[], csv: CsvReader) => Row;
  return make(coerceNumber, initial);
}

/**
 * Refuses a package whose listed files add up to more than the size cap before any is read: read one by
 * one, a 500,000-service package was parsed for 26 s before a cap stopped it. Each file counts once
 * however often it is listed; the reading loop names a path listed twice or pointing outside.
 */
function refuseListedOverBytes(src: FileSource, prefix: string, resources: Resource[], label: string): void {
  const paths = new Set<string>();
  for (const r of resources) if (typeof r.path === 'string' && !isUnsafeEntryName(r.path)) paths.add(samePath(r.path));
  let total = 0;
  for (const path of paths) total += src.size(prefix + path) ?? 0;
  refuseOverBytes(total, label);
}

/** One spelling per file: "./services.csv" and "services.csv" are the same file. */
const samePath = (path: string) => path.split('/').filter((p) => p !== '' && p !== '.').join('/');

/**
 * Older packages reference loosely: a term's parent that was never published, a metadata row with no
 * resource type. Those links are dropped (with a warning) or filled from the id they point to.
 */
function resolveLegacyReferences(tables: ReturnType<typeof emptyTables>, problems: Problem[], origins: Origins): void {
  const termIds = new Set(tables.taxonomy_term.map((t) => String(t.id)));
  for (const t of tables.taxonomy_term) {
    if (t.parent_id != null && !termIds.has(String(t.parent_id))) {
      problems.push(problemAt(origins.get(t), 'parent_id', `parent term "${String(t.parent_id)}" is not in the package; the link was dropped`, 'warning'));
      t.parent_id = null;
    }
  }
  const owner = new Map<string, HsdsTable>();
  for (const table of HSDS_TABLES) for (const r of tables[table]) if (!owner.has(String(r.id))) owner.set(String(r.id), table);
  for (const m of tables.metadata) if (m.resource_type == null) m.resource_type = owner.get(String(m.resource_id)) ?? null;
}
