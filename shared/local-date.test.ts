import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDateStamp } from './local-date';

describe('localDateStamp', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('gives the date on the desk clock, not the UTC one, at 9 pm in California', () => {
    vi.stubEnv('TZ', 'America/Los_Angeles');
    expect(localDateStamp(new Date('2026-12-06T05:00:00Z'))).toBe('2026-12-05');
    vi.stubEnv('TZ', 'UTC');
    expect(localDateStamp(new Date('2026-12-06T05:00:00Z'))).toBe('2026-12-06');
  });
});
