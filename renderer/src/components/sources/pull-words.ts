import type { TFunction } from 'i18next';
import type { PullResult, SourceKind, SourcePullSummary } from '../../../../shared/domain';

/** The kinds of source a desk pulls from an address: only these have Pull, Pause and an address worth showing. */
export const isPulled = (kind: SourceKind): kind is 'hsds-api' | 'datapackage' => kind === 'hsds-api' || kind === 'datapackage';

/**
 * A pull's outcome in words, as the Sources screen shows it: the counts ("12 added, 3 changed, 1 removed,
 * 2 left out") when it worked, main's sentence saying why when it did not. Main's sentences are English on
 * both screens, as every error from main is.
 */
export function pullResultText(result: PullResult, t: TFunction): string {
  // The refusal for want of a yes to removals, the one failure that carries counts: main words it for the
  // command line (--allow-removals); here Pull asks the question.
  if (!result.ok && result.removed > 0) return t('sourcePullNeedsYes', { count: result.removed });
  if (!result.ok) return result.error ?? t('sourcePullFailed');
  return t('sourcePullCounts', { added: result.added, changed: result.changed, removed: result.removed, left: result.quarantined });
}

/** The channel's answer as the stored result reads it, so a pull just made is worded as the list words it. */
export function resultOfSummary(s: SourcePullSummary): PullResult {
  return { ok: s.ok, added: s.added, changed: s.changed, removed: s.removed, quarantined: s.quarantined.length, error: s.ok ? null : s.errors.join(' ') || null };
}

/**
 * Whether a refused pull is main asking for the yes a pull removing more than half of the source needs
 * (main/hsds/install/removals.ts): the only refusal that comes back with its counts, every other failure
 * answering zeros. `installed` is what the source held when the list was read.
 */
export function removalsToConfirm(s: SourcePullSummary, installed: number): { removed: number; installed: number } | null {
  if (s.ok || s.removed === 0) return null;
  return { removed: s.removed, installed: Math.max(installed, s.removed) };
}
