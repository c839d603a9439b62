import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { launchApp, type AppSession } from './harness';

describe('first screen', () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('lists the bundled directory on launch, with no request leaving the machine', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(10);
    await expect.poll(() => page.getByText('10 services · directory 2026.11.23').count()).toBe(1);
    await app.screenshot('first-screen');
    expect(app.blockedRequests).toEqual([]);
  });

  it('finds the National Human Trafficking Hotline by typing "hotline" and opens its detail', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('hotline');
    // The two hotlines: the list has settled on this query's answer, so the click lands where it aims.
    await expect.poll(() => page.locator('.card').count()).toBe(2);
    const card = page.locator('.card', { hasText: 'National Human Trafficking Hotline' });
    await expect.poll(() => card.count()).toBe(1);
    await expect.poll(() => card.textContent()).toContain('1-888-373-7888');
    await card.click();
    const detail = page.locator('article.detail');
    await expect.poll(() => detail.textContent()).toContain('Open 24 hours, 7 days a week');
    expect(await detail.textContent()).toContain('Interpreters available');
    expect(await detail.locator('h2').textContent()).toBe('National Human Trafficking Hotline');
    expect(await detail.locator('a[href^="tel:"]').getAttribute('href')).toBe('tel:18883737888');
    await app.screenshot('hotline-detail');
  });

  it('says so plainly when nothing matches', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('zzqx nothing here');
    await expect.poll(() => page.getByRole('status').textContent()).toContain('No services match');
    expect(await page.locator('.card').count()).toBe(0);
  });
});
