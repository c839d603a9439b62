import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASEMAP, FIRST_PAGE, launchApp, searchDirect, showInSpanish, type AppSession } from './harness';
import { basemapColours, mapMessageWithout, tilesDrawn, tilesInView, zoomTo } from './map-support';
import { installSyntheticDirectory } from './synthetic-directory';

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
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    // Land, sea, state and county lines and names: far more than a blank or one-colour tile.
    expect(await basemapColours(page)).toBeGreaterThan(20);
    await expect.poll(() => page.locator('.map .map-pin, .map .map-cluster').count()).toBeGreaterThan(0);
    await app.screenshot('map-state');
    expect(app.blockedRequests).toEqual([]);
  });

  it('zoomed and panned with the keyboard, every basemap tile in view is painted with its names, by a worker rather than the page', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    await tilesDrawn(page);
    const map = page.locator('.map');
    await map.focus();
    for (const zoom of [7, 8, 9]) {
      await page.keyboard.press('Equal');
      await page.locator(`.map[data-zoom="${zoom}"]`).waitFor();
    }
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowDown']) await page.keyboard.press(key);
    // Inland California at county zoom: land under every pixel, so a tile left blank (or a seam) shows as
    // transparent pixels, and names and their dots as dark ink.
    const tiles = await tilesInView(page);
    expect(tiles.length).toBeGreaterThanOrEqual(6);
    expect(tiles.filter((t) => t.transparent > 0)).toEqual([]);
    expect(tiles.reduce((sum, t) => sum + t.ink, 0)).toBeGreaterThan(500);
    expect(tiles.filter((t) => t.drawnByPage)).toEqual([]);
    expect(page.workers().some((w) => w.url().includes('basemap-worker'))).toBe(true);
    expect(app.blockedRequests).toEqual([]);
  });

  it('an answer with the same results leaves the markers on the map as they were instead of drawing them again', async () => {
    const { page } = app;
    const map = page.locator('.map');
    const markers = page.locator('.map .leaflet-marker-icon');
    const box = page.getByRole('searchbox');
    const drawn = async () => Number(await map.getAttribute('data-draws'));
    /** Resolves once the map has drawn after `draws` and then not again for a while: the answer's last draw. */
    const settled = async (draws: number) => {
      let last = -1;
      await expect
        .poll(async () => {
          const now = await drawn();
          const still = now > draws && now === last;
          last = now;
          return still;
        }, { interval: 400 })
        .toBe(true);
      return last;
    };
    await expect.poll(() => markers.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const first = await drawn();
    await box.fill('shelter');
    const draws = await settled(first);
    const status = await page.locator('.map-status').textContent();
    const before = await markers.count();
    await page.evaluate(`document.querySelectorAll('.map .leaflet-marker-icon').forEach((m) => m.setAttribute('data-drawn-before', ''))`);
    // A space typed after the word: the same services, so the same result set, in a new answer.
    await box.press('End');
    await box.press(' ');
    await expect.poll(drawn).toBeGreaterThan(draws);
    expect(await page.locator('.map-status').textContent()).toBe(status);
    expect(await markers.count()).toBe(before);
    expect(await page.locator('.map .leaflet-marker-icon:not([data-drawn-before])').count()).toBe(0);
  });

  it('a basemap worker that fails to load says so on the map, in the screen language, and the markers still show', async () => {
    const { page } = app;
    const message = await mapMessageWithout(page, '**/basemap-worker-*.js');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toBe(
      'The offline map could not be drawn, so the map shows no land, roads or place names. The results and their markers are still shown. Restarting the app may bring the map back.',
    );
    await expect.poll(() => page.locator('.map .map-pin, .map .map-cluster').count()).toBeGreaterThan(0);
    expect(await page.locator('.map canvas.leaflet-tile-loaded').count()).toBe(0);
    await app.screenshot('map-basemap-failed');
    await showInSpanish(page);
    await expect
      .poll(() => message.textContent())
      .toBe('No se pudo dibujar el mapa sin conexión, así que el mapa no muestra tierra, carreteras ni nombres de lugares. Los resultados y sus marcadores se siguen mostrando. Reiniciar la aplicación puede devolver el mapa.');
    expect(app.blockedRequests).toEqual([]);
  });

  it('a cluster worker that fails to load says on the map that the markers are missing, in the screen language, and the list still shows the results', async () => {
    const { page } = app;
    const message = await mapMessageWithout(page, '**/cluster-worker-*.js');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toBe(
      'The result markers could not be drawn, so the map shows no services: this does not mean none are near. The results are still shown in the list. Restarting the app may bring the markers back.',
    );
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    // The basemap, a worker of its own, still draws: only the markers are missing.
    await tilesDrawn(page);
    expect(await basemapColours(page)).toBeGreaterThan(20);
    expect(await page.locator('.map .map-pin, .map .map-cluster').count()).toBe(0);
    await app.screenshot('map-markers-failed');
    await showInSpanish(page);
    await expect
      .poll(() => message.textContent())
      .toBe('No se pudieron dibujar los marcadores de los resultados, así que el mapa no muestra servicios: eso no quiere decir que no haya ninguno cerca. Los resultados se siguen mostrando en la lista. Reiniciar la aplicación puede devolver los marcadores.');
    expect(await page.locator('.card').count()).toBe(FIRST_PAGE);
    expect(app.blockedRequests).toEqual([]);
  });

  it('a cluster worker that fails after drawing takes its markers and the "on the map" count off the map', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.map .map-pin, .map .map-cluster').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.map-status').count()).toBe(1);
    const worker = page.workers().find((w) => w.url().includes('cluster-worker'));
    expect(worker).toBeDefined();
    // An error the worker does not catch reaches the page as its failure, as a crash mid-draw would.
    await worker!.evaluate(() => void setTimeout(() => {
      throw new Error('the cluster worker broke');
    }));
    await expect.poll(() => page.locator('.map-frame [role="alert"]').textContent()).toContain('The result markers could not be drawn');
    expect(await page.locator('.map .map-pin, .map .map-cluster').count()).toBe(0);
    expect(await page.locator('.map-status').count()).toBe(0);
    expect(await page.locator('.card').count()).toBe(FIRST_PAGE);
  });

  it('when both map workers fail to load, one message on the map says the map and the markers are missing', async () => {
    const { page } = app;
    const message = await mapMessageWithout(page, '**/{basemap,cluster}-worker-*.js');
    await expect.poll(() => message.textContent(), { timeout: 15_000 }).toBe(
      'The offline map and the result markers could not be drawn, so the map shows no land, roads, place names or services: this does not mean none are near. The results are still shown in the list. Restarting the app may bring the map back.',
    );
    expect(await message.count()).toBe(1);
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    expect(app.blockedRequests).toEqual([]);
  });

  it('a ZIP typed for distance shows its point and a ring of the chosen radius, offline; clearing the place removes them', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    const reference = page.locator('.map .map-reference');
    const ring = page.locator('.map path.map-ring');
    await page.getByPlaceholder('ZIP code or California place').fill('90012');
    await expect.poll(() => reference.count()).toBe(1);
    expect(await page.locator('.map .map-reference-label').textContent()).toContain('90012');
    const { lat } = ((await page.evaluate("window.atlas.geocode({ text: '90012', limit: 1 })")) as { value: { matches: { lat: number }[] } }).value.matches[0]!;

    for (const km of [25, 10]) {
      await page.getByLabel('Distance').selectOption(String(km));
      // Leaflet draws the ring in Web Mercator: km across at that latitude, scaled by the zoom it fitted.
      const expected = async () => {
        const zoom = Number(await page.locator('.map').getAttribute('data-zoom'));
        const degrees = (((km * 1000) / (6_371_000 * Math.cos((lat * Math.PI) / 180))) * 180) / Math.PI;
        return ((degrees / 360) * 256 * 2 ** zoom) / ((await ring.boundingBox())!.width / 2);
      };
      await expect.poll(expected).toBeCloseTo(1, 1);
      await tilesDrawn(page);
      const [circle, dot, frame] = [(await ring.boundingBox())!, (await reference.boundingBox())!, (await page.locator('.map').boundingBox())!];
      expect(Math.abs(circle.x + circle.width / 2 - (dot.x + dot.width / 2))).toBeLessThan(2);
      expect(Math.abs(circle.y + circle.height / 2 - (dot.y + dot.height / 2))).toBeLessThan(2);
      // The whole ring is in view.
      expect(circle.x).toBeGreaterThanOrEqual(frame.x);
      expect(circle.x + circle.width).toBeLessThanOrEqual(frame.x + frame.width);
    }
    expect(await basemapColours(page)).toBeGreaterThan(20);
    await app.screenshot('map-distance-ring');

    await page.getByRole('button', { name: 'Clear place' }).click();
    await expect.poll(() => reference.count()).toBe(0);
    expect(await ring.count()).toBe(0);
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
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    await zoomTo(page, 9);
    const selected = page.locator('.map .map-pin.selected');
    expect(await selected.count()).toBe(0);
    // A query first, settled on the real handler's answer: clicking deep in the long unfiltered list
    // could land on a card being re-rendered under the pointer.
    const expected = searchDirect(app, { text: 'victim compensation' }).results.map((c) => c.name);
    await page.getByRole('searchbox').fill('victim compensation');
    await expect.poll(() => page.locator('.card .card-name').allTextContents()).toEqual(expected);
    await page.locator('.card', { hasText: 'California Victim Compensation Program (CalVCP)' }).click();
    // The selected service (Sacramento) is marked on the map and brought into view.
    await expect.poll(() => selected.count()).toBe(1);
    await tilesDrawn(page);
    const frame = (await page.locator('.map').boundingBox())!;
    // The pan to it is animated: its box exists once the pin is drawn in view.
    await expect.poll(() => selected.first().boundingBox()).not.toBeNull();
    const pin = (await selected.first().boundingBox())!;
    expect(pin.x).toBeGreaterThan(frame.x);
    expect(pin.x + pin.width).toBeLessThan(frame.x + frame.width);
    expect(await basemapColours(page)).toBeGreaterThan(20);
    await app.screenshot('map-sacramento-county');
    await zoomTo(page, 13);
    expect(await basemapColours(page)).toBeGreaterThan(3);
    await app.screenshot('map-neighbourhood');
  });

  it('clicking co-located services spiderfies them; clicking one selects it in the list and opens its detail', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count(), { timeout: 15_000 }).toBe(FIRST_PAGE);
    // The starter directory places the Sacramento state offices at the city centre: the place typed for
    // distance centres the map there.
    await page.getByPlaceholder('ZIP code or California place').fill('Sacramento');
    await expect.poll(() => page.locator('.map .map-reference').count()).toBe(1);
    await zoomTo(page, 17);
    const stack = page.locator('.map .map-pin.stack');
    await expect.poll(() => stack.count()).toBe(1);
    const count = Number(await stack.textContent());
    expect(count).toBeGreaterThan(1);
    await stack.click();
    const leaves = page.locator('.map .map-pin:not(.stack)');
    await expect.poll(() => leaves.count()).toBe(count);
    await app.screenshot('map-spiderfied');
    const leaf = leaves.filter({ hasNot: page.locator('.selected') }).and(page.locator('[title*="Discrimination and human trafficking complaints"]'));
    await leaf.click();
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe('Discrimination and human trafficking complaints');
    await expect.poll(() => page.locator('.card.selected').textContent()).toContain('Discrimination and human trafficking complaints');
  });
});

// 20,000 keeps the suite short on two shared cores; the clustering step itself is measured at 100,000 by
// `npm run bench -- --only map`.
const SYNTHETIC_SERVICES = 20_000;

describe(`map at ${SYNTHETIC_SERVICES.toLocaleString('en-US')} services (synthetic)`, () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp({ prepare: (db) => installSyntheticDirectory(db, SYNTHETIC_SERVICES) });
  });
  afterEach(async () => {
    await app.close();
  });

  it('shows the whole result set as a few hundred clusters at most, which break apart as you zoom in', { timeout: 120_000 }, async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.result-count').textContent(), { timeout: 30_000 }).toContain(`${SYNTHETIC_SERVICES.toLocaleString('en-US')} services`);
    const clusters = page.locator('.map .map-cluster');
    await expect.poll(() => clusters.count(), { timeout: 30_000 }).toBeGreaterThan(0);
    const markers = page.locator('.map .leaflet-marker-icon');
    expect(await markers.count()).toBeLessThan(300);
    await tilesDrawn(page);
    await app.screenshot('map-synthetic-state');
    await expect.poll(() => page.locator('.map-status').textContent()).toContain(`${SYNTHETIC_SERVICES.toLocaleString('en-US')} of ${SYNTHETIC_SERVICES.toLocaleString('en-US')} on the map`);
    const biggest = Math.max(...(await clusters.allTextContents()).map((s) => Number(s.replace(/\D/g, ''))));
    await clusters.filter({ hasText: new RegExp(`^${biggest.toLocaleString('en-US')}$`) }).first().click();
    await page.locator('.map:not([data-zoom="6"])').waitFor();
    await tilesDrawn(page);
    expect(await markers.count()).toBeLessThan(300);
    expect(Math.max(...(await clusters.allTextContents()).map((s) => Number(s.replace(/\D/g, ''))))).toBeLessThan(biggest);
    await app.screenshot('map-synthetic-zoomed');

    // Downtown Los Angeles at neighbourhood zoom: single services as pins among the basemap's names.
    await page.getByPlaceholder('ZIP code or California place').fill('90012');
    await expect.poll(() => page.locator('.map .map-reference').count(), { timeout: 30_000 }).toBe(1);
    await zoomTo(page, 13);
    await expect.poll(() => page.locator('.map .map-pin').count()).toBeGreaterThan(0);
    expect(await markers.count()).toBeLessThan(300);
    await app.screenshot('map-synthetic-neighbourhood');
    // These services have a point and no address: a card with a distance never says its location is unknown.
    expect(await page.locator('.card', { has: page.locator('.distance') }).filter({ hasText: 'Location not stated' }).count()).toBe(0);
    expect(await page.locator('.card', { hasText: 'City not stated' }).count()).toBeGreaterThan(0);
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('map sources beyond the bundled basemap', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  it('online street tiles stay off until the user reads the warning and turns them on; then only the chosen host is asked', async () => {
    app = await launchApp();
    const { page } = app;
    await basemapColours(page);
    const toggle = page.getByLabel('Street map (online)');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.check();
    const warning = page.getByRole('alertdialog');
    await expect.poll(() => warning.textContent()).toContain('tells the tile server which area you are viewing');
    await page.getByLabel('Tile address').fill('http://tiles.example.org/{z}/{x}/{y}.png');
    await page.getByRole('button', { name: 'Turn on online street map' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('tileUrl: must start with https://');
    expect(app.blockedRequests).toEqual([]);

    await page.getByLabel('Tile address').fill('https://tiles.example.org/{z}/{x}/{y}.png');
    await page.getByRole('button', { name: 'Turn on online street map' }).click();
    // The page reloads with a policy allowing that one host; the harness blocks and records the requests.
    await expect.poll(() => page.locator('.map-notice').textContent()).toContain('tiles.example.org sees which areas you view');
    await expect.poll(() => app.blockedRequests.length).toBeGreaterThan(0);
    expect(app.blockedRequests.every((url) => /^https:\/\/tiles\.example\.org\/\d+\/\d+\/\d+\.png$/.test(url))).toBe(true);

    // Turning it off reloads the page, so click rather than uncheck (which would inspect the old page).
    await page.getByLabel('Street map (online)').click();
    await expect.poll(() => page.locator('.map-notice').count()).toBe(0);
    expect(await page.getByLabel('Street map (online)').isChecked()).toBe(false);
    const before = app.blockedRequests.length;
    await zoomTo(page, 8);
    expect(app.blockedRequests.length).toBe(before);
  });

  it('a broken tile address stored by hand still lets the page load, with online tiles off and a notice', async () => {
    app = await launchApp({
      prepare: (db) =>
        void db.prepare("INSERT INTO local_setting (key, value) VALUES ('map.settings', ?)").run(JSON.stringify({ onlineTiles: true, tileUrl: 'https://a<b/{z}/{x}/{y}' })),
    });
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    await expect.poll(() => page.locator('.map-notice').textContent()).toContain('could not be used, so the online street map is off');
    expect(await page.getByLabel('Street map (online)').isChecked()).toBe(false);
    expect(app.blockedRequests).toEqual([]);
  });

  it('draws a street map file the user opens, through the same byte channel, with OpenStreetMap credited', async () => {
    app = await launchApp({ chooseStreetMap: async () => BASEMAP });
    const { page } = app;
    await basemapColours(page);
    await page.getByRole('button', { name: 'Open street map file…' }).click();
    await expect.poll(() => page.getByLabel('Street map file: basemap.pmtiles').isChecked()).toBe(true);
    await expect.poll(() => page.locator('.leaflet-control-attribution').textContent()).toContain('OpenStreetMap');
    expect(await basemapColours(page)).toBeGreaterThan(3);
    await page.getByLabel('Street map file: basemap.pmtiles').uncheck();
    await expect.poll(() => page.locator('.leaflet-control-attribution').textContent()).not.toContain('OpenStreetMap');
    expect(app.blockedRequests).toEqual([]);
  });

  it('lists every dependency’s licence, saying react-leaflet is under the Hippocratic License', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Licences' }).click();
    const dialog = page.getByRole('dialog', { name: 'Licences' });
    const row = (name: string) => dialog.locator('tr', { has: page.getByRole('cell', { name, exact: true }) });
    await expect.poll(() => row('react-leaflet').textContent()).toContain('Hippocratic-2.1');
    expect(await dialog.textContent()).toContain('Hippocratic License 2.1');
    expect(await row('leaflet').textContent()).toContain('BSD-2-Clause');
    await app.screenshot('licences');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
