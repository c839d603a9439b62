import { scalarFields } from '../check/hsds-ajv';
import type { HsdsTable } from '../../db/hsds-tables';

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV cells are text; the schema says which fields are numbers. A numeric-looking cell becomes a number,
 * an empty cell becomes null, anything else is left as text for the validator to name.
 */
export function coerceCell(table: HsdsTable, field: string, value: string): unknown {
  if (value === '') return null;
  const type = scalarFields(table)[field]?.type;
  if ((type === 'number' || type === 'integer') && NUMERIC.test(value.trim())) return Number(value);
  return value;
}
