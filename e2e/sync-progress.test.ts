import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coordinator, servedFeed, stopFeed } from '../main/test-support/coordinator';
import type { FeedServer } from '../main/test-support/feed-server';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, type AppSession } from './harness';

/** What the dialog's progress showed at one moment. */
type Shown = { status: string; label: string | null; value: number; max: number; busy: string | null };
type Recording = { progressShown: Shown[] };

/** Large enough that applying it takes a good number of the dialog's progress polls. */
const SERVICES = 12_000;

describe('Sync progress', () => {
  let app: AppSession;
  let coord: ReturnType<typeof coordinator>;
  let server: FeedServer;
  beforeEach(async () => {
    ({ coord, server } = await servedFeed(syntheticDirectory(SERVICES)));
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
    await stopFeed({ coord, server });
  });

  it('shows the step and how far the apply has got while a large update is written', { timeout: 120_000 }, async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Directory updates' }).click();
    const dialog = page.getByRole('dialog', { name: 'Directory updates from your coordinator' });
    await dialog.getByLabel('Feed address').fill(server.manifestUrl);
    await dialog.getByLabel('Publisher key').fill(coord.pin);
    await dialog.getByRole('button', { name: 'Subscribe' }).click();
    const feed = dialog.getByRole('article', { name: server.manifestUrl });
    await feed.getByRole('button', { name: 'Check for updates' }).click();
    await expect.poll(() => feed.getByRole('status').first().textContent(), { timeout: 60_000 }).toContain(`Version 1 is verified and ready: ${SERVICES} added`);

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
    expect(info.ok && info.value.services).toBe(SERVICES);
    expect(app.blockedRequests).toEqual([]);
  });
});
