import type { Locator, Page } from 'playwright-core';

// Runs in the page; e2e code is type-checked without DOM types, so it is passed as source text. A tile
// canvas's pixels, read through a 2D canvas: the basemap's tiles hold a bitmap, not a 2D context.
const TILE_PIXELS = `(canvas) => {
  const copy = document.createElement('canvas');
  copy.width = canvas.width;
  copy.height = canvas.height;
  const ctx = copy.getContext('2d');
  ctx.drawImage(canvas, 0, 0);
  return ctx.getImageData(0, 0, copy.width, copy.height).data;
}`;

const COLOURS_IN_TILES = `(() => {
  const pixels = ${TILE_PIXELS};
  const colours = new Set();
  for (const canvas of document.querySelectorAll('.map canvas.leaflet-tile-loaded')) {
    const data = pixels(canvas);
    for (let i = 0; i < data.length; i += 4 * 97) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
  }
  return colours.size;
})()`;

// For each basemap tile in the map's view: how many of its pixels are transparent, how many are dark ink,
// and whether the page drew it (a canvas the page draws on holds a 2D context; one showing a bitmap
// painted elsewhere holds a bitmap renderer, and asking it for a 2D context answers null).
const TILES_IN_VIEW = `(() => {
  const pixels = ${TILE_PIXELS};
  const view = document.querySelector('.map').getBoundingClientRect();
  return [...document.querySelectorAll('.map canvas.leaflet-tile-loaded')]
    .filter((canvas) => {
      const r = canvas.getBoundingClientRect();
      return r.right > view.left && r.left < view.right && r.bottom > view.top && r.top < view.bottom;
    })
    .map((canvas) => {
      const drawnByPage = canvas.getContext('2d') !== null;
      const data = pixels(canvas);
      let transparent = 0, ink = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) transparent++;
        else if (data[i] < 90 && data[i + 1] < 90 && data[i + 2] < 110) ink++;
      }
      return { transparent, ink, drawnByPage };
    });
})()`;

export interface TileInView {
  transparent: number;
  /** Dark pixels: names and their dots. */
  ink: number;
  drawnByPage: boolean;
}

/** Each basemap tile in the map's view, once every tile is drawn. */
export async function tilesInView(page: Page): Promise<TileInView[]> {
  await tilesDrawn(page);
  return page.evaluate(TILES_IN_VIEW) as Promise<TileInView[]>;
}

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

/** Reloads the page with the scripts matching `glob` missing, as a damaged install would leave them; the map's message. */
export async function mapMessageWithout(page: Page, glob: string): Promise<Locator> {
  await page.route(glob, (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.reload();
  return page.locator('.map-frame [role="alert"]');
}
