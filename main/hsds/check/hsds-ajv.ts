import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { HSDS_SCHEMAS, type HsdsProperty } from './schemas';
import { foreignKeys } from '../read/table-info';
import type { HsdsTable } from '../../db/hsds-tables';

const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const URN = 'urn:uuid:';

/**
 * ajv-formats' "uuid" (8-4-4-4-12 hex digits, in either case, optionally after "urn:uuid:"), tested a
 * character at a time: every row's id is one, and its regular expression was a tenth of a check's time.
 */
export function isUuidFormat(value: string): boolean {
  const from = value.length === 36 + URN.length && value.slice(0, URN.length).toLowerCase() === URN ? URN.length : 0;
  if (value.length - from !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(from + i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !(c < 128 && HEX[c] === 1)) return false;
  }
  return true;
}

/** The schemas carry documentation keywords (name, constraints, example...) that strict mode would reject. */
const newAjv = () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('uuid', isUuidFormat);
  return ajv;
};

let full: Ajv2020 | null = null;

/** Validates a nested HSDS object (service-centric JSON) against the official schema, $refs resolved by file name. */
export function fullSchemaValidator(schemaFile: string): ValidateFunction {
  if (!full) {
    full = newAjv();
    for (const [name, schema] of Object.entries(HSDS_SCHEMAS)) full.addSchema(schema, name);
  }
  const v = full.getSchema(schemaFile);
  if (!v) throw new Error(`No HSDS schema named ${schemaFile}`);
  return v;
}

const SCALAR = new Set(['string', 'number', 'integer', 'boolean']);

const scalarCache = new Map<HsdsTable, Record<string, HsdsProperty>>();

/** A table's scalar fields with their schema (nested arrays and objects are other tables). */
export function scalarFields(table: HsdsTable): Record<string, HsdsProperty> {
  let fields = scalarCache.get(table);
  if (!fields) {
    const schema = HSDS_SCHEMAS[`${table}.json`];
    fields = schema ? Object.fromEntries(Object.entries(schema.properties).filter(([, p]) => !p.$ref && p.type && SCALAR.has(p.type))) : {};
    scalarCache.set(table, fields);
  }
  return fields;
}

let flatAjv: Ajv2020 | null = null;
const flat = new Map<HsdsTable, ValidateFunction | undefined>();

/**
 * One validator per table for the tabular form: the official field types, formats and enums, and the
 * fields the spec requires (its `required` plus `tabular_required`, limited to scalar fields). Each is
 * compiled when its table is first checked: compiling them all at once held the thread for a long step.
 */
export function tableValidator(table: HsdsTable): ValidateFunction | undefined {
  if (!flat.has(table)) flat.set(table, compileTableValidator(table));
  return flat.get(table);
}

function compileTableValidator(table: HsdsTable): ValidateFunction | undefined {
  const schema = HSDS_SCHEMAS[`${table}.json`];
  if (!schema) return undefined;
  // null stands for "not given" in a table row, so optional fields accept it (and rows need no copying).
  const required = new Set(requiredFields(table));
  // A reference is checked by resolving it (validate.ts); the id it points to carries any format warning.
  const references = new Set((foreignKeys().get(table) ?? []).map((fk) => fk.column));
  const properties = Object.fromEntries(
    Object.entries(scalarFields(table)).map(([k, p]) => {
      const nullable = !required.has(k);
      const format = p.format && !references.has(k) ? { format: p.format } : {};
      return [k, { type: nullable ? [p.type, 'null'] : p.type, ...format, ...(p.enum ? { enum: nullable ? [...p.enum, null] : p.enum } : {}) }];
    }),
  );
  return (flatAjv ??= newAjv()).compile({ type: 'object', properties, required: [...required] });
}

/** Fields a table row must have: the schema's `required` plus `tabular_required`, limited to scalar fields. */
export function requiredFields(table: HsdsTable): string[] {
  const schema = HSDS_SCHEMAS[`${table}.json`];
  const scalar = scalarFields(table);
  return [...new Set([...(schema?.required ?? []), ...(schema?.tabular_required ?? [])])].filter((f) => f in scalar);
}
