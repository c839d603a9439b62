import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dbDigest } from '../main/test-support/db-digest';
import { seriousAccessibilityViolations } from './axe';
import { installDeskFixture } from './desk-fixture';
import { FIRST_PAGE, launchApp, STARTER_SERVICES, showInSpanish, type AppSession } from './harness';

const OHANA = resolve(__dirname, '..', 'test-fixtures', 'ohana-sanmateo');

describe('Directory sources in Settings', () => {
  let app: AppSession;
  afterEach(async () => app.close());

  it('lists the bundled directory and an imported file; removing the file asks, Keep changes nothing, Remove drops its services', async () => {
    app = await launchApp({ prepare: (db) => installDeskFixture(db, 'synthetic-1', 'county.json') });
    const { page, db } = app;
    const county = db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county.json'").pluck().get() as number;
    const header = page.locator('.dataset');
    // Two sources side by side: counted, where one install's name would tell only half.
    await expect.poll(() => header.textContent()).toBe(`${STARTER_SERVICES + county} services from 2 sources`);

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const sources = settings.getByRole('region', { name: 'Directory sources' });
    await expect.poll(() => sources.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^bundled \\(bundled with the app\\)${STARTER_SERVICES} services · updated `)),
      expect.stringMatching(new RegExp(`^county\\.json \\(imported file\\)${county} services · updated `)),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources');

    const before = dbDigest(db);
    await sources.getByRole('button', { name: 'Remove county.json' }).click();
    const ask = page.getByRole('dialog', { name: 'Remove the source “county.json”?' });
    expect(await ask.textContent()).toContain(`Its ${county} services leave the directory; the other sources stay as they are.`);
    // Keeping is the default: Enter on the focused button changes nothing.
    await expect.poll(() => ask.getByRole('button', { name: 'Keep this source' }).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => ask.count()).toBe(0);
    expect(dbDigest(db)).toBe(before);
    expect(await sources.getByRole('listitem').count()).toBe(2);

    await sources.getByRole('button', { name: 'Remove county.json' }).click();
    await ask.getByRole('button', { name: 'Remove the source' }).click();
    await expect.poll(() => sources.getByRole('status').textContent()).toBe(`Removed “county.json” (${county} services).`);
    expect(await sources.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^bundled /)]);
    expect(db.prepare('SELECT count(*) FROM service').pluck().get()).toBe(STARTER_SERVICES);
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES} services · directory `));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it('filters search by source once a file is imported beside the bundled directory, from the keyboard, in English and Spanish', async () => {
    app = await launchApp({ chooseImportPath: () => Promise.resolve(OHANA) });
    const { page } = app;
    const sourceMenu = page.locator('summary', { hasText: /^(Source|Fuente)/ });
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    // One source: nothing to choose between.
    expect(await sourceMenu.count()).toBe(0);

    await page.getByRole('button', { name: 'Import directory…' }).click();
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe('23 added · 0 changed · 0 removed');
    await page.getByRole('button', { name: 'Apply this import' }).click();
    await expect.poll(() => page.locator('.import-done').textContent()).toContain('Imported.');
    await page.getByRole('button', { name: 'Back to search' }).click();
    const headline = page.getByRole('status').first();
    await expect.poll(() => headline.textContent()).toBe(`${STARTER_SERVICES + 23} services · showing ${FIRST_PAGE} of ${STARTER_SERVICES + 23}`);

    // The menu opens and ticks from the keyboard, as every facet menu does; the bundled source is named in words.
    await sourceMenu.focus();
    await page.keyboard.press('Enter');
    const options = page.locator('details[open] .facet-option');
    await expect.poll(() => options.allTextContents()).toEqual([`the directory bundled with the app${STARTER_SERVICES}`, 'ohana-sanmateo23']);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.facet-option')?.textContent)).toBe('ohana-sanmateo23');
    await page.keyboard.press('Space');
    await expect.poll(() => headline.textContent()).toBe('23 services');
    await expect.poll(() => page.locator('.card').count()).toBe(23);
    expect(new Set(await page.locator('.card .card-source').allTextContents())).toEqual(new Set(['from ohana-sanmateo']));
    expect(await page.locator('.facet-button.active', { hasText: 'Source' }).locator('.facet-badge').textContent()).toBe('1');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('search-facet-source');

    // Escape closes the menu and keeps the choice; the Spanish screen names the menu and the bundled source in Spanish.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('details[open]').count()).toBe(0);
    await showInSpanish(page);
    await page.locator('summary', { hasText: /^Fuente/ }).click();
    await expect.poll(() => options.allTextContents()).toEqual([`el directorio incluido con la aplicación${STARTER_SERVICES}`, 'ohana-sanmateo23']);
    expect(await page.locator('details[open] .facet-note').first().textContent()).toContain('que añadió la oficina');
    await expect.poll(() => page.locator('.dataset').textContent()).toBe(`${STARTER_SERVICES + 23} servicios de 2 fuentes`);
    await expect.poll(() => page.locator('.card').count()).toBe(23);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('search-facet-source-es');

    // Words only the bundled directory answers: the empty list offers dropping the source, and that brings
    // them. The menu is still open: the one click on the offer both closes it and is taken.
    await page.getByRole('searchbox').fill('trafficking hotline');
    expect(await page.locator('details[open]').count()).toBe(1);
    const relax = page.locator('.relax-choice');
    await expect.poll(() => relax.allTextContents()).toEqual([expect.stringMatching(/^\d+ servicios si se quita «Fuente»$/)]);
    const count = Number((await relax.textContent())!.split(' ')[0]);
    await relax.click();
    await expect.poll(() => page.locator('.card').count()).toBe(count);
    expect(await page.locator('.facet-button.active').count()).toBe(0);
    expect(await page.locator('details[open]').count()).toBe(0);
  });
});
