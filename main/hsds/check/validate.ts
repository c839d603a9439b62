import type { ErrorObject } from 'ajv';
import { dateProblem, languageCodeProblem, phoneProblem } from './field-checks';
import { foreignKeys, storedRequired } from '../read/table-info';
import { requiredFields, scalarFields, tableValidator } from './hsds-ajv';
import type { RowsLikeIt } from '../../../shared/import-types';
import { problemAt, type Origins, type Problem } from './problems';
import { textValueProblem } from './text-values';
import { eachInBatches, runSteps, type Steps } from '../../jobs/steps';
import { HSDS_TABLES, type HsdsTable, type Row, type TableRows } from '../../db/hsds-tables';

/** Formats that identify rather than describe: a non-UUID id or an odd URL is worth a warning, not a refusal. */
const SOFT_FORMATS = new Set(['uuid', 'uri', 'email']);
const DATE_TYPES = new Set(['date', 'datetime', 'time']);

/** An empty CSV cell is already null (coerce.ts); an empty string in JSON is a value the author wrote. */
const present = (v: unknown) => v !== null && v !== undefined;

/**
 * The row as the schema should see it: a required field that is null is missing (so "required" fires),
 * and an empty string where the directory can do without the field counts as not given.
 */
function withoutOptionalBlanks(row: Row, schemaRequired: Set<string>, stored: Set<string>): Row {
  let copy: Row | null = null;
  for (const k in row) {
    const v = row[k];
    if ((v === null || v === undefined) && schemaRequired.has(k)) (copy ??= { ...row })[k] = undefined;
    else if (v === '' && !stored.has(k)) (copy ??= { ...row })[k] = schemaRequired.has(k) ? undefined : null;
  }
  if (!copy) return row;
  for (const k in copy) if (copy[k] === undefined) delete copy[k];
  return copy;
}

/**
 * A field HSDS requires is an error when the directory cannot hold the row without it (an id, a
 * service's name, a phone's number); otherwise (an address without a ZIP) a warning, so that partial
 * but true records (a city and no street) still come in and nothing is invented to fill the gap.
 */
function schemaProblem(table: HsdsTable, e: ErrorObject): { field: string | null; message: string; level: 'error' | 'warning'; rule?: RowsLikeIt['rule'] } | null {
  const field = e.instancePath.replace(/^\//, '') || null;
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      return storedRequired(table).has(missing)
        ? { field: missing, message: 'is required', level: 'error' }
        : { field: missing, message: 'is required by HSDS 3.1 but missing; imported without it', level: 'warning', rule: 'missing' };
    }
    case 'type':
      return { field, message: `must be a ${String(e.params.type)}`, level: 'error' };
    case 'enum':
      return { field, message: `must be one of: ${(e.params.allowedValues as string[]).join(', ')}`, level: 'error' };
    case 'format':
      if (!SOFT_FORMATS.has(String(e.params.format))) return null; // dates are checked below, with a clearer message
      return { field, message: `is not a valid ${String(e.params.format)}`, level: 'warning', rule: String(e.params.format) as RowsLikeIt['rule'] };
    default:
      return { field, message: e.message ?? 'is invalid', level: 'error' };
  }
}

function firstRowOfEachId(rows: readonly Row[]): Map<string, Row> {
  const first = new Map<string, Row>();
  for (const row of rows) if (typeof row.id === 'string' && !first.has(row.id)) first.set(row.id, row);
  return first;
}

/**
 * Everything that must hold before a dataset may replace the directory: the official schema's types,
 * required fields and enums per row; unique ids; foreign keys that resolve; coordinates in range;
 * dialable phone numbers; language codes; real dates. Errors block an import, warnings do not.
 */
export const validateDataset = (tables: TableRows, origins: Origins = new Map()): Problem[] => runSteps(validateSteps(tables, origins));

/** Rows checked between progress reports. */
const CHECK_BATCH = 5_000;
/** Rows whose references, points, phones and language codes are checked between two yields. */
const REFERENCE_BATCH = 20_000;

/**
 * validateDataset, yielding every CHECK_BATCH rows of the per-row checks (most of its time). With
 * `textChecked` the texts are known to pass textValueProblem already (ReadResult.textChecked).
 */
export function* validateSteps(tables: TableRows, origins: Origins = new Map(), textChecked = false): Steps<Problem[]> {
  const problems: Problem[] = [];
  const at = (row: Row, field: string | null, message: string, level: 'error' | 'warning' = 'error') =>
    problems.push(problemAt(origins.get(row), field, message, level));
  /** A source that uses non-UUID ids (or never gives a ZIP) does so on every row: one warning per file and field, with a count. */
  const soft = new Map<string, { problem: Problem; count: number; table: HsdsTable; rule: RowsLikeIt['rule'] }>();
  const softAt = (table: HsdsTable, row: Row, field: string, message: string, rule: RowsLikeIt['rule']) => {
    const origin = origins.get(row);
    const key = `${origin?.file ?? ''}\u0000${table}\u0000${field}\u0000${message}`;
    const seen = soft.get(key);
    if (seen) seen.count++;
    else soft.set(key, { problem: problemAt(origin, field, message, 'warning'), count: 1, table, rule });
  };

  /** Each table's ids, for finding duplicates and resolving references. */
  const ids = new Map<HsdsTable, Set<string>>();
  const total = HSDS_TABLES.reduce((n, t) => n + tables[t].length, 0);
  let done = 0;
  for (const table of HSDS_TABLES) {
    // A table's validator is compiled on its first check: that takes a step of its own.
    yield { step: 'checking', done, total };
    const seen = new Set<string>();
    let firstRows: Map<string, Row> | null = null;
    const validate = tableValidator(table);
    const required = storedRequired(table);
    const schemaRequired = new Set(requiredFields(table));
    const fields = scalarFields(table);
    const dateFields = Object.entries(fields).filter(([, p]) => p.datapackage_type && DATE_TYPES.has(p.datapackage_type));
    for (const row of tables[table]) {
      if (++done % CHECK_BATCH === 0) yield { step: 'checking', done, total };
      const id = row.id;
      // One look-up per id (a statewide package has 700,000): the first row to use each is found only for a duplicate.
      if (typeof id === 'string' && id !== '' && seen.size === seen.add(id).size) {
        const o = origins.get((firstRows ??= firstRowOfEachId(tables[table])).get(id)!);
        at(row, 'id', `duplicate ${table} id "${id}" (first used${o ? ` in ${o.file}${o.row != null ? ` row ${o.row}` : ''}` : ''})`);
      }
      if (validate) {
        if (!validate(withoutOptionalBlanks(row, schemaRequired, required))) {
          const errors = validate.errors ?? [];
          // A value outside an enum also fails its type when it is not even text: the list of allowed values says more.
          const enumAt = new Set(errors.filter((e) => e.keyword === 'enum').map((e) => e.instancePath));
          for (const e of errors) {
            if (e.keyword === 'type' && enumAt.has(e.instancePath)) continue;
            const p = schemaProblem(table, e);
            if (p?.level === 'warning' && p.rule) softAt(table, row, p.field ?? '', p.message, p.rule);
            else if (p) at(row, p.field, p.message, p.level);
          }
        }
      }
      if (!textChecked) {
        for (const field in row) {
          const v = row[field];
          if (typeof v === 'string') {
            const msg = textValueProblem(v);
            if (msg) at(row, field, msg);
          }
        }
      }
      for (const [field, prop] of dateFields) {
        const v = row[field];
        if (typeof v === 'string' && v !== '') {
          const msg = dateProblem(v, prop.datapackage_type!);
          if (msg) at(row, field, msg);
        }
      }
    }
    ids.set(table, seen);
  }

  // The checks below need every id first; they are quicker per row, so they go by larger batches.
  const finishing = { step: 'checking', done: total, total } as const;
  const inBatches = (rows: readonly Row[], each: (row: Row) => void) => eachInBatches(rows, REFERENCE_BATCH, finishing, each);
  for (const table of HSDS_TABLES) {
    const fks = foreignKeys().get(table) ?? [];
    if (fks.length === 0) continue;
    const targets = fks.map((fk) => ids.get(fk.target)!);
    // Rows that follow each other often point to the same row (the services of one organization): it is looked up once.
    const found: unknown[] = fks.map(() => undefined);
    yield* inBatches(tables[table], (row) => {
      for (let k = 0; k < fks.length; k++) {
        const v = row[fks[k]!.column];
        if (!present(v) || v === found[k]) continue;
        if (targets[k]!.has(String(v))) found[k] = v;
        else at(row, fks[k]!.column, `points to ${fks[k]!.target} "${String(v)}", which is not in the dataset`);
      }
    });
  }
  yield* inBatches(tables.attribute, (row) => {
    const target = ids.get(row.link_entity as HsdsTable);
    if (present(row.link_id) && target && !target.has(String(row.link_id))) {
      at(row, 'link_id', `points to ${String(row.link_entity)} "${String(row.link_id)}", which is not in the dataset`);
    }
  });

  yield* inBatches(tables.location, (row) => {
    const { latitude: lat, longitude: lon } = row;
    if (typeof lat === 'number' && (lat < -90 || lat > 90)) at(row, 'latitude', `${lat} is not a latitude (-90 to 90)`);
    if (typeof lon === 'number' && (lon < -180 || lon > 180)) at(row, 'longitude', `${lon} is not a longitude (-180 to 180)`);
    if (present(lat) !== present(lon)) at(row, present(lat) ? 'longitude' : 'latitude', 'a point needs both latitude and longitude', 'warning');
    if (lat === 0 && lon === 0) at(row, 'latitude', 'the point 0,0 is in the Atlantic: probably a missing location', 'warning');
  });
  yield* inBatches(tables.phone, (row) => {
    if (typeof row.number === 'string' && row.number !== '') {
      const msg = phoneProblem(row.number);
      if (msg) at(row, 'number', msg);
    }
  });
  // A directory uses a handful of codes on many rows, and looking one up in ICU is slow.
  const codeProblems = new Map<string, ReturnType<typeof languageCodeProblem>>();
  yield* inBatches(tables.language, (row) => {
    if (typeof row.code === 'string' && row.code !== '') {
      let p = codeProblems.get(row.code);
      if (p === undefined) codeProblems.set(row.code, (p = languageCodeProblem(row.code)));
      if (p) at(row, 'code', p.message, p.level);
    }
  });
  for (const { problem, count, table, rule } of soft.values()) {
    const like: RowsLikeIt = { rows: count, table, column: problem.field?.split(/[./]/).pop() ?? '', rule };
    problems.push({ ...problem, like, ...(count > 1 ? { message: `${problem.message} (and ${count - 1} more row(s) like it)` } : {}) });
  }
  return problems;
}
