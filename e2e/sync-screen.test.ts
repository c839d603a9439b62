import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../main/test-support/coordinator';
import type { FeedServer } from '../main/test-support/feed-server';
import { fingerprint } from '../main/sync/keys';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, STARTER_SERVICES, type AppSession } from './harness';

describe('Sync screen', () => {
  let app: AppSession;
  let coord: ReturnType<typeof coordinator>;
  let server: FeedServer;
  beforeEach(async () => {
    ({ coord, server } = await servedFeed(withSyntheticService(starterTables(), 'synthetic-night', 'Night shelter intake')));
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
    await stopFeed({ coord, server });
  });

  it('subscribes with the fingerprint shown, shows the diff, applies, and refuses a tampered update in plain words', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Directory updates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Directory updates from your coordinator' });
    // The map's own controls must not float above the dialog (they did: Leaflet's z-index leaked out).
    const zoomButtonOnTop = await page.evaluate(() => {
      const box = document.querySelector('.leaflet-control-zoom-in')!.getBoundingClientRect();
      return !!document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.closest('.leaflet-control-zoom');
    });
    expect(zoomButtonOnTop).toBe(false);
    await dialog.getByLabel('Feed address').fill(server.manifestUrl);
    await dialog.getByLabel('Publisher key').fill('ssh-ed25519 AAAA');
    await expect.poll(async () => (await dialog.locator('.sync-subscribe .error').textContent()) ?? '').toContain('not in the form ed25519:');
    expect(await dialog.getByRole('button', { name: 'Subscribe' }).isDisabled()).toBe(true);
    await dialog.getByLabel('Publisher key').fill(coord.pin);
    await expect.poll(() => dialog.locator('.sync-fingerprint code').textContent()).toBe(fingerprint(coord.pin));
    await app.screenshot('sync-subscribe');
    await dialog.getByRole('button', { name: 'Subscribe' }).click();

    const feed = dialog.getByRole('article', { name: server.manifestUrl });
    await expect.poll(() => feed.locator('code').textContent()).toBe(fingerprint(coord.pin));
    await feed.getByRole('button', { name: 'Check for updates' }).click();
    await expect.poll(() => feed.getByRole('status').first().textContent()).toContain(`Version 1 is verified and ready: ${STARTER_SERVICES + 1} added, 0 changed, 0 removed`);
    expect(await feed.locator('.sync-diff-added').textContent()).toContain(`Added (${STARTER_SERVICES + 1})`);
    // The first 30 by name, then how many more: counted in main, which sends the screen only the first of each list.
    expect(await feed.locator('.sync-diff-added li').count()).toBe(31);
    expect(await feed.locator('.sync-diff-added li').last().textContent()).toBe(`…and ${STARTER_SERVICES + 1 - 30} more`);
    await app.screenshot('sync-diff');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await feed.getByRole('button', { name: 'Apply version 1' }).click();
    await expect.poll(async () => (await feed.locator('.sync-done').textContent()) ?? '').toContain(`Version 1 is now installed: ${STARTER_SERVICES + 1} added`);
    // The card reloads the feed (history, installed version) just after it says so.
    await expect.poll(() => feed.locator('.sync-history tbody tr').count()).toBe(1);
    await expect.poll(async () => (await feed.locator('.sync-facts').textContent()) ?? '').toContain('version 1');

    coord.publish(starterTables());
    const data = join(coord.feedDir, 'v2', 'phones.csv');
    writeFileSync(data, readFileSync(data, 'utf8').replace('1-888-373-7888', '1-888-000-0000'));
    await feed.getByRole('button', { name: 'Check for updates' }).click();
    await expect.poll(async () => (await feed.getByRole('alert').textContent()) ?? '').toContain('is not the one the coordinator signed');
    expect(await feed.getByRole('button', { name: /Apply version/ }).count()).toBe(0);
    await app.screenshot('sync-refused');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await feed.getByRole('button', { name: 'Unsubscribe' }).click();
    await feed.getByRole('button', { name: 'Keep it' }).click();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The bundled directory, and beside it the feed's copy of it with one synthetic record more: a source of its own.
    await expect.poll(() => page.getByText(`${(2 * STARTER_SERVICES + 1).toLocaleString('en-US')} services from 2 sources`).count()).toBe(1);
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('Sync screen in Spanish', () => {
  it('speaks Spanish and explains the fingerprint check', async () => {
    const app = await launchApp({ prepare: (db) => void db.prepare("INSERT INTO local_setting (key, value) VALUES ('ui_language', 'es')").run() });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Actualizaciones del directorio' }).click();
      const dialog = page.getByRole('dialog', { name: 'Actualizaciones del directorio de su coordinador' });
      await expect.poll(async () => (await dialog.textContent()) ?? '').toContain('Aún no hay fuente');
      await dialog.getByLabel('Clave del publicador').fill(coordinatorPin());
      await expect.poll(async () => (await dialog.locator('.sync-fingerprint').textContent()) ?? '').toContain('Lea esta huella al coordinador por teléfono');
      await app.screenshot('sync-subscribe-es');
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

/** Any valid publisher key will do for the form. */
function coordinatorPin(): string {
  const c = coordinator();
  c.cleanup();
  return c.pin;
}
