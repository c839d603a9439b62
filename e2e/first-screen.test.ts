import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STARTER_VERSION } from '../main/hsds/install/starter';
import { FIRST_PAGE, launchApp, searchDirect, STARTER_SERVICES, type AppSession } from './harness';
import { tilesInView } from './map-support';

describe('first screen', () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists the bundled directory on launch over the offline map with its place names, with no request leaving the machine', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    await expect.poll(() => page.getByText(`${STARTER_SERVICES.toLocaleString('en-US')} services · directory ${STARTER_VERSION}`).count()).toBe(1);
    const tiles = await tilesInView(page);
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.filter((t) => t.ink > 0).length).toBeGreaterThan(0);
    await app.screenshot('first-screen');
    expect(app.blockedRequests).toEqual([]);
  });

  it('finds the National Human Trafficking Hotline by typing "trafficking hotline" and opens its detail with its cited pages', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('trafficking hotline');
    // The list has settled on this query's answer (as the real handler gives it), so the click lands where it aims.
    const expected = searchDirect(app, { text: 'trafficking hotline' }).results.map((c) => c.name);
    await expect.poll(() => page.locator('.card .card-name').allTextContents()).toEqual(expected);
    const card = page.locator('.card', { hasText: 'National Human Trafficking Hotline' });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain('1-888-373-7888');
    await card.click();
    const detail = page.locator('article.detail');
    await expect.poll(() => detail.textContent()).toContain('Open 24 hours, 7 days a week');
    expect(await detail.textContent()).toContain('tele-interpreting');
    expect(await detail.locator('h2').textContent()).toBe('National Human Trafficking Hotline');
    expect(await detail.locator('a[href^="tel:"]').first().getAttribute('href')).toBe('tel:18883737888');
    // Each fact's page is listed; a click goes out through main's checked opener, and the page stays put.
    const source = detail.locator('.sources a', { hasText: 'https://humantraffickinghotline.org/about-us/what-we-do' });
    expect(await source.count()).toBe(1);
    expect(await detail.locator('.sources').textContent()).toContain('read there: organization, name');
    const before = page.url();
    await source.click();
    await expect.poll(() => app.openedExternally).toEqual(['https://humantraffickinghotline.org/about-us/what-we-do']);
    expect(page.url()).toBe(before);
    expect(app.blockedRequests).toEqual([]);
    await app.screenshot('hotline-detail');
  });

  it('keeps a copy\'s outcome on its own service\'s card when the next answer brings other services', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('trafficking hotline');
    const card = page.locator('.card', { hasText: 'National Human Trafficking Hotline' });
    await expect.poll(() => card.count()).toBe(1);
    await card.locator('.card-phone').getByRole('button').click();
    await expect.poll(() => card.locator('.card-phone').getByRole('button').textContent()).toBe('✓ Copied');
    // Cards are reused for the next answer's services (their elements rewritten, not built again).
    const next = searchDirect(app, { text: 'NCLR legal help' }).results;
    const expected = next.map((c) => c.name);
    expect(expected).not.toContain('National Human Trafficking Hotline');
    expect(next[0]!.phones.length).toBeGreaterThan(0);
    await page.getByRole('searchbox').fill('NCLR legal help');
    await expect.poll(() => page.locator('.card .card-name').allTextContents()).toEqual(expected);
    expect(await page.locator('.card .card-action', { hasText: 'Copied' }).count()).toBe(0);
  });

  it('says so plainly when nothing matches', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('zzqx wwkj');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('No services match');
    expect(await page.locator('.card').count()).toBe(0);
  });
});

describe('a copy that does not reach the clipboard', () => {
  it('says so on the button and in the window\'s live region, with the reason', async () => {
    const app = await launchApp({
      copyText: () => {
        throw new Error('The clipboard is held by another program.');
      },
    });
    try {
      const { page } = app;
      await page.getByRole('searchbox').fill('trafficking hotline');
      const card = page.locator('.card', { hasText: 'National Human Trafficking Hotline' });
      await expect.poll(() => card.count()).toBe(1);
      const copy = card.locator('.card-phone').getByRole('button');
      await copy.click();
      await expect.poll(() => copy.textContent()).toBe('✗ Not copied');
      expect(await copy.getAttribute('title')).toContain('The clipboard is held by another program.');
      await expect.poll(() => page.locator('.copy-said').textContent()).toMatch(/^Not copied: .*The clipboard is held by another program\./);
      expect(app.copied).toEqual([]);
      await app.screenshot('copy-failed');
    } finally {
      await app.close();
    }
  });
});
