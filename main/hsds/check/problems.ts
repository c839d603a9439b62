import type { DatasetProblem } from '../../../shared/import-types';
import type { Row } from '../../db/hsds-tables';

export type Level = 'error' | 'warning';
export interface Problem extends DatasetProblem {
  level: Level;
}

/** Where a row came from, so a problem found after flattening still names the file and row. */
export interface Origin {
  file: string;
  row: number | null;
  /** JSON path of the object the row was flattened from. */
  path?: string;
}
/** Where each row came from: a map of them, or one kept more compactly (row-origins.ts). */
export interface Origins {
  get(row: Row): Origin | undefined;
}

/** Thrown for input that cannot be read at all (truncated zip, not UTF-8...): the message names what and where. */
export class DatasetReadError extends Error {
  constructor(readonly problem: DatasetProblem) {
    super(`${problem.file}${problem.row != null ? `, row ${problem.row}` : ''}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`);
  }
}

export const problemAt = (origin: Origin | undefined, field: string | null, message: string, level: Level = 'error'): Problem => ({
  file: origin?.file ?? '(dataset)',
  row: origin?.row ?? null,
  field: origin?.path && field ? `${origin.path}.${field}` : (origin?.path ?? field),
  message,
  level,
});

/** The most problems of each kind a report lists: a file wrong on every row would otherwise send millions. */
export const LISTED_PROBLEMS = 1000;

/** Errors and warnings, each list capped at LISTED_PROBLEMS, with how many there are in all. */
export function splitProblems(problems: Problem[]): { errors: DatasetProblem[]; warnings: DatasetProblem[]; errorCount: number; warningCount: number } {
  const strip = ({ file, row, field, message, like }: Problem): DatasetProblem => ({ file, row, field, message, ...(like ? { like } : {}) });
  const errors = problems.filter((p) => p.level === 'error');
  const warnings = problems.filter((p) => p.level === 'warning');
  return {
    errors: errors.slice(0, LISTED_PROBLEMS).map(strip),
    warnings: warnings.slice(0, LISTED_PROBLEMS).map(strip),
    errorCount: errors.length,
    warningCount: warnings.length,
  };
}
