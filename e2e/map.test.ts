import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchApp, type AppSession } from './harness';
import { basemapColours, tilesDrawn, zoomTo } from './map-support';

describe('map', () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('draws the offline basemap and the result markers with every non-local request blocked', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(10);
    // Land, sea, state and county lines and names: far more than a blank or one-colour tile.
    expect(await basemapColours(page)).toBeGreaterThan(20);
    await expect.poll(() => page.locator('.map .map-pin, .map .map-cluster').count()).toBeGreaterThan(0);
    await app.screenshot('map-state');
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('map and list share one selection', () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('selecting in the list pans the map to the service; at county and neighbourhood zoom the names stay readable', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(10);
    await zoomTo(page, 9);
    const selected = page.locator('.map .map-pin.selected');
    expect(await page.locator('.map .map-pin').count()).toBe(0);
    await page.locator('.card', { hasText: 'CAST survivor services' }).click();
    // The selected service (Los Angeles) is marked on the map and brought into view.
    await expect.poll(() => selected.count()).toBe(1);
    await tilesDrawn(page);
    const frame = (await page.locator('.map').boundingBox())!;
    const pin = (await selected.first().boundingBox())!;
    expect(pin.x).toBeGreaterThan(frame.x);
    expect(pin.x + pin.width).toBeLessThan(frame.x + frame.width);
    expect(await basemapColours(page)).toBeGreaterThan(20);
    await app.screenshot('map-los-angeles-county');
    await zoomTo(page, 13);
    expect(await basemapColours(page)).toBeGreaterThan(3);
    await app.screenshot('map-neighbourhood');
  });

  it('clicking co-located services spiderfies them; clicking one selects it in the list and opens its detail', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(10);
    // The starter directory places several Los Angeles organizations at the city centre.
    await zoomTo(page, 9);
    await page.locator('.card', { hasText: 'CAST survivor services' }).click();
    await zoomTo(page, 17);
    const stack = page.locator('.map .map-pin.stack');
    await expect.poll(() => stack.count()).toBe(1);
    const count = Number(await stack.textContent());
    expect(count).toBeGreaterThan(1);
    await stack.click();
    const leaves = page.locator('.map .map-pin:not(.stack)');
    await expect.poll(() => leaves.count()).toBe(count);
    await app.screenshot('map-spiderfied');
    const leaf = leaves.filter({ hasNot: page.locator('.selected') }).and(page.locator('[title*="Task Force"]'));
    await leaf.click();
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe('Los Angeles Regional Human Trafficking Task Force');
    await expect.poll(() => page.locator('.card.selected').textContent()).toContain('Los Angeles Regional Human Trafficking Task Force');
  });
});
