import type { TFunction } from 'i18next';
import type { FieldChange } from '../../../../shared/import-types';

/** The column a row is named by: a phone's number is "Phone", any other column of it "Phone · extension". */
const MAIN_COLUMN: Record<string, string> = { phone: 'number', address: 'address_1', service: 'name', organization: 'name', location: 'name', language: 'code' };

/**
 * A changed field as a coordinator reads it ("Phone (voice)", "Address (physical) · city"), not as a
 * data path; the path stays in the CLI's output.
 */
export function fieldLabel(f: Pick<FieldChange, 'table' | 'column' | 'kind'>, t: TFunction): string {
  const table = t(`fieldTable_${f.table}`, { defaultValue: f.table.replace(/_/g, ' ') });
  const kind = f.kind ? ` (${t(`fieldKind_${f.kind}`, { defaultValue: f.kind })})` : '';
  const column = MAIN_COLUMN[f.table] === f.column ? '' : ` · ${t(`fieldColumn_${f.column}`, { defaultValue: f.column.replace(/_/g, ' ') })}`;
  return `${table}${kind}${column}`;
}
