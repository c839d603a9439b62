import { DIFF_SHOWN, type DatasetDiff, type DiffCounts } from '../../../shared/import-types';

/** How many services a diff adds, changes and removes. */
export const diffCounts = (d: DatasetDiff): DiffCounts => ({ added: d.added.length, changed: d.changed.length, removed: d.removed.length });

/**
 * A diff as a screen is sent it: the first DIFF_SHOWN services of each list, diffCounts saying how many
 * in all. Whole, a statewide directory's lists took the window's thread some 60 ms to receive from the
 * thread that compared them, for a screen that names a few dozen.
 */
export const shownDiff = (d: DatasetDiff): DatasetDiff => ({
  ...d,
  added: d.added.slice(0, DIFF_SHOWN),
  changed: d.changed.slice(0, DIFF_SHOWN),
  removed: d.removed.slice(0, DIFF_SHOWN),
});
