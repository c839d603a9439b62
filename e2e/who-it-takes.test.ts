import { afterEach, describe, expect, it } from 'vitest';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { installDataset } from '../main/hsds/install/install-dataset';
import { clovisDirectory } from '../main/test-support/clovis-directory';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, type AppSession } from './harness';

/**
 * A desk in Clovis asks for legal aid for a 15-year-old: the services whose area covers Clovis stay,
 * wherever their office; the one nearby that serves only Los Angeles County goes. In English and Spanish.
 */
describe.each([
  {
    lang: 'en',
    serves: 'Where the client lives',
    age: 'Age',
    status: 'whose areas cover 93612 Clovis, CA',
    notStated: '? Area not stated',
    covers: '✓ Area covers 93612 Clovis, CA',
    facet: 'Can this person go?',
    free: 'Free of charge',
    freeMark: 'Free',
    area: 'Service area',
  },
  {
    lang: 'es',
    serves: 'Dónde vive la persona',
    age: 'Edad',
    status: 'cuya zona cubre 93612 Clovis, CA',
    notStated: '? Zona no indicada',
    covers: '✓ Su zona cubre 93612 Clovis, CA',
    facet: '¿Puede ir esta persona?',
    free: 'Gratuito',
    freeMark: 'Gratuito',
    area: 'Zona que atiende',
  },
])('who a service takes, in $lang', (ui) => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  const cardNames = () => app.page.locator('.card .card-name').allTextContents();

  it('serves Clovis by area and age, marks what is not stated, and outlines the area on the map', async () => {
    app = await launchApp({
      prepare: (db) => {
        installDataset(db, flattenHsdsJson(clovisDirectory()).tables, { datasetId: 'clovis', version: '1', source: 'test', sourceName: 'bundled' });
        db.prepare("INSERT INTO local_setting (key, value) VALUES ('ui_language', ?)").run(ui.lang);
      },
    });
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(11);
    await page.getByPlaceholder(ui.serves).fill('93612');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain(ui.status);
    await page.getByRole('spinbutton', { name: ui.age }).fill('15');
    await expect.poll(() => cardNames()).not.toContain('Cedar Adult Law');
    const names = await cardNames();
    for (const shown of ['Aspen Legal Aid', 'Birch Youth Law', 'Dogwood Statewide Legal Line', 'Elm National Legal Line', 'Juniper Legal Van', 'Hazel Legal Clinic']) expect(names).toContain(shown);
    for (const gone of ['Fir Legal Office', 'Ginkgo LA Legal', 'Kapok Shelter']) expect(names).not.toContain(gone);
    expect(await page.locator('.card', { hasText: 'Hazel Legal Clinic' }).locator('.mark').allTextContents()).toContain(ui.notStated);
    expect(await page.locator('.card', { hasText: 'Birch Youth Law' }).locator('.mark').allTextContents()).toContain(ui.covers);

    await page.locator('.card', { hasText: 'Aspen Legal Aid' }).click();
    await expect.poll(() => page.locator('.facts dt', { hasText: ui.area }).locator('xpath=following-sibling::dd[1]').textContent()).toBe('Fresno County');
    await expect.poll(() => page.locator('path.map-area').count()).toBe(1);
    await app.screenshot(`who-it-takes-clovis-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.locator('summary', { hasText: ui.facet }).click();
    await page.locator('.facet-option', { hasText: ui.free }).locator('input').check();
    await expect.poll(() => page.locator('.card', { hasText: 'Aspen Legal Aid' }).locator('.mark-serves', { hasText: ui.freeMark }).count()).toBe(1);
    await app.screenshot(`who-it-takes-free-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
