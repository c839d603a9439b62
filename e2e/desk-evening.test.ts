import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe';
import { installDeskFixture } from './desk-fixture';
import { CLINIC, detailText, EVENING, HARBOR, openService } from './desk-steps';
import { launchApp, showInSpanish, type AppSession } from './harness';

describe('the desk at 9 pm', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  it('dates the sheet, its file and the corrections export on the desk clock, not in UTC', async () => {
    app = await launchApp({ prepare: installDeskFixture, clock: EVENING });
    const { page } = app;
    await openService(app, 'Riverside', CLINIC);
    await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    await page.getByRole('button', { name: 'Referral sheet (1)' }).click();
    expect(await page.locator('.sheet-date').textContent()).toBe('Prepared Dec 5, 2026');
    await page.getByLabel('Sheet language').selectOption('es');
    await expect.poll(() => page.locator('.sheet-date').textContent()).toContain('5 dic 2026');
    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    await expect.poll(() => page.locator('.sheet-status').textContent()).toMatch(/referral-sheet-2026-12-05\.pdf$/);

    await page.getByRole('button', { name: 'Back to search' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Export corrections…' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('status').textContent()).toMatch(/referral-atlas-corrections-2026-12-05\.json$/);
    expect(readdirSync(app.savedDir).sort()).toEqual(['referral-atlas-corrections-2026-12-05.json', 'referral-sheet-2026-12-05.pdf']);
  });

  it('Esc closes an open filter menu or dialog first; only two presses with nothing open quick-exit', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    await openService(app, 'synthetic', HARBOR);
    await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    await page.locator('summary', { hasText: 'Who it serves' }).click();
    await expect.poll(() => page.locator('details.facet[open]').count()).toBe(1);

    // The open menu leaves the list it filters in sight: what is under each card's middle is that card.
    await app.screenshot('facet-menu-open');
    for (const name of [CLINIC, HARBOR]) {
      await page.locator('.card', { hasText: name }).scrollIntoViewIfNeeded();
      const box = (await page.locator('.card', { hasText: name }).boundingBox())!;
      const under = await page.evaluate(`document.elementFromPoint(${box.x + box.width / 2}, ${box.y + box.height / 2})?.closest('.card')?.textContent ?? 'a filter menu'`);
      expect(under).toContain(name);
    }

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('details.facet[open]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(app.windowHides()).toBe(0);
    expect(await page.getByRole('button', { name: 'Referral sheet (1)' }).count()).toBe(1);

    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    await page.waitForTimeout(800);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(app.windowHides()).toBe(0);
    expect(await page.getByRole('button', { name: 'Referral sheet (1)' }).count()).toBe(1);

    await page.waitForTimeout(800);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => app.windowHides()).toBe(1);
    expect(await page.getByRole('button', { name: 'Referral sheet (0)' }).count()).toBe(1);
  });

  it('says what the desk found on its call beside what the directory says; a double click makes one mark, and it can be undone', async () => {
    app = await launchApp({ prepare: installDeskFixture, clock: { ...EVENING, at: '2026-12-06T05:04:00Z' } });
    const { page } = app;
    const marks = () => (app.db.prepare('SELECT status, comment FROM local_call_mark').all() as { status: string; comment: string | null }[]);
    await openService(app, 'CAST', 'CAST 24-Hour Human Trafficking Hotline');
    expect(await detailText(app)).toContain('Never verified: call to confirm before referring.');
    // The "what changed" box is for a change only.
    expect(await page.getByLabel('What changed (optional)').count()).toBe(0);

    await page.getByRole('button', { name: 'Called: still valid' }).dblclick();
    await expect.poll(() => page.locator('.desk-word').textContent()).toBe('Confirmed by this desk on Dec 5, 2026, 9:04 PM.');
    expect(marks()).toEqual([{ status: 'still_valid', comment: null }]);
    const text = await detailText(app);
    expect(text).toContain('Directory: never verified.');
    expect(text).not.toContain('call to confirm before referring');
    expect(text).toContain('Verified on: Not verified');

    await showInSpanish(page);
    await expect.poll(() => page.locator('.desk-word').textContent()).toBe('Confirmado por esta oficina el 5 dic 2026, 21:04.');
    expect(await detailText(app)).toContain('Directorio: nunca verificado.');
    await page.getByRole('button', { name: /^Deshacer la marca «Sigue vigente»/ }).click();
    await expect.poll(() => page.locator('.desk-word').count()).toBe(0);
    expect(marks()).toEqual([]);
    expect(await detailText(app)).toContain('Nunca verificado: llame para confirmar antes de referir.');

    // "Changed" opens the optional box under the buttons; the mark is saved with what was typed.
    await page.getByRole('button', { name: 'Llamado: cambió' }).click();
    const box = page.getByLabel('Qué cambió (opcional)');
    const buttonsBottom = (await page.locator('.local-notes .mark-buttons').first().boundingBox())!;
    expect((await box.boundingBox())!.y).toBeGreaterThan(buttonsBottom.y + buttonsBottom.height);
    await box.fill('Nuevo número');
    await page.getByRole('button', { name: 'Guardar marca: cambió' }).click();
    await expect.poll(() => page.locator('.desk-word').textContent()).toBe('Esta oficina encontró cambios el 5 dic 2026, 21:04. — Nuevo número');
    expect(marks()).toEqual([{ status: 'changed', comment: 'Nuevo número' }]);
    expect(await page.getByLabel('Qué cambió (opcional)').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('call-marks-es');
  });
});
