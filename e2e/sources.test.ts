import { afterEach, describe, expect, it } from 'vitest';
import { dbDigest } from '../main/test-support/db-digest';
import { seriousAccessibilityViolations } from './axe';
import { installDeskFixture } from './desk-fixture';
import { launchApp, STARTER_SERVICES, type AppSession } from './harness';

describe('Directory sources in Settings', () => {
  let app: AppSession;
  afterEach(async () => app.close());

  it('lists the bundled directory and an imported file; removing the file asks, Keep changes nothing, Remove drops its services', async () => {
    app = await launchApp({ prepare: (db) => installDeskFixture(db, 'synthetic-1', 'county.json') });
    const { page, db } = app;
    const county = db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county.json'").pluck().get() as number;
    const header = page.locator('.dataset');
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES + county} services`));

    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const sources = settings.getByRole('region', { name: 'Directory sources' });
    await expect.poll(() => sources.getByRole('listitem').allTextContents()).toEqual([
      expect.stringMatching(new RegExp(`^bundled \\(bundled with the app\\)${STARTER_SERVICES} services · updated `)),
      expect.stringMatching(new RegExp(`^county\\.json \\(imported file\\)${county} services · updated `)),
    ]);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources');

    const before = dbDigest(db);
    await sources.getByRole('button', { name: 'Remove county.json' }).click();
    const ask = page.getByRole('dialog', { name: 'Remove the source “county.json”?' });
    expect(await ask.textContent()).toContain(`Its ${county} services leave the directory; the other sources stay as they are.`);
    // Keeping is the default: Enter on the focused button changes nothing.
    await expect.poll(() => ask.getByRole('button', { name: 'Keep this source' }).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => ask.count()).toBe(0);
    expect(dbDigest(db)).toBe(before);
    expect(await sources.getByRole('listitem').count()).toBe(2);

    await sources.getByRole('button', { name: 'Remove county.json' }).click();
    await ask.getByRole('button', { name: 'Remove the source' }).click();
    await expect.poll(() => sources.getByRole('status').textContent()).toBe(`Removed “county.json” (${county} services).`);
    expect(await sources.getByRole('listitem').allTextContents()).toEqual([expect.stringMatching(/^bundled /)]);
    expect(db.prepare('SELECT count(*) FROM service').pluck().get()).toBe(STARTER_SERVICES);
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES} services`));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
