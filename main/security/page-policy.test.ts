import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { tempDb } from '../test-support/temp-db';
import { contentSecurityPolicy } from './csp';
import { pagePolicy } from './page-policy';

describe('the policy every app:// page is served with', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const setup = () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    return { ...t, handlers: createHandlers(t.db, t.path) };
  };
  const store = (db: ReturnType<typeof setup>['db'], value: string) =>
    db.prepare("INSERT INTO local_setting (key, value) VALUES ('map.settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(value);

  it('names the saved tile host once online tiles are on', async () => {
    const { db, handlers } = setup();
    expect(pagePolicy(db)).toBe(contentSecurityPolicy());
    await dispatch(handlers, 'setMapSettings', { onlineTiles: true, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    expect(pagePolicy(db)).toContain('img-src \'self\' data: blob: https://tiles.example.org;');
  });

  it.each([
    JSON.stringify({ onlineTiles: true, tileUrl: 'https://a<b/{z}/{x}/{y}' }),
    JSON.stringify({ onlineTiles: true, tileUrl: 'https://tiles.example.org:99999/{z}/{x}/{y}' }),
    JSON.stringify({ onlineTiles: true }),
    '{"onlineTiles": tru',
  ])('is still built from a broken stored setting (%s), with online tiles off and a notice', async (value) => {
    const { db, handlers } = setup();
    store(db, value);
    expect(pagePolicy(db)).toBe(contentSecurityPolicy());
    expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({
      ok: true,
      value: { onlineTiles: false, tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', storedTileUrlUnusable: true },
    });
    // Saving an address again replaces the broken value, and the notice goes.
    await dispatch(handlers, 'setMapSettings', { onlineTiles: true, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    expect(await dispatch(handlers, 'mapSettings', undefined)).toEqual({ ok: true, value: { onlineTiles: true, tileUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' } });
  });

  it('falls back to the offline policy when the settings cannot be read at all', () => {
    const { db } = setup();
    db.close();
    expect(pagePolicy(db)).toBe(contentSecurityPolicy());
  });
});
