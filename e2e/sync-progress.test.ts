import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coordinator, servedFeed, starterTables, stopFeed, withSyntheticService } from '../main/test-support/coordinator';
import type { Page } from 'playwright-core';
import type { FeedServer } from '../main/test-support/feed-server';
import type { TableRows } from '../main/db/hsds-tables';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, STARTER_SERVICES, type AppSession } from './harness';

/** What the dialog's progress showed at one moment. */
type Shown = { status: string; label: string | null; value: number; max: number; busy: string | null };
type Recording = { progressShown: Shown[] };

/** Large enough that applying it takes a good number of the dialog's progress polls. */
const SERVICES = 12_000;

/**
 * Large enough that a cancel pressed once the apply has written some records lands before it commits, even
 * when the whole test suite loads the machine (at 12,000 services the commit sometimes came first).
 */
const CANCEL_SERVICES = 40_000;

type Served = { app: AppSession; coord: ReturnType<typeof coordinator>; server: FeedServer };

/**
 * For each test of the calling describe block: a coordinator's feed of these tables served on 127.0.0.1,
 * and the app launched (as `launch` says); both stopped after it. The tables are made once, by `tables`.
 */
function feedAndApp(tables: () => TableRows, launch: Parameters<typeof launchApp>[0] = {}): Served {
  const served = {} as Served;
  let made: TableRows | undefined;
  beforeEach(async () => {
    Object.assign(served, await servedFeed((made ??= tables())));
    served.app = await launchApp(launch);
  });
  afterEach(async () => {
    await served.app.close();
    await stopFeed(served);
  });
  return served;
}

/** Subscribes in the Sync dialog and checks the large feed, returning its card once version 1 is verified. */
async function subscribeAndCheck(page: Page, url: string, pin: string, services = SERVICES) {
  await page.getByRole('button', { name: 'Directory updates' }).click();
  const dialog = page.getByRole('dialog', { name: 'Directory updates from your coordinator' });
  await dialog.getByLabel('Feed address').fill(url);
  await dialog.getByLabel('Publisher key').fill(pin);
  await dialog.getByRole('button', { name: 'Subscribe' }).click();
  const feed = dialog.getByRole('article', { name: url });
  await feed.getByRole('button', { name: 'Check for updates' }).click();
  await expect.poll(() => feed.getByRole('status').first().textContent(), { timeout: 60_000 }).toContain(`Version 1 is verified and ready: ${services} added`);
  return feed;
}

describe('Sync progress', () => {
  const served = feedAndApp(() => syntheticDirectory(SERVICES));

  it('shows the step and how far the apply has got while a large update is written', { timeout: 120_000 }, async () => {
    const { app, coord, server } = served;
    const { page } = app;
    const feed = await subscribeAndCheck(page, server.manifestUrl, coord.pin);

    // The handlers run in this test process, so while main works Playwright itself waits between batches:
    // the page records what the dialog showed, as it changed, for the assertions below.
    await page.evaluate(() => {
      const seen: Shown[] = [];
      (window as unknown as Recording).progressShown = seen;
      new MutationObserver(() => {
        const box = document.querySelector('.sync-progress');
        const bar = box?.querySelector('progress');
        const status = box?.querySelector('[role="status"]')?.textContent ?? '';
        if (!box || !bar || seen.at(-1)?.status === status) return;
        seen.push({ status, label: bar.getAttribute('aria-label'), value: bar.value, max: bar.max, busy: box.getAttribute('aria-busy') });
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    // A source of its own beside the bundled directory: nothing of that is removed, so nothing to confirm.
    await feed.getByRole('button', { name: 'Apply version 1' }).click();
    await expect.poll(async () => (await feed.locator('.sync-done').textContent()) ?? '', { timeout: 60_000 }).toContain(`Version 1 is now installed: ${SERVICES.toLocaleString('en')} added`);
    const seen = await page.evaluate(() => (window as unknown as Recording).progressShown);

    // Announced as the import's progress is: a labelled bar and a status line, inside a busy region.
    const writing = seen.filter((s) => /^Step 4 of 4: applying [\d,]+ of [\d,]+ records$/.test(s.status));
    expect(writing.length, JSON.stringify(seen)).toBeGreaterThan(0);
    for (const s of writing) expect(s).toMatchObject({ label: s.status, busy: 'true', max: expect.any(Number) });
    const done = writing.map((s) => s.value);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1), JSON.stringify(seen)).toBeGreaterThan(0);
    expect(writing.at(-1)!.max).toBeGreaterThan(SERVICES);
    expect(await feed.locator('.sync-progress').count()).toBe(0);
    await app.screenshot('sync-applied-large');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    const info = await page.evaluate(() => window.atlas.info(undefined));
    expect(info.ok && info.value.services).toBe(STARTER_SERVICES + SERVICES);
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('Cancelling a large apply', () => {
  const served = feedAndApp(() => syntheticDirectory(CANCEL_SERVICES));

  it('stops a large apply from the keyboard, says nothing was changed, and gives the focus back to Apply', { timeout: 120_000 }, async () => {
    const { app, coord, server } = served;
    const { page } = app;
    const before = await page.evaluate(() => window.atlas.info(undefined));
    const feed = await subscribeAndCheck(page, server.manifestUrl, coord.pin, CANCEL_SERVICES);

    const apply = feed.getByRole('button', { name: 'Apply version 1' });
    await apply.focus();
    await page.keyboard.press('Enter');
    // Cancel takes the focus while the apply runs, so the keyboard reaches it at once.
    const cancel = feed.getByRole('button', { name: 'Cancel', exact: true });
    await expect.poll(() => cancel.evaluate((b) => b === document.activeElement), { timeout: 30_000 }).toBe(true);
    // Polled often, so the cancel lands while the apply is still writing even on a loaded machine.
    await expect
      .poll(async () => (await feed.locator('.sync-progress [role="status"]').textContent()) ?? '', { timeout: 60_000, interval: 50 })
      .toMatch(/^Step 4 of 4: applying [1-9][\d,]* of/);
    await page.keyboard.press('Enter');

    // Whatever the card ends with (cancelled, too late, done or an error), so a failure says which.
    const outcome = feed.locator('.sync-cancelled, .sync-too-late, .sync-done, .message.error');
    await expect.poll(async () => ((await outcome.count()) > 0 ? await outcome.first().textContent() : ''), { timeout: 60_000 }).toBe(
      'Applying version 1 was cancelled. Nothing was changed: the directory, its history and search are as they were.',
    );
    expect(await feed.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
    expect(await apply.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await feed.textContent()).toContain('not from this feed');
    expect(await feed.textContent()).toContain('Nothing applied from this feed yet.');
    expect(await page.evaluate(() => window.atlas.info(undefined))).toEqual(before);
    await app.screenshot('sync-cancelled');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(app.blockedRequests).toEqual([]);
  });
});

describe('Cancelling a sync in Spanish', () => {
  const served = feedAndApp(() => withSyntheticService(starterTables(), 'synthetic-1', 'Legal clinic'), {
    prepare: (db) => void db.prepare("INSERT INTO local_setting (key, value) VALUES ('ui_language', 'es')").run(),
  });

  it('stops a slow download and says so', { timeout: 60_000 }, async () => {
    const { app, coord, server } = served;
    const { page } = app;
    await page.getByRole('button', { name: 'Actualizaciones del directorio' }).click();
    const dialog = page.getByRole('dialog', { name: 'Actualizaciones del directorio de su coordinador' });
    await dialog.getByLabel('Dirección de la fuente').fill(server.manifestUrl);
    await dialog.getByLabel('Clave del publicador').fill(coord.pin);
    await dialog.getByRole('button', { name: 'Suscribirse' }).click();
    const feed = dialog.getByRole('article', { name: server.manifestUrl });
    const seen = server.trickleNext(server.firstFile());
    await feed.getByRole('button', { name: 'Buscar actualizaciones' }).click();
    await expect.poll(() => seen.started).toBe(true);
    await app.screenshot('sync-cancel-download-es');
    await feed.getByRole('button', { name: 'Cancelar', exact: true }).click();
    await expect.poll(async () => (await feed.locator('.sync-cancelled').textContent()) ?? '').toBe('Búsqueda de actualizaciones cancelada. No se cambió nada.');
    await expect.poll(() => seen.dropped).toBe(true);
    expect(await feed.getByRole('button', { name: 'Buscar actualizaciones' }).isEnabled()).toBe(true);
    await app.screenshot('sync-cancelled-es');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
