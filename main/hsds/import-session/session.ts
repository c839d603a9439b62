import type { ColumnMapping, ImportRemovalsToConfirm, ImportReport } from '../../../shared/import-types';
import type { Db, ReadDb } from '../../db/open';
import type { StepListener } from '../../jobs/steps';
import { applyCheckedAsync, checkDatasetAsync, markingConfidential, type CheckedDataset } from '../install/apply';
import { installTarget } from '../install/install-dataset';
import { shownDiff } from '../install/diff-shown';
import { needsRemovalConsent, removalRefusal, removalsFrom } from '../install/removals';

/** Which of its unflagged shelter sites to flag confidential, and whether the person said yes to removals. */
export interface ApplyChoice {
  markConfidential: string[];
  allowRemovals: boolean;
}

/**
 * One chosen file's import: check it (read, validate, compare), then, once the person has seen the
 * report, apply what was checked. What the check read is held by the session, not passed around: at
 * 100,000 services it is some hundreds of megabytes of rows (on-worker.ts keeps them on a worker thread).
 */
export interface ImportSession {
  check(mapping: ColumnMapping | undefined, listener: StepListener): Promise<ImportReport>;
  /** The removals to confirm first, or null when the checked dataset, flagged as chosen, is ready to apply. */
  choose(choice: ApplyChoice): Promise<ImportRemovalsToConfirm | null>;
  /** Writes what was chosen, in one transaction on a connection of its own. */
  apply(listener: StepListener): Promise<void>;
  /** Lets go of what the check read. */
  close(): void;
}

/** The report as the Import screen shows it: the first DIFF_SHOWN services of each list, the whole diff kept by the session. */
const shownReport = (report: ImportReport): ImportReport => (report.diff ? { ...report, diff: shownDiff(report.diff) } : report);

export const NOT_APPLICABLE = 'This dataset has errors and cannot be applied.';

/** The session on this thread, reading with `db` and writing on a connection `openWriter` opens for the apply. */
export function localImportSession(db: ReadDb, path: string, openWriter: () => Db, knownArea?: (name: string) => boolean): ImportSession {
  let checked: CheckedDataset | null = null;
  let chosen: CheckedDataset | null = null;
  return {
    async check(mapping, listener) {
      checked = chosen = null;
      checked = await checkDatasetAsync(db, path, { ...(mapping ? { mapping } : {}), ...(knownArea ? { knownArea } : {}) }, listener);
      return shownReport(checked.report);
    },
    async choose({ markConfidential, allowRemovals }) {
      chosen = null;
      if (!checked?.report.ok || !checked.tables) throw new Error(NOT_APPLICABLE);
      const marked = markingConfidential(checked, markConfidential);
      // Counted now, not when checked: another write may have changed the source since (removals.ts).
      const removals = removalsFrom(db, checked.tables, installTarget(db, checked.identity).name);
      if (needsRemovalConsent(removals) && !allowRemovals) return { state: 'confirm-removals', ...removals, message: removalRefusal(removals, 'confirm it to import anyway') };
      chosen = marked;
      return null;
    },
    async apply(listener) {
      if (!chosen) throw new Error(NOT_APPLICABLE);
      const writer = openWriter();
      try {
        await applyCheckedAsync(writer, chosen, listener);
      } finally {
        writer.close();
      }
    },
    close() {
      checked = chosen = null;
    },
  };
}
