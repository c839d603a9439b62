import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadMapping, saveMapping } from '../hsds/read/mapping-store';
import { createDeskSettings } from '../desk/desk-settings';
import { readMapSettings, writeMapSettings } from '../map/settings';
import { createSyncHandlers } from '../sync/handlers';
import { tempDb } from '../test-support/temp-db';
import { readSetting, writeSetting, type LocalSetting } from './local-settings';

const t = tempDb();
afterAll(() => t.cleanup());
const store = (key: string, value: string) =>
  t.db.prepare('INSERT INTO local_setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
const damaged = ['{not json', '', 'null', '42', '"text"', '{"unexpected":true}', '[1,2]'];

describe('desk settings in local_setting', () => {
  const zoom: LocalSetting<{ level: number }> = { key: 'test.zoom', schema: z.object({ level: z.number().int().min(1) }), fallback: { level: 7 } };

  it('gives back what was written, and the default when nothing was', () => {
    expect(readSetting(t.db, zoom)).toEqual({ level: 7 });
    writeSetting(t.db, zoom, { level: 12 });
    writeSetting(t.db, zoom, { level: 11 });
    expect(readSetting(t.db, zoom)).toEqual({ level: 11 });
  });

  it('falls back to the default, without throwing, on a stored value that is not JSON or fails its schema', () => {
    for (const value of [...damaged, '{"level":0}']) {
      store(zoom.key, value);
      expect(readSetting(t.db, zoom), value).toEqual({ level: 7 });
    }
  });

  it('keeps every reader of the desk to its safe default on damaged values', async () => {
    const desk = createDeskSettings(t.db);
    const sync = createSyncHandlers(t.db, t.path);
    const source = join(t.dir, 'shelters.csv');
    saveMapping(t.db, source, { Name: 'name', Notes: null });
    expect(loadMapping(t.db, source)).toEqual({ Name: 'name', Notes: null });
    writeMapSettings(t.db, { onlineTiles: true, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    expect(readMapSettings(t.db).onlineTiles).toBe(true);
    desk.setUiLanguage('es');
    expect(desk.settings().uiLanguage).toBe('es');
    await sync.syncSetPeriodic({ enabled: true });
    expect(sync.syncList().periodicCheck).toBe(true);
    await sync.syncSetPeriodic({ enabled: false });

    for (const value of damaged) {
      for (const key of ['ui_language', 'saved_referral_list', 'map.settings', 'sync.periodic_check']) store(key, value);
      store(`import.mapping:${source}`, value);
      expect(desk.settings(), value).toEqual({ uiLanguage: 'en' });
      expect(desk.savedReferralList(), value).toEqual([]);
      expect(readMapSettings(t.db).onlineTiles, value).toBe(false);
      expect(sync.syncList().periodicCheck, value).toBe(false);
      expect(loadMapping(t.db, source), value).toBeUndefined();
    }
  });

  it('keeps the text ids of a saved referral list and drops the rest', () => {
    store('saved_referral_list', '["svc-1", 7, null, "svc-2"]');
    expect(createDeskSettings(t.db).savedReferralList()).toEqual(['svc-1', 'svc-2']);
  });
});
