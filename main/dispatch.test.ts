import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { INTERNAL_ERROR } from './security/plain-error';
import { tempDb } from './test-support/temp-db';

describe('dispatch', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  const handlers = () => {
    const t = tempDb({ starter: true });
    cleanups.push(t.cleanup);
    return createHandlers(t.db, t.path);
  };

  it('answers a valid call with {ok: true, value}', async () => {
    const r = await dispatch(handlers(), 'search', { text: 'national human trafficking hotline' });
    expect(r.ok).toBe(true);
    if (r.ok) expect((r.value as { results: { name: string }[] }).results[0]!.name).toBe('National Human Trafficking Hotline');
  });

  it('refuses unknown channels, including inherited object keys', async () => {
    expect(await dispatch(handlers(), 'dropTables', {})).toEqual({ ok: false, error: 'Unknown request "dropTables".' });
    expect((await dispatch(handlers(), 'constructor', {})).ok).toBe(false);
  });

  it('refuses input that fails the channel schema, naming the field', async () => {
    const r = await dispatch(handlers(), 'search', { text: 42 });
    expect(r).toEqual({ ok: false, error: expect.stringContaining('text') });
    expect((await dispatch(handlers(), 'search', { text: 'x', limit: 1e9 })).ok).toBe(false);
    expect((await dispatch(handlers(), 'serviceDetail', { id: '' })).ok).toBe(false);
  });

  it('turns a handler exception into {ok: false} with its message', async () => {
    const h = handlers();
    const broken = { ...h, info: () => { throw new Error('disk on fire'); } };
    expect(await dispatch(broken, 'info', undefined)).toEqual({ ok: false, error: 'disk on fire' });
  });

  it('answers {ok: false} when a hostile value trips the schema checker itself', async () => {
    const h = handlers();
    const answers = await Promise.all([
      dispatch(h, 'openExternal', { url: { length: { toString: 1 } } }),
      dispatch(h, 'search', { text: { length: { toString: 1 } } }),
      dispatch(h, 'serviceDetail', { get id(): string { throw new Error('getter'); } }),
      dispatch(h, 'search', new Proxy({}, { get: () => { throw new Error('proxy'); }, has: () => { throw new Error('proxy'); }, ownKeys: () => { throw new Error('proxy'); } })),
    ]);
    expect(answers[0]).toEqual({ ok: false, error: 'Invalid request to openExternal: its input is not in the expected form.' });
    for (const a of answers) expect(a).toEqual({ ok: false, error: expect.stringMatching(/^Invalid request to \w+: /) });
  });

  it('says what was wrong in words: no engine messages, no file paths', async () => {
    const h = handlers();
    const throwing = (err: unknown) => ({ ...h, info: () => { throw err; } });
    expect(await dispatch(throwing(new TypeError('Invalid URL')), 'info', undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(await dispatch(throwing(new URIError('URI malformed')), 'info', undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
    expect(await dispatch(throwing({ toString: () => { throw new Error('x'); } }), 'info', undefined)).toEqual({ ok: false, error: INTERNAL_ERROR });
    let missing: unknown;
    try {
      readFileSync('/opt/referral-atlas/resources/data/missing.json');
    } catch (err) {
      missing = err;
    }
    expect(await dispatch(throwing(missing), 'info', undefined)).toEqual({ ok: false, error: 'A file the app needed could not be read or written (ENOENT).' });
    const named = await dispatch(throwing(new Error('Cannot open /home/desk/.config/Referral Atlas/feeds/ab12/v3 for C:\\Users\\desk\\sheet.pdf')), 'info', undefined);
    expect(named).toEqual({ ok: false, error: 'Cannot open v3 for sheet.pdf' });
    const installed = await dispatch(throwing(new Error('C:\\Program Files\\Referral Atlas\\resources\\data\\basemap.pmtiles is short; /tmp/a.json and /tmp/b.json too')), 'info', undefined);
    expect(installed).toEqual({ ok: false, error: 'basemap.pmtiles is short; a.json and b.json too' });
    // A web address keeps its path: it names where a feed is, not where the app is.
    const web = await dispatch(throwing(new Error('Could not download https://feeds.example.org/ca/manifest.json: refused.')), 'info', undefined);
    expect(web).toEqual({ ok: false, error: 'Could not download https://feeds.example.org/ca/manifest.json: refused.' });
  });
});
