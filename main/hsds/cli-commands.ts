import { writeFileSync } from 'node:fs';
import type { ColumnMapping, DatasetProblem, ImportReport } from '../../shared/import-types';
import type { Db, ReadDb } from '../db/open';
import { applyChecked, checkDataset, markingConfidential, type CheckedDataset } from './install/apply';
import { exportDatapackage, writeDatapackage } from './export/export-datapackage';
import { exportTables } from './export/export-common';
import { readSourceTables } from '../sources/source-tables';
import { checkSourceName, storedSource } from '../sources/source-target';
import { exportHsdsJson } from './export/export-json';
import { loadMapping } from './read/mapping-store';
import { needsRemovalConsent, removalRefusal, removalsFrom } from './install/removals';
import { rollback } from './install/rollback';
import { installTarget } from './install/install-dataset';
import { SPREADSHEET_FIELDS } from './read/spreadsheet';

/** The coordinator's import commands for cli.ts: each returns the exit code. */

type Out = (s: string) => void;

/** Thrown for a command line that cannot be carried out as written; nothing has been changed. */
export class UsageError extends Error {}

/** Parses repeated `--map "Column=field"` options (an empty field: leave the column out), refusing a field no column can feed. */
export function parseMapEdits(specs: string[]): ColumnMapping {
  const edits: ColumnMapping = {};
  for (const spec of specs) {
    const at = spec.lastIndexOf('=');
    if (at <= 0) throw new UsageError(`--map "${spec}" must be "Column name=field", e.g. --map "Phone Number=phone.number".`);
    const column = spec.slice(0, at).trim();
    const field = spec.slice(at + 1).trim();
    if (field !== '' && !(field in SPREADSHEET_FIELDS)) {
      throw new UsageError(`--map "${spec}": "${field}" is not a field a column can feed. Use one of: ${Object.keys(SPREADSHEET_FIELDS).join(', ')} (or nothing after "=" to leave the column out).`);
    }
    edits[column] = field === '' ? null : field;
  }
  return edits;
}

/** What the check commands take beside the path: --map edits, and the area table's test of area names. */
export interface CheckFlags {
  edits: ColumnMapping;
  knownArea?: (name: string) => boolean;
  /** `--source NAME`: the source it would replace, instead of the one named after the file. */
  sourceName?: string;
}

/**
 * Checks a dataset as the app does: a spreadsheet with the mapping saved for it, corrected by any --map
 * edits (which an import then saves, as applying does in the app). Edits for a file that is not a
 * spreadsheet, or for a column it does not have, are refused before anything is written.
 */
function check(db: ReadDb, path: string, { edits, knownArea, sourceName }: CheckFlags): CheckedDataset {
  const badName = sourceName === undefined ? null : checkSourceName(sourceName);
  if (badName) throw new UsageError(`--source: ${badName}`);
  const options = { ...(knownArea ? { knownArea } : {}), ...(sourceName ? { sourceName } : {}) };
  if (Object.keys(edits).length === 0) return checkDataset(db, path, options);
  const checked = checkDataset(db, path, { mapping: { ...loadMapping(db, path), ...edits }, ...options });
  const columns = checked.report.mapping;
  if (!columns) {
    if (!checked.report.format) return checked; // unreadable: its own error says why
    throw new UsageError('--map is for spreadsheets (.csv, one row per service); this dataset names its own fields.');
  }
  const unknown = Object.keys(edits).filter((c) => !(c in columns));
  if (unknown.length > 0) {
    throw new UsageError(`--map: the spreadsheet has no column ${unknown.map((c) => `"${c}"`).join(', ')}. Its columns are: ${Object.keys(columns).map((c) => `"${c}"`).join(', ')}.`);
  }
  return checked;
}

function printMapping(out: Out, report: ImportReport): void {
  if (!report.mapping) return;
  out('Columns:\n');
  for (const [column, field] of Object.entries(report.mapping)) out(`  ${column} -> ${field ?? '(not imported)'}\n`);
}

const problemLine = (kind: string, p: DatasetProblem) =>
  `${kind}: ${p.file}${p.row != null ? `, row ${p.row}` : ''}${p.field ? `, ${p.field}` : ''}: ${p.message}\n`;

function printProblems(out: Out, report: ImportReport): void {
  for (const e of report.errors) out(problemLine('error', e));
  if (report.errorCount > report.errors.length) out(`... and ${report.errorCount - report.errors.length} more error(s), not listed\n`);
  for (const w of report.warnings) out(problemLine('warning', w));
  if (report.warningCount > report.warnings.length) out(`... and ${report.warningCount - report.warnings.length} more warning(s), not listed\n`);
  for (const s of report.unflaggedShelters) {
    out(`warning: shelter site ${s.locationId} (${s.services.join('; ')}) at ${s.place} has no confidential flag: it would be shown, mapped and exported. If it is a safe house, import with --mark-confidential ${s.locationId} (or all).\n`);
  }
}

/** The sites `--mark-confidential all|ID,ID...` names: all of the report's unflagged shelters, or those ids. */
function sitesToMark(report: ImportReport, spec: string | undefined): string[] {
  if (spec === undefined) return [];
  if (spec.trim() === 'all') return report.unflaggedShelters.map((s) => s.locationId);
  const ids = spec.split(',').map((id) => id.trim()).filter(Boolean);
  if (ids.length === 0) throw new UsageError('--mark-confidential needs "all" or location ids separated by commas.');
  return ids;
}

/** The problem lists as --json prints them: the first 1,000 of each, and how many there are in all. */
const problems = (r: ImportReport) => ({ errors: r.errors, error_count: r.errorCount, warnings: r.warnings, warning_count: r.warningCount });

function printDiff(out: Out, report: ImportReport): void {
  const d = report.diff;
  if (!d) return;
  if (d.identical) {
    out('No changes: the installed directory already matches.\n');
    return;
  }
  out(`${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed service(s)\n`);
  for (const s of d.added) out(`+ ${s.name} (${s.id})\n`);
  for (const s of d.removed) out(`- ${s.name} (${s.id})\n`);
  for (const s of d.changed) {
    out(`~ ${s.name} (${s.id})\n`);
    for (const f of s.fields) out(`    ${f.field}: ${f.old ?? '(empty)'} -> ${f.new ?? '(empty)'}\n`);
  }
  for (const [table, c] of Object.entries(d.tables)) {
    if (c.added || c.removed || c.changed) out(`  ${table}: +${c.added} ~${c.changed} -${c.removed} rows\n`);
  }
  for (const n of report.notesOnRemoved) out(`note kept on removed service ${n.serviceName} (${n.serviceId}): ${n.note}\n`);
}

/** A spreadsheet's JSON output also says which column fed which field. */
const withMapping = (r: ImportReport) => (r.mapping ? { mapping: r.mapping } : {});

const summary = (r: ImportReport) => ({
  ok: r.ok,
  added: r.diffCounts?.added ?? 0,
  changed: r.diffCounts?.changed ?? 0,
  removed: r.diffCounts?.removed ?? 0,
  ...problems(r),
  unflagged_shelters: r.unflaggedShelters,
  ...withMapping(r),
});

export function validateCommand(db: ReadDb, path: string, options: CheckFlags & { json: boolean }, out: Out): number {
  const { report } = check(db, path, options);
  if (options.json) out(`${JSON.stringify({ ok: report.ok, format: report.format, services: report.services, ...problems(report), ...withMapping(report) })}\n`);
  else {
    printMapping(out, report);
    printProblems(out, report);
    out(`${report.ok ? 'valid' : 'NOT valid'}: ${report.services} service(s), ${report.errorCount} error(s), ${report.warningCount} warning(s)\n`);
  }
  return report.ok ? 0 : 1;
}

export function importCommand(
  db: Db,
  path: string,
  options: CheckFlags & { dryRun: boolean; json: boolean; markConfidential?: string; allowRemovals?: boolean },
  out: Out,
): number {
  const checked = check(db, path, options);
  const { report } = checked;
  const marked = sitesToMark(report, options.markConfidential);
  let toApply: CheckedDataset;
  try {
    toApply = markingConfidential(checked, marked);
  } catch (e) {
    throw new UsageError(`--mark-confidential: ${(e as Error).message}`);
  }
  const removals = checked.tables ? removalsFrom(db, checked.tables, installTarget(db, checked.identity).name) : null;
  const unconfirmed = removals !== null && needsRemovalConsent(removals) && !options.allowRemovals ? removalRefusal(removals, 'run the import again with --allow-removals if that is what you mean') : null;
  const ok = report.ok && (options.dryRun || unconfirmed === null);
  if (ok && !options.dryRun) applyChecked(db, toApply);
  if (options.json) out(`${JSON.stringify({ ...summary(report), ok, ...(ok || !report.ok ? {} : { error: unconfirmed }), marked_confidential: ok ? marked : [] })}\n`);
  else {
    printMapping(out, report);
    printProblems(out, report);
    printDiff(out, report);
    if (ok && marked.length > 0) out(`${options.dryRun ? 'Would mark' : 'Marked'} ${marked.length} shelter site(s) confidential: ${marked.join(', ')}\n`);
    if (report.ok && unconfirmed !== null) out(`${options.dryRun ? 'Importing it would need --allow-removals' : 'Not imported'}: ${unconfirmed}\n`);
    if (!report.ok) out('Not imported: fix the errors above; nothing was changed.\n');
    else if (ok) out(options.dryRun ? 'Dry run: nothing was changed.\n' : 'Imported. `referral-atlas rollback` restores the previous version.\n');
  }
  return ok ? 0 : 1;
}

export function diffCommand(db: ReadDb, path: string, flags: CheckFlags, out: Out): number {
  const { report } = check(db, path, flags);
  printMapping(out, report);
  printProblems(out, report);
  printDiff(out, report);
  return report.ok ? 0 : 1;
}

export function rollbackCommand(db: Db, out: Out): number {
  const r = rollback(db);
  out(`Rolled back to ${r.datasetId}${r.version ? ` ${r.version}` : ''} (${r.services} services).\n`);
  return 0;
}

/** `--source NAME` exports one source with its ids as its publisher wrote them, so importing it back into that source changes nothing. */
export function exportCommand(db: ReadDb, format: string | undefined, outPath: string, out: Out, source?: string): number {
  if (format !== 'hsds-json' && format !== 'hsds-datapackage') {
    process.stderr.write('export needs --format hsds-json or --format hsds-datapackage\n');
    return 2;
  }
  if (source !== undefined && !storedSource(db, source)) throw new UsageError(`--source: there is no source named "${source}" (see \`source list\`).`);
  const tables = source === undefined ? undefined : readSourceTables(db, source);
  if (format === 'hsds-json') {
    writeFileSync(outPath, `${JSON.stringify(exportHsdsJson(db, tables), null, 2)}\n`);
    out(`Wrote ${outPath}\n`);
    return 0;
  }
  const files = tables ? writeDatapackage(exportTables(tables), outPath, { name: source!, version: null }) : exportDatapackage(db, outPath);
  out(`Wrote ${files.length} files to ${outPath}\n`);
  return 0;
}
