import { afterEach, describe, expect, it } from 'vitest';
import { installDataset } from '../main/hsds/install/install-dataset';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, type AppSession } from './harness';

/** Large enough that the rebuild spans several of the results list's polls. */
const SERVICES = 12_000;

type Recording = { preparingShown: string[] };

// The first start after an update changed how the search index is built: the window says so, then searches.
describe('search being prepared after an update', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  it('shows how far the preparation has got where results go, then the results', { timeout: 120_000 }, async () => {
    app = await launchApp({
      prepare: (db) => {
        installDataset(db, syntheticDirectory(SERVICES), { datasetId: 'synthetic', version: '1', source: 'test', sourceName: 'bundled' });
        db.prepare("UPDATE search_index_state SET synonyms = 'old'").run();
      },
    });
    const { page } = app;
    // The handlers run in this test process, so the page records what it showed as it changed.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as Recording).preparingShown = seen;
      new MutationObserver(() => {
        const status = document.querySelector('.results-pane .import-progress [role="status"]')?.textContent ?? '';
        if (status && seen.at(-1) !== status) seen.push(status);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const preparing = page.getByRole('status').filter({ hasText: 'Preparing search after an update' });
    await expect.poll(() => preparing.count(), { timeout: 30_000 }).toBe(1);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await expect.poll(() => page.locator('.card').count(), { timeout: 60_000 }).toBe(50);
    await expect.poll(() => page.locator('.result-count').textContent()).toContain(`${SERVICES.toLocaleString('en')} services`);
    expect(await preparing.count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const seen = await page.evaluate(() => (window as unknown as Recording).preparingShown);
    const counts = seen.map((s) => Number(/([\d,]+) of/.exec(s)?.[1]?.replace(/,/g, '')));
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.every((s) => /^Preparing search after an update: [\d,]+ of [\d,]+ services indexed\./.test(s))).toBe(true);
  });
});
