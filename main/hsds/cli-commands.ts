import { writeFileSync } from 'node:fs';
import type { DatasetProblem, ImportReport } from '../../shared/import-types';
import type { Db } from '../db/open';
import { applyChecked, checkDataset } from './apply';
import { exportDatapackage } from './export-datapackage';
import { exportHsdsJson } from './export-json';
import { rollback } from './rollback';

/** The coordinator's import commands for cli.ts: each returns the exit code. */

type Out = (s: string) => void;

const problemLine = (kind: string, p: DatasetProblem) =>
  `${kind}: ${p.file}${p.row != null ? `, row ${p.row}` : ''}${p.field ? `, ${p.field}` : ''}: ${p.message}\n`;

function printProblems(out: Out, report: ImportReport): void {
  for (const e of report.errors) out(problemLine('error', e));
  for (const w of report.warnings) out(problemLine('warning', w));
}

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

const summary = (r: ImportReport) => ({
  ok: r.ok,
  added: r.diff?.added.length ?? 0,
  changed: r.diff?.changed.length ?? 0,
  removed: r.diff?.removed.length ?? 0,
  errors: r.errors,
  warnings: r.warnings,
});

export function validateCommand(db: Db, path: string, json: boolean, out: Out): number {
  const { report } = checkDataset(db, path);
  if (json) out(`${JSON.stringify({ ok: report.ok, format: report.format, services: report.services, errors: report.errors, warnings: report.warnings })}\n`);
  else {
    printProblems(out, report);
    out(`${report.ok ? 'valid' : 'NOT valid'}: ${report.services} service(s), ${report.errors.length} error(s), ${report.warnings.length} warning(s)\n`);
  }
  return report.ok ? 0 : 1;
}

export function importCommand(db: Db, path: string, options: { dryRun: boolean; json: boolean }, out: Out): number {
  const checked = checkDataset(db, path);
  const { report } = checked;
  if (report.ok && !options.dryRun) applyChecked(db, checked);
  if (options.json) out(`${JSON.stringify(summary(report))}\n`);
  else {
    printProblems(out, report);
    printDiff(out, report);
    out(!report.ok ? 'Not imported: fix the errors above; nothing was changed.\n' : options.dryRun ? 'Dry run: nothing was changed.\n' : 'Imported. `referral-atlas rollback` restores the previous version.\n');
  }
  return report.ok ? 0 : 1;
}

export function diffCommand(db: Db, path: string, out: Out): number {
  const { report } = checkDataset(db, path);
  printProblems(out, report);
  printDiff(out, report);
  return report.ok ? 0 : 1;
}

export function rollbackCommand(db: Db, out: Out): number {
  const r = rollback(db);
  out(`Rolled back to ${r.datasetId}${r.version ? ` ${r.version}` : ''} (${r.services} services).\n`);
  return 0;
}

export function exportCommand(db: Db, format: string | undefined, outPath: string, out: Out): number {
  if (format === 'hsds-json') {
    writeFileSync(outPath, `${JSON.stringify(exportHsdsJson(db), null, 2)}\n`);
    out(`Wrote ${outPath}\n`);
    return 0;
  }
  if (format === 'hsds-datapackage') {
    const files = exportDatapackage(db, outPath);
    out(`Wrote ${files.length} files to ${outPath}\n`);
    return 0;
  }
  process.stderr.write('export needs --format hsds-json or --format hsds-datapackage\n');
  return 2;
}
