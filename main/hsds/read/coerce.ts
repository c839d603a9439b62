import { scalarFields } from '../check/hsds-ajv';
import type { HsdsTable } from '../../db/hsds-tables';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Whether the schema says a field of this table is a number. */
export function isNumericField(table: HsdsTable, field: string): boolean {
  const type = scalarFields(table)[field]?.type;
  return type === 'number' || type === 'integer';
}

/** A non-empty cell of a number field: a number when it looks like one, else the text, for the validator to name. */
export const coerceNumber = (value: string): unknown => (NUMERIC.test(value.trim()) ? Number(value) : value);

/**
 * CSV cells are text; the schema says which fields are numbers. A numeric-looking cell becomes a number,
 * an empty cell becomes null, anything else is left as text for the validator to name.
 */
export function coerceCell(table: HsdsTable, field: string, value: string): unknown {
  if (value === '') return null;
  return isNumericField(table, field) ? coerceNumber(value) : value;
}
