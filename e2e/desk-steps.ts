import { expect } from 'vitest';
import type { AppSession } from './harness';

export const HARBOR = 'Harbor Light Shelter (synthetic test record)';
export const CLINIC = 'Riverside Legal Clinic (synthetic test record)';

/** 9 pm on Dec 5 in California, when the UTC date is already Dec 6. */
export const EVENING = { at: '2026-12-06T05:00:00Z', timeZone: 'America/Los_Angeles' };

/** Searches for `query` and opens the card named `name` in the detail pane. */
export async function openService(app: AppSession, query: string, name: string): Promise<void> {
  await app.page.getByRole('searchbox').fill(query);
  // Wait for this query's answer: a click on the previous list, re-rendering under it, would miss.
  await expect.poll(() => app.page.locator('.results[aria-busy="false"]').count()).toBe(1);
  const card = app.page.locator('.card', { hasText: name });
  await expect.poll(() => card.count()).toBe(1);
  await card.locator('.card-name').click();
  await expect.poll(() => app.page.locator('article.detail h2').textContent()).toBe(name);
}

export const detailText = (app: AppSession): Promise<string> => app.page.locator('article.detail').innerText();
