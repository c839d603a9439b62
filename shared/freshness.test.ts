import { describe, expect, it } from 'vitest';
import { isVerifiedWithinMonths } from './freshness';

describe('isVerifiedWithinMonths', () => {
  const now = new Date('2026-11-23T12:00:00Z');
  it('counts a date exactly 12 months back as recent and the day before as stale', () => {
    expect(isVerifiedWithinMonths('2025-11-23', 12, now)).toBe(true);
    expect(isVerifiedWithinMonths('2025-11-22', 12, now)).toBe(false);
    expect(isVerifiedWithinMonths('2026-06-01T08:00:00Z', 12, now)).toBe(true);
  });
  it('treats a missing or unreadable date as not verified', () => {
    expect(isVerifiedWithinMonths(null, 12, now)).toBe(false);
    expect(isVerifiedWithinMonths('last spring', 12, now)).toBe(false);
  });
});
