import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
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
    const r = await dispatch(handlers(), 'search', { text: 'human trafficking hotline' });
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
});
