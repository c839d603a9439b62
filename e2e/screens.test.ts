import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousAccessibilityViolations } from './axe';
import { installDeskFixture } from './desk-fixture';
import { launchApp, STARTER_SERVICES, type AppSession } from './harness';

/**
 * Every screen of the desk, in English and in Spanish: no serious or critical axe-core
 * violation on any of them, and a 1366x768 screenshot of each (e2e/screenshots/).
 */
describe.each([
  { lang: 'en', settings: 'Settings', help: 'Shortcuts', add: 'Add to referral sheet', sheet: 'Referral sheet (1)', close: 'Close', back: 'Back to search' },
  { lang: 'es', settings: 'Configuración', help: 'Atajos', add: 'Agregar a la hoja de referencia', sheet: 'Hoja de referencia (1)', close: 'Cerrar', back: 'Volver a la búsqueda' },
])('screens in $lang', (ui) => {
  let app: AppSession;
  beforeAll(async () => {
    app = await launchApp({
      prepare: (db) => {
        installDeskFixture(db);
        db.prepare("INSERT INTO local_setting (key, value) VALUES ('ui_language', ?)").run(ui.lang);
      },
    });
  });
  afterAll(async () => {
    await app.close();
  });

  const check = async (screen: string) => {
    await app.screenshot(`${screen}-${ui.lang}`);
    expect(await seriousAccessibilityViolations(app.page), screen).toEqual([]);
  };

  it('starts in the saved screen language and the search screen passes axe', async () => {
    const { page } = app;
    // The bundled directory and the two synthetic records, on the first page.
    await expect.poll(() => page.locator('.card').count()).toBe(Math.min(STARTER_SERVICES + 2, 50));
    expect(await page.locator('html').getAttribute('lang')).toBe(ui.lang);
    await check('search');
  });

  it('detail screen', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('synthetic');
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    await page.locator('.card', { hasText: 'Harbor Light Shelter' }).click();
    await expect.poll(() => page.locator('article.detail h2').count()).toBe(1);
    await check('detail');
    // The add button is whole inside the detail column, however long its label is in this language.
    const clipped = await page.evaluate(() => {
      const column = document.querySelector('article.detail')!.parentElement!.getBoundingClientRect();
      const button = document.querySelector('.detail-head button')!.getBoundingClientRect();
      return button.left < column.left || button.right > column.right;
    });
    expect(clipped).toBe(false);
    await page.locator('.local-notes').scrollIntoViewIfNeeded();
    await app.screenshot(`detail-notes-${ui.lang}`);
  });

  it('referral sheet screen', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ui.add }).click();
    await page.getByRole('button', { name: ui.sheet }).click();
    await expect.poll(() => page.locator('.sheet-doc h4').count()).toBe(1);
    await check('referral-sheet');
    await page.getByRole('button', { name: ui.back }).click();
  });

  it('settings panel', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ui.settings }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await check('settings');
    await page.getByRole('dialog').getByRole('button', { name: ui.close }).click();
  });

  it('keyboard help panel', async () => {
    const { page } = app;
    await page.getByRole('button', { name: ui.help }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await check('help');
  });
});
