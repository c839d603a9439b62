import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIRST_PAGE, launchApp, searchDirect, type AppSession } from './harness';

describe('renderer security rules in Chromium', () => {
  let app: AppSession;
  beforeEach(async () => {
    app = await launchApp();
  });
  afterEach(async () => {
    await app.close();
  });

  it('the CSP refuses injected inline and remote scripts, frames and remote images', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const w = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.appendChild(script);
      const remote = document.createElement('script');
      remote.src = 'https://cdn.example.org/x.js';
      document.body.appendChild(remote);
      const frame = document.createElement('iframe');
      frame.src = 'https://evil.example.org/';
      document.body.appendChild(frame);
      const img = document.createElement('img');
      img.src = 'https://tile.example.org/1/2/3.png';
      document.body.appendChild(img);
      // The four reports arrive as each load is tried: a loaded machine may take seconds for the frame's.
      for (let waited = 0; violations.length < 4 && waited < 10_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      return { injected: w.injected === true, violations };
    });
    expect(outcome.injected).toBe(false);
    expect(outcome.violations).toEqual(expect.arrayContaining(['script-src-elem', 'img-src', 'frame-src']));
    expect(outcome.violations.filter((v) => v === 'script-src-elem')).toHaveLength(2);
  });

  it('a phone link goes to the system through main, and the page does not navigate', async () => {
    const { page } = app;
    const before = page.url();
    await page.getByRole('searchbox').fill('trafficking hotline');
    // The list has settled on this query's answer, so the click lands where it aims.
    const expected = searchDirect(app, { text: 'trafficking hotline' }).results.map((c) => c.name);
    await expect.poll(() => page.locator('.card .card-name').allTextContents()).toEqual(expected);
    await page.locator('.card', { hasText: 'National Human Trafficking Hotline' }).click();
    const link = page.locator('article.detail a[href^="tel:"]').first();
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await expect.poll(() => app.openedExternally).toEqual(['tel:18883737888']);
    expect(page.url()).toBe(before);
  });

  it('main refuses a dangerous URL even if the page asks for it directly', async () => {
    const { page } = app;
    const result = await page.evaluate(() => window.atlas.openExternal({ url: 'file:///etc/passwd' }));
    expect(result).toEqual({ ok: true, value: false });
    expect(app.openedExternally).toEqual([]);
  });
});
