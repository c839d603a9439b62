import type { Page } from 'playwright-core';

// Runs in the page; e2e code is type-checked without DOM types, so it is passed as source text.
const COLOURS_IN_TILES = `(() => {
  const colours = new Set();
  for (const canvas of document.querySelectorAll('.map canvas.leaflet-tile-loaded')) {
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return colours.size;
})()`;

/** Waits until the map has drawn basemap tiles, and says how many distinct colours they hold. */
export async function basemapColours(page: Page): Promise<number> {
  // Every tile in view drawn first: on a loaded machine the first one can be drawn well before the rest.
  await page.locator('.map canvas.leaflet-tile-loaded').first().waitFor();
  await tilesDrawn(page);
  return page.evaluate(COLOURS_IN_TILES) as Promise<number>;
}

/** Waits until every basemap tile in view has been drawn. */
export async function tilesDrawn(page: Page): Promise<void> {
  await page.locator('.map .leaflet-tile').first().waitFor();
  await page.locator('.map .leaflet-tile:not(.leaflet-tile-loaded)').first().waitFor({ state: 'detached' });
}

/** Zooms with the map's own buttons until it reaches `zoom`, then lets the tiles draw. */
export async function zoomTo(page: Page, zoom: number): Promise<void> {
  const map = page.locator('.map');
  for (;;) {
    const now = Number(await map.getAttribute('data-zoom'));
    if (now === zoom) break;
    await page.locator(now < zoom ? '.leaflet-control-zoom-in' : '.leaflet-control-zoom-out').click();
    await page.locator(`.map:not([data-zoom="${now}"])`).waitFor();
  }
  await tilesDrawn(page);
}
