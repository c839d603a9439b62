import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { SearchResponse } from '../shared/domain';
import { createHandlers } from '../main/handlers';
import { noDeskShell } from '../main/desk/desk-shell';
import { noSystemActions } from '../main/system-actions';
import { flattenHsdsJson } from '../main/hsds/read/flatten-json';
import { installDataset } from '../main/hsds/install/install-dataset';
import { generateSynthetic } from '../scripts/gen-synthetic-data';
import { FIRST_PAGE, launchApp, searchDirect, type AppSession } from './harness';

describe('search', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  const cardNames = (a: AppSession) => a.page.locator('.card .card-name').allTextContents();

  it('finds the hotline from a misspelled word', async () => {
    app = await launchApp();
    await app.page.getByRole('searchbox').fill('natinal trafickng hotlne');
    await expect.poll(async () => (await cardNames(app))[0]).toBe('National Human Trafficking Hotline');
    await app.screenshot('search-typo');
  });

  it('answers a Spanish query with the English-language records it means', async () => {
    app = await launchApp();
    await app.page.getByRole('searchbox').fill('línea de ayuda trata');
    await expect.poll(() => cardNames(app)).toContain('National Human Trafficking Hotline');
    await app.page.getByRole('searchbox').fill('compensación a víctimas');
    await expect.poll(async () => (await cardNames(app))[0]).toBe('California Victim Compensation Program (CalVCP)');
    await app.screenshot('search-spanish');
  });

  it('narrows by a facet and shows each value with its count', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    // The count beside the facet is the number of services the filter then lists.
    const hotlines = searchDirect(app, { text: '', categories: ['cat-hotline'] }).total;
    expect(hotlines).toBeGreaterThan(1);
    expect(hotlines).toBeLessThan(searchDirect(app, { text: '' }).total);
    await page.locator('summary', { hasText: 'Service' }).click();
    const hotline = page.locator('.facet-option', { hasText: 'Hotline' });
    await expect.poll(() => hotline.locator('.facet-count').textContent()).toBe(String(hotlines));
    await hotline.locator('input').check();
    // The headline first: with more hotlines than a page holds, the card count alone cannot tell the lists apart.
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe(`${hotlines} services` + (hotlines > FIRST_PAGE ? ` · showing ${FIRST_PAGE} of ${hotlines}` : ''));
    await expect.poll(() => page.locator('.card').count()).toBe(Math.min(hotlines, FIRST_PAGE));
    await app.screenshot('search-facet-category');

    // Words typed with the menu closed: the menu, opened again, counts over the new words, not the old.
    await hotline.locator('input').uncheck();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('details[open]').count()).toBe(0);
    await page.getByRole('searchbox').fill('trafficking');
    const words = searchDirect(app, { text: 'trafficking', categories: ['cat-hotline'] }).total;
    expect(words).not.toBe(hotlines);
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/^\d+ services/);
    await page.locator('summary', { hasText: 'Service' }).click();
    await expect.poll(() => hotline.locator('.facet-count').textContent()).toBe(String(words));
    expect(await page.locator('details[open] .facet-counting').count()).toBe(0);
  });

  it('keeps services that have not said whom they serve, marked, unless confirmed only is asked', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    await page.locator('summary', { hasText: 'Who it serves' }).click();
    await page.locator('.facet-option', { hasText: 'Minors' }).locator('input').check();
    await expect.poll(() => page.locator('.mark-not_stated').count()).toBeGreaterThan(0);
    const total = await page.locator('.card').count();
    expect(await page.locator('.mark-serves', { hasText: 'Serves: Minors' }).count()).toBeGreaterThan(0);
    await app.screenshot('search-population-not-stated');
    // "Confirmed only" is in each three-state menu; this one is in the open population menu.
    await page.locator('details[open] .facet-option', { hasText: 'Confirmed only' }).locator('input').check();
    await expect.poll(() => page.locator('.mark-not_stated').count()).toBe(0);
    expect(await page.locator('.card').count()).toBeLessThan(total);
  });

  it('filters by distance from a ZIP code and lists phone services apart', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('searchbox').fill('trafficking');
    await page.getByPlaceholder('ZIP code or California place').fill('95814');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('within 25 km of 95814 Sacramento, CA');
    await expect.poll(() => page.locator('.card .distance').count()).toBeGreaterThan(0);
    // Phone services are not near anywhere: folded away under a heading that says so, until opened.
    const apart = page.locator('.apart-heading button');
    await expect.poll(() => apart.textContent()).toContain('Not near 95814 Sacramento, CA');
    expect(await cardNames(app)).not.toContain('National Human Trafficking Hotline');
    await apart.click();
    await expect.poll(() => cardNames(app)).toContain('National Human Trafficking Hotline');
    await app.screenshot('search-distance-zip');

    // Two Chinatowns: the user picks; every service listed with a distance is then within 25 km of San Francisco's.
    await page.getByPlaceholder('ZIP code or California place').fill('Chinatown');
    await page.getByRole('button', { name: 'Chinatown (San Francisco County)' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('within 25 km of Chinatown (San Francisco County)');
    // A new place folds the group away again: it is not near this place either.
    await expect.poll(() => apart.textContent()).toContain('Not near Chinatown (San Francisco County)');
    expect(await cardNames(app)).not.toContain('National Human Trafficking Hotline');
    await apart.click();
    await expect.poll(() => cardNames(app)).toContain('National Human Trafficking Hotline');
    const distances = (await page.locator('.card .distance').allTextContents()).map((d) => Number.parseFloat(d.replace(/[^\d.]/g, '')));
    expect(distances.length).toBeGreaterThan(0);
    expect(distances.every((km) => km <= 25)).toBe(true);
    await app.screenshot('search-distance-place-picked');
  });

  it('says plainly when a place is not in the offline gazetteer', async () => {
    app = await launchApp();
    await app.page.getByPlaceholder('ZIP code or California place').fill('Atlantis');
    await expect.poll(() => app.page.locator('.near-error').textContent()).toContain('No ZIP code or California place called “Atlantis”');
  });

  it('moves through results with the arrow keys, the detail following', async () => {
    app = await launchApp();
    const { page } = app;
    // The order the real handlers give, so the test knows when the page shows this query's answer.
    const expected = (createHandlers(app.db, app.dbPath, { ...noSystemActions, ...noDeskShell, dataDir: join(__dirname, '..', 'data') }).search({ text: 'trafficking', limit: 100 }) as SearchResponse).results.map((c) => c.name);
    expect(expected.length).toBeGreaterThan(2);
    await page.getByRole('searchbox').fill('trafficking');
    await expect.poll(() => cardNames(app)).toEqual(expected);
    const names = expected;
    await page.getByRole('searchbox').press('ArrowDown');
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[0]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[1]);
    expect(await page.locator('.card.selected .card-name').textContent()).toBe(names[1]);
  });

  it('typed without pause, the list and the map settle on the last word’s answer, and no earlier answer is shown after it', async () => {
    app = await launchApp();
    const { page } = app;
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    const expected = searchDirect(app, { text: 'shelter' });
    expect(expected.total).toBeLessThan(searchDirect(app, { text: 'sh' }).total);
    // Every count the list and the map show while the word is typed, in the order they are shown.
    await page.evaluate(`(() => {
      const shown = (window.__shown = []);
      const note = () => shown.push([document.querySelector('.result-count')?.textContent, document.querySelector('.map-status')?.childNodes[0]?.textContent]);
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
    })()`);
    await page.getByRole('searchbox').pressSequentially('shelter');
    await expect.poll(() => cardNames(app)).toEqual(expected.results.map((c) => c.name));
    const mapLine = `${expected.map.services} of ${expected.total} on the map`;
    await expect.poll(() => page.locator('.map-status').textContent()).toContain(mapLine);
    await expect.poll(() => page.locator('.map .map-pin, .map .map-cluster').count()).toBeGreaterThan(0);
    const shown = (await page.evaluate('window.__shown')) as [string | null, string | null][];
    const listLine = `${expected.total} services`;
    const firstList = shown.findIndex(([list]) => list?.startsWith(listLine));
    const firstMap = shown.findIndex(([, map]) => map === mapLine);
    expect(firstList).toBeGreaterThanOrEqual(0);
    expect(firstMap).toBeGreaterThanOrEqual(0);
    expect(shown.slice(firstList).filter(([list]) => !list?.startsWith(listLine))).toEqual([]);
    expect(shown.slice(firstMap).filter(([, map]) => map !== mapLine)).toEqual([]);
  });

  it('reaches a card far down the page with the keyboard and shows it in view, the detail following', async () => {
    app = await launchApp();
    const { page } = app;
    const names = searchDirect(app, { text: '' }).results.map((c) => c.name);
    await expect.poll(() => cardNames(app)).toEqual(names);
    await page.getByRole('searchbox').press('ArrowDown');
    for (let i = 1; i < 40; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[39]);
    const name = page.locator('.card.selected .card-name');
    expect(await name.textContent()).toBe(names[39]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(names[39]);
    // Drawn, and inside the list's scrolled view.
    const [card, pane] = [(await name.boundingBox())!, (await page.locator('.result-scroll').boundingBox())!];
    expect(card.height).toBeGreaterThan(0);
    expect(card.y).toBeGreaterThanOrEqual(pane.y);
    expect(card.y + card.height).toBeLessThanOrEqual(pane.y + pane.height);
    expect(await name.isVisible()).toBe(true);
  });

  it('stays usable on a large synthetic directory', async () => {
    app = await launchApp({
      prepare: (db) => installDataset(db, flattenHsdsJson(generateSynthetic(3000)).tables, { datasetId: 'synthetic', version: 'test', source: 'test', sourceName: 'bundled' }),
    });
    const { page } = app;
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('3,000 services · showing 50 of 3,000');
    await page.getByRole('searchbox').fill('refugio menores');
    await page.getByPlaceholder('ZIP code or California place').fill('Fresno');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('within 25 km of Fresno');
    await page.locator('summary', { hasText: 'Language' }).click();
    await page.locator('.facet-option', { hasText: 'Spanish' }).locator('input').check();
    await expect.poll(() => page.locator('.facet-button.active').count()).toBe(1);
    await page.getByRole('searchbox').click();
    await expect.poll(() => page.locator('.card .distance').count()).toBeGreaterThan(0);
    // Made-up services must never pass for real ones: every card says so where the organization is shown.
    const organizations = await page.locator('.card .card-org').allTextContents();
    expect(organizations.length).toBeGreaterThan(0);
    for (const organization of organizations) expect(organization).toMatch(/\(SYNTHETIC\)$/);
    await app.screenshot('search-synthetic-fresno');
  });
});
