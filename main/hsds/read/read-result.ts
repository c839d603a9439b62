import type { ColumnMapping, DatasetFormat } from '../../../shared/import-types';
import type { Origins, Problem } from '../check/problems';
import type { TableRows } from '../../db/hsds-tables';

/** A dataset read into HSDS 3.1 tables, with every problem found on the way and where each row came from. */
export interface ReadResult {
  format: DatasetFormat;
  tables: TableRows;
  problems: Problem[];
  origins: Origins;
  /**
   * Whether every text value was found, as it was read, to be one the validator would take (no control
   * character, within the length limit: check/text-values.ts), so it need not look again.
   */
  textChecked?: boolean;
  /** The dataset's own name and version, where it states them (datapackage.json). */
  name?: string;
  version?: string;
  /** Spreadsheets only. */
  mapping?: ColumnMapping;
}
