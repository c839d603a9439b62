/**
 * Whether a "verified on" date (HSDS assured_date, YYYY-MM-DD or a full timestamp) is older than the
 * given number of months at `now`. A missing or unreadable date counts as stale: it was never verified.
 */
export function isVerifiedWithinMonths(assuredDate: string | null, months: number, now: Date): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(assuredDate ?? '');
  if (!m) return false;
  const limit = new Date(now.getTime());
  limit.setUTCMonth(limit.getUTCMonth() - months);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) >= Date.UTC(limit.getUTCFullYear(), limit.getUTCMonth(), limit.getUTCDate());
}

/** After this many months without verification the detail pane warns the worker to call first. */
export const STALE_AFTER_MONTHS = 12;
