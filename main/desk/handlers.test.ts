import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { tempDb } from '../test-support/temp-db';
import type { CorrectionsFile } from './corrections';
import type { DeskShell } from './desk-shell';
import { MAX_MARKS_PER_SERVICE } from './local-records';

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
  const system = { ...shell, openExternal: async () => undefined };
  const handlers = createHandlers(t.db, t.path, system);
  const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input);
  const hotline = (t.db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string }).id;
  const other = (t.db.prepare('SELECT id FROM service WHERE id <> ? ORDER BY id LIMIT 1').get(hotline) as { id: string }).id;
  const stored = () => t.db.prepare('SELECT (SELECT count(*) FROM local_note) AS notes, (SELECT count(*) FROM local_call_mark) AS marks').get() as { notes: number; marks: number };

  it('exports notes and call marks with the phones the directory lists, including services it no longer has', async () => {
    await call('saveNote', { serviceId: hotline, body: 'Spanish interpreter in under a minute' });
    await call('markCall', { serviceId: hotline, status: 'still_valid' });
    // Marked while the directory still listed it; an update has since removed it.
    t.db.prepare("INSERT INTO local_call_mark (service_id, status, comment, marked_at) VALUES ('svc-removed-since', 'closed', 'Number disconnected', '2026-11-01T09:00:00.000Z')").run();
    const result = await call('exportCorrections');
    expect(result.ok).toBe(true);
    const path = (result as { value: { path: string } }).value.path;
    expect(path).toMatch(/referral-atlas-corrections-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(readFileSync(path, 'utf8')) as CorrectionsFile;
    expect(file.format).toBe('referral-atlas-corrections');
    expect(file.dataset.id).toBe('referral-atlas-starter-california');
    const entry = file.services.find((s) => s.serviceId === hotline)!;
    expect(entry).toMatchObject({ inDirectory: true, name: 'National Human Trafficking Hotline', listedPhones: ['1-888-373-7888', '233733', '711'], note: 'Spanish interpreter in under a minute' });
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

  it.each(['..pdf', ' .pdf', 'sheet .pdf', 'CON.pdf', 'nul.pdf', 'Com1.pdf', 'LPT9.sheet.pdf', 'aux .pdf'])(
    'refuses the file name %s, which a save dialog on Windows fails on, before printing anything',
    async (fileName) => {
      const before = readdirSync(t.dir);
      const result = await call('saveReferralSheetPdf', { fileName });
      expect(!result.ok && result.error).toMatch(/^Invalid request to saveReferralSheetPdf: fileName: /);
      expect(readdirSync(t.dir)).toEqual(before);
    },
  );

  it.each(['referral-sheet-2026-12-05.pdf', 'console.pdf', 'Lista de Ana.pdf', '_.pdf'])('accepts the file name %s', async (fileName) => {
    const result = (await call('saveReferralSheetPdf', { fileName })) as { ok: true; value: { path: string } };
    expect(readFileSync(result.value.path, 'utf8')).toBe('%PDF-1.7 sheet');
  });

  it('refuses a call mark that is not one of the three states, and stores nothing', async () => {
    const before = (await call('localRecord', { serviceId: hotline })) as { ok: true; value: { marks: unknown[] } };
    const result = await call('markCall', { serviceId: hotline, status: 'maybe' });
    expect(!result.ok && result.error).toMatch(/markCall: status/);
    const after = (await call('localRecord', { serviceId: hotline })) as { ok: true; value: { marks: unknown[] } };
    expect(after.value.marks).toHaveLength(before.value.marks.length);
  });

  it.each(['no-such-service', '__proto__', '../../etc/passwd'])('keeps no new note or call mark for %s, which the directory does not list', async (serviceId) => {
    const before = stored();
    expect(await call('saveNote', { serviceId, body: 'x' })).toEqual({ ok: false, error: 'That service is not in the directory, so no note was kept.' });
    expect(await call('markCall', { serviceId, status: 'closed' })).toEqual({ ok: false, error: 'That service is not in the directory, so the call was not marked.' });
    expect(stored()).toEqual(before);
    expect(await call('localRecord', { serviceId })).toEqual({ ok: true, value: { note: null, marks: [] } });
  });

  it('keeps a note on a service an update removed editable, and lets it be cleared', async () => {
    t.db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES ('svc-gone', 'Moved to Fresno', '2026-10-01T00:00:00.000Z')").run();
    expect(await call('saveNote', { serviceId: 'svc-gone', body: 'Moved to Fresno; new intake line' })).toMatchObject({ ok: true, value: { note: { body: 'Moved to Fresno; new intake line' } } });
    expect(await call('saveNote', { serviceId: 'svc-gone', body: '' })).toEqual({ ok: true, value: { note: null, marks: [] } });
    expect(await call('saveNote', { serviceId: 'svc-gone', body: 'again' })).toEqual({ ok: false, error: 'That service is not in the directory, so no note was kept.' });
  });

  it(`keeps the newest ${MAX_MARKS_PER_SERVICE} call marks per service, so an answer stays small however often one is marked`, async () => {
    for (let i = 0; i < MAX_MARKS_PER_SERVICE + 10; i++) await call('markCall', { serviceId: other, status: 'still_valid', comment: `call ${i}` });
    const answer = (await call('localRecord', { serviceId: other })) as { ok: true; value: { marks: { comment: string }[] } };
    expect(answer.value.marks).toHaveLength(MAX_MARKS_PER_SERVICE);
    expect(answer.value.marks[0]!.comment).toBe(`call ${MAX_MARKS_PER_SERVICE + 9}`);
    expect(t.db.prepare('SELECT count(*) AS n FROM local_call_mark WHERE service_id = ?').get(other)).toEqual({ n: MAX_MARKS_PER_SERVICE });
  });

  it('persists the UI language and a referral list only when asked', async () => {
    expect(await call('settings')).toEqual({ ok: true, value: { uiLanguage: 'en' } });
    expect(await call('savedReferralList')).toEqual({ ok: true, value: [] });
    await call('setUiLanguage', { uiLanguage: 'es' });
    await call('saveReferralList', { serviceIds: [hotline, hotline, other, 'no-such-service', '__proto__'] });
    const reopened = createHandlers(t.db, t.path, system);
    expect(await dispatch(reopened, 'settings', undefined)).toEqual({ ok: true, value: { uiLanguage: 'es' } });
    expect(await dispatch(reopened, 'savedReferralList', undefined)).toEqual({ ok: true, value: [hotline, other] });
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
