import { afterAll, describe, expect, it } from 'vitest';
import { NATIONAL_HOTLINE_NUMBER } from '../../shared/referral-sheet';
import { createServiceReader } from '../db/service-read';
import { tempDb } from '../test-support/temp-db';

describe('the hotline block printed on every referral sheet', () => {
  const t = tempDb({ starter: true });
  afterAll(() => t.cleanup());

  it('carries the same number as the bundled directory record of the National Human Trafficking Hotline', () => {
    const { id } = t.db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string };
    const voice = createServiceReader(t.db).detail(id)!.phones.filter((p) => p.type === 'voice');
    expect(voice.map((p) => p.number)).toEqual([NATIONAL_HOTLINE_NUMBER]);
  });
});
