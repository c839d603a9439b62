import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { tempDb } from '../test-support/temp-db';
import type { CorrectionsFile } from './corrections';
import type { DeskShell } from './desk-shell';

describe('desk channels', () => {
  const t = tempDb({ starter: true });
  afterAll(() => t.cleanup());
  let hidden = 0;
  let cancel = false;
  const shell: DeskShell = {
    chooseSavePath: async (name) => (cancel ? null : join(t.dir, name)),
    printPageToPdf: async () => new TextEncoder().encode('%PDF-1.7 sheet'),
    hideWindow: () => void hidden++,
  };
  const system = { ...shell, openExternal: async () => undefined, copyText: () => undefined };
  const handlers = createHandlers(t.db, t.path, system);
  const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input);
  const hotline = (t.db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string }).id;

  it('exports notes and call marks with the phones the directory lists, including services it no longer has', async () => {
    await call('saveNote', { serviceId: hotline, body: 'Spanish interpreter in under a minute' });
    await call('markCall', { serviceId: hotline, status: 'still_valid' });
    await call('markCall', { serviceId: 'svc-removed-since', status: 'closed', comment: 'Number disconnected' });
    const result = await call('exportCorrections');
    expect(result.ok).toBe(true);
    const path = (result as { value: { path: string } }).value.path;
    expect(path).toMatch(/referral-atlas-corrections-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync(path, 'utf8')) as CorrectionsFile;
    expect(file.format).toBe('referral-atlas-corrections');
    expect(file.dataset.id).toBe('referral-atlas-starter-california');
    const entry = file.services.find((s) => s.serviceId === hotline)!;
    expect(entry).toMatchObject({ inDirectory: true, name: 'National Human Trafficking Hotline', listedPhones: ['1-888-373-7888'], note: 'Spanish interpreter in under a minute' });
    expect(entry.callMarks.map((m) => m.status)).toEqual(['still_valid']);
    expect(file.services.find((s) => s.serviceId === 'svc-removed-since')).toMatchObject({ inDirectory: false, name: null, callMarks: [{ status: 'closed', comment: 'Number disconnected' }] });
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    cancel = true;
    expect(await call('exportCorrections')).toEqual({ ok: true, value: { path: null } });
    expect(await call('saveReferralSheetPdf', { fileName: 'referral.pdf' })).toEqual({ ok: true, value: { path: null } });
    cancel = false;
  });

  it('saves the printed referral sheet where the user chose', async () => {
    const result = (await call('saveReferralSheetPdf', { fileName: 'referral-sheet.pdf' })) as { ok: true; value: { path: string } };
    expect(readFileSync(result.value.path, 'utf8')).toBe('%PDF-1.7 sheet');
  });

  it('refuses a file name that could leave the chosen folder', async () => {
    const result = await call('saveReferralSheetPdf', { fileName: '../../etc/sheet.pdf' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/saveReferralSheetPdf: fileName/);
  });

  it('refuses a call mark that is not one of the three states, and stores nothing', async () => {
    const before = (await call('localRecord', { serviceId: hotline })) as { ok: true; value: { marks: unknown[] } };
    const result = await call('markCall', { serviceId: hotline, status: 'maybe' });
    expect(!result.ok && result.error).toMatch(/markCall: status/);
    const after = (await call('localRecord', { serviceId: hotline })) as { ok: true; value: { marks: unknown[] } };
    expect(after.value.marks).toHaveLength(before.value.marks.length);
  });

  it('persists the UI language and a referral list only when asked', async () => {
    expect(await call('settings')).toEqual({ ok: true, value: { uiLanguage: 'en' } });
    expect(await call('savedReferralList')).toEqual({ ok: true, value: [] });
    await call('setUiLanguage', { uiLanguage: 'es' });
    await call('saveReferralList', { serviceIds: [hotline, hotline, 'other'] });
    const reopened = createHandlers(t.db, t.path, system);
    expect(await dispatch(reopened, 'settings', undefined)).toEqual({ ok: true, value: { uiLanguage: 'es' } });
    expect(await dispatch(reopened, 'savedReferralList', undefined)).toEqual({ ok: true, value: [hotline, 'other'] });
    expect((await call('setUiLanguage', { uiLanguage: 'fr' })).ok).toBe(false);
  });

  it('reads a damaged kept list as no list rather than failing', async () => {
    t.db.prepare("UPDATE local_setting SET value = '{not json' WHERE key = 'saved_referral_list'").run();
    expect(await call('savedReferralList')).toEqual({ ok: true, value: [] });
  });

  it('hides the window through the shell, and says so plainly where there is no window', async () => {
    await call('hideWindow');
    expect(hidden).toBe(1);
    const headless = createHandlers(t.db, t.path);
    expect(await dispatch(headless, 'hideWindow', undefined)).toEqual({ ok: false, error: 'This needs the desktop app window.' });
  });
});
