import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { installDeskFixture } from './desk-fixture';
import { CLINIC, EVENING, openService } from './desk-steps';
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
});
