import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { installDeskFixture } from './desk-fixture';
import { CLINIC, EVENING, HARBOR, openService } from './desk-steps';
import { launchApp, type AppSession } from './harness';

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
});
