import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { NearQuery, SearchQuery, SearchResponse } from '../shared/domain';
import { noDeskShell } from '../main/desk/desk-shell';
import { createHandlers } from '../main/handlers';
import { noSystemActions } from '../main/system-actions';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, type AppSession } from './harness';
import { syntheticDatabase } from './synthetic-directory';

/**
 * Finding the right service on a directory of thousands, as an intake worker would: every result
 * reachable, counts that agree, the services with no address kept apart from the local ones, and an
 * empty local search that says what would give results. Each check against what the real handlers answer.
 */
const en = (n: number) => n.toLocaleString('en');
const es = (n: number) => n.toLocaleString('es');
const UI = {
  en: {
    lang: 'en',
    near: (n: number, place: string, radius: number) => `${en(n)} services within ${radius} km of ${place}`,
    showing: (shown: number, total: number) => ` · showing ${shown} of ${en(total)}`,
    more: 'Show 50 more',
    language: 'Language',
    spanish: 'Spanish',
    hours: 'Hours',
    open24x7: 'Open 24/7',
    hoursConfirmed: 'Confirmed hours only',
    scope: (place: string, radius: number) => `Counts are of the services within ${radius} km of ${place}, not those listed apart.`,
    apart: (n: number, place: string) => `Not near ${place}: ${n} services with no address to measure from`,
    empty: (place: string, radius: number) => `No services within ${radius} km of ${place} match.`,
    relaxDrop: (n: number, filter: string) => `${n} services if “${filter}” is dropped`,
    relaxRadius: (n: number, radius: number) => `${n} services within ${radius} km`,
    add: '+ Add to sheet',
    onSheet: '✓ On sheet',
    sheet: (n: number) => `Referral sheet (${n})`,
    note: '✎ Desk note',
    called: 'Called Nov 30, 2026: Changed',
    copy: 'Copy',
    copied: '✓ Copied',
    copiedSaid: (text: string) => `Copied ${text}`,
    details: 'Service details',
    shownSaid: (name: string) => `Showing ${name}`,
  },
  es: {
    lang: 'es',
    near: (n: number, place: string, radius: number) => `${es(n)} servicios a menos de ${radius} km de ${place}`,
    showing: (shown: number, total: number) => ` · se muestran ${shown} de ${es(total)}`,
    more: 'Mostrar 50 más',
    language: 'Idioma',
    spanish: 'Español',
    hours: 'Horario',
    open24x7: 'Abierto 24/7',
    hoursConfirmed: 'Solo horario confirmado',
    scope: (place: string, radius: number) => `Los recuentos son de los servicios a menos de ${radius} km de ${place}, no de los que se listan aparte.`,
    apart: (n: number, place: string) => `No están cerca de ${place}: ${n} servicios sin dirección para medir`,
    empty: (place: string, radius: number) => `Ningún servicio a menos de ${radius} km de ${place} coincide.`,
    relaxDrop: (n: number, filter: string) => `${n} servicios si se quita «${filter}»`,
    relaxRadius: (n: number, radius: number) => `${n} servicios a menos de ${radius} km`,
    add: '+ Agregar a la hoja',
    onSheet: '✓ En la hoja',
    sheet: (n: number) => `Hoja de referencia (${n})`,
    note: '✎ Nota de la oficina',
    called: 'Llamado 30 nov 2026: Cambió',
    copy: 'Copiar',
    copied: '✓ Copiado',
    copiedSaid: (text: string) => `Copiado: ${text}`,
    details: 'Detalles del servicio',
    shownSaid: (name: string) => `Se muestra: ${name}`,
  },
} as const;
type Ui = (typeof UI)[keyof typeof UI];

describe('finding the right service among thousands', () => {
  let directory: ReturnType<typeof syntheticDatabase>;
  let app: AppSession;
  beforeAll(() => {
    directory = syntheticDatabase(3000);
  });
  afterAll(() => directory.remove());
  afterEach(async () => {
    await app.close();
  });

  const launch = async (ui: Ui) => {
    app = await launchApp({
      database: directory.path,
      prepare: (db) => void db.prepare("INSERT INTO local_setting (key, value) VALUES ('ui_language', ?)").run(ui.lang),
    });
    // The same handlers the page is bound to: what each search must show.
    const handlers = createHandlers(app.db, app.dbPath, { ...noSystemActions, ...noDeskShell, dataDir: join(__dirname, '..', 'data') });
    const place = (text: string): NearQuery => {
      const m = handlers.geocode({ text }) as { matches: { id: string; kind: string }[] };
      return m.matches[0]!.kind === 'zip' ? { zip: m.matches[0]!.id } : { place: m.matches[0]!.id };
    };
    return { page: app.page, truth: (q: SearchQuery) => handlers.search(q) as SearchResponse, place };
  };
  const cardNames = () => app.page.locator('.results').first().locator('.card .card-name').allTextContents();
  const headline = () => app.page.locator('.result-count').textContent();
  const nearBox = () => app.page.locator('.near-place .near-input input');

  it.each([UI.en, UI.es])('says how many of how many it shows, reaches every one by button and by keyboard, and counts the facets over the same set ($lang)', async (ui) => {
    const { page, truth, place } = await launch(ui);
    await page.getByRole('searchbox').fill('shelter');
    await nearBox().fill('Los Angeles');
    const near = place('Los Angeles');
    const all = truth({ text: 'shelter', near, radiusKm: 25, limit: 500 });
    expect(all.total).toBeGreaterThan(100);
    await expect.poll(headline).toBe(ui.near(all.total, 'Los Angeles', 25) + ui.showing(50, all.total));
    // The place box keeps the whole place name in view, in either language.
    expect(await nearBox().evaluate((input) => input.scrollWidth <= input.clientWidth)).toBe(true);
    await app.screenshot(`search-shelter-near-la-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The facets count the services the headline counts, and say so.
    await page.locator('summary', { hasText: ui.language }).click();
    const menu = page.locator('.facet-menu', { has: page.locator('.facet-option', { hasText: ui.spanish }) });
    expect(await menu.locator('.facet-scope').textContent()).toBe(ui.scope('Los Angeles', 25));
    const spanish = menu.locator('.facet-option', { hasText: ui.spanish });
    const spanishCount = Number(await spanish.locator('.facet-count').textContent());
    await spanish.locator('input').check();
    await expect.poll(headline).toBe(ui.near(spanishCount, 'Los Angeles', 25) + (spanishCount > 50 ? ui.showing(50, spanishCount) : ''));
    await spanish.locator('input').uncheck();
    await page.getByRole('searchbox').click();
    await expect.poll(headline).toBe(ui.near(all.total, 'Los Angeles', 25) + ui.showing(50, all.total));

    const names = all.results.map((c) => c.name);
    await page.getByRole('button', { name: ui.more }).click();
    await expect.poll(cardNames).toEqual(names.slice(0, 100));
    await expect.poll(headline).toBe(ui.near(all.total, 'Los Angeles', 25) + ui.showing(100, all.total));

    // Down from the query box, End, then Down past the last card brings the next page, its first selected.
    await page.getByRole('searchbox').press('ArrowDown');
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[0]);
    await page.keyboard.press('End');
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[99]);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.card.selected .card-name').textContent()).toBe(names[100]);
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(names[100]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(names[100]);
    expect((await cardNames()).length).toBe(Math.min(150, all.total));
  });

  it.each([UI.en, UI.es])('folds away the services with no address under a heading that says they are not near, and says what would give results ($lang)', async (ui) => {
    const { page, truth, place } = await launch(ui);
    const strict = { text: 'shelter', near: place('93706'), radiusKm: 25, languages: ['es'], open24x7: true, hoursConfirmedOnly: true };
    const r = truth(strict);
    expect(r.total).toBe(0);
    expect(r.virtual.total).toBeGreaterThan(0);
    expect(r.relaxations).toEqual([{ drop: 'open24x7', count: 7 }, { drop: 'languages', count: 2 }, { radiusKm: 50, count: 2 }]);

    await page.getByRole('searchbox').fill('shelter');
    await nearBox().fill('93706');
    await expect.poll(headline).toContain('93706 Fresno, CA');
    await page.locator('summary', { hasText: ui.language }).click();
    await page.locator('.facet-option', { hasText: ui.spanish }).locator('input').check();
    await page.locator('summary', { hasText: ui.hours }).click();
    await page.locator('.facet-option', { hasText: ui.open24x7 }).locator('input').check();
    await page.locator('.facet-option', { hasText: ui.hoursConfirmed }).locator('input').check();
    await page.getByRole('searchbox').click();

    await expect.poll(() => page.getByRole('status').locator('strong').textContent()).toBe(ui.empty('93706 Fresno, CA', 25));
    await expect
      .poll(() => page.locator('.relax-choice').allTextContents())
      .toEqual([ui.relaxDrop(7, ui.open24x7), ui.relaxDrop(2, ui.language), ui.relaxRadius(2, 50)]);
    // Folded: a heading that says they are not near, no card of theirs until it is opened.
    const heading = page.locator('.apart-heading button');
    expect(await heading.textContent()).toContain(ui.apart(r.virtual.total, '93706 Fresno, CA'));
    expect(await heading.getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator('.card').count()).toBe(0);
    await app.screenshot(`search-empty-near-fresno-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await heading.click();
    await expect.poll(() => page.locator('.apart-group .card').count()).toBe(Math.min(50, r.virtual.total));
    expect(await page.locator('.apart-group .card .distance').count()).toBe(0);
    await app.screenshot(`search-empty-near-fresno-apart-open-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // A suggestion is a button that makes the change: the wider radius.
    await page.locator('.relax-choice', { hasText: ui.relaxRadius(2, 50) }).click();
    await expect.poll(headline).toBe(ui.near(2, '93706 Fresno, CA', 50));
    expect(await page.locator('.results').first().locator('.card').count()).toBe(2);
  });

  it('gives hours a confirmed-only choice of their own, and ranks services that confirm a population first', async () => {
    const { page, truth } = await launch(UI.en);
    await page.locator('summary', { hasText: 'Hours' }).click();
    await page.locator('.facet-option', { hasText: 'Open 24/7' }).locator('input').check();
    const kept = truth({ text: '', open24x7: true });
    await expect.poll(headline).toBe(`${en(kept.total)} services · showing 50 of ${en(kept.total)}`);
    await expect.poll(() => page.locator('.card .mark-hours-not_stated').count()).toBeGreaterThan(0);
    await page.locator('.facet-option', { hasText: 'Confirmed hours only' }).locator('input').check();
    const confirmed = truth({ text: '', open24x7: true, hoursConfirmedOnly: true });
    expect(confirmed.total).toBe(kept.total - kept.facets!.hoursNotStated);
    await expect.poll(headline).toBe(`${en(confirmed.total)} services · showing 50 of ${en(confirmed.total)}`);
    expect(await page.locator('.card .mark-hours-not_stated').count()).toBe(0);
    // Who it serves keeps its own choice: not ticked by this one.
    const whoMenu = page.locator('details', { has: page.locator('summary', { hasText: 'Who it serves' }) });
    expect(await whoMenu.locator('.facet-option', { hasText: 'Confirmed only' }).locator('input').isChecked()).toBe(false);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.locator('summary', { hasText: 'Who it serves' }).click();
    await page.locator('.facet-option', { hasText: 'Minors' }).locator('input').check();
    await page.getByRole('searchbox').fill('casa segura');
    const minors = truth({ text: 'casa segura', populations: ['pop-minors'] });
    const serving = minors.facets!.populations.find((p) => p.value === 'pop-minors')!.serves;
    expect(serving).toBeGreaterThan(0);
    expect(serving).toBeLessThan(Math.min(50, minors.total));
    await expect.poll(cardNames).toEqual(minors.results.map((c) => c.name));
    const states = await page.locator('.card').evaluateAll((cards) => cards.map((c) => (c.querySelector('.mark-serves') ? 'serves' : 'not stated')));
    expect(states).toEqual([...Array<string>(serving).fill('serves'), ...Array<string>(states.length - serving).fill('not stated')]);
  });

  it('keeps best match when there are words and a place is chosen, and nearest when there are none', async () => {
    const { page, truth, place } = await launch(UI.en);
    await page.getByRole('searchbox').fill('legal');
    await nearBox().fill('Los Angeles');
    const best = truth({ text: 'legal', near: place('Los Angeles'), radiusKm: 25 });
    await expect.poll(cardNames).toEqual(best.results.map((c) => c.name));
    expect(await page.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('relevance');
    const distances = await page.locator('.card .distance').allTextContents();
    expect(distances.length).toBe(best.results.length);
    expect(distances).not.toEqual([...distances].sort((a, b) => parseFloat(a) - parseFloat(b)));

    await page.getByRole('searchbox').fill('');
    await expect.poll(() => page.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('distance');
    await expect.poll(cardNames).toEqual(truth({ text: '', near: place('Los Angeles'), radiusKm: 25 }).results.map((c) => c.name));
    const nearest = (await page.locator('.card .distance').allTextContents()).map((d) => parseFloat(d));
    expect(nearest).toEqual([...nearest].sort((a, b) => a - b));
  });

  it('says a place is not found when the worker pauses or presses Enter, not at every keystroke', async () => {
    const { page } = await launch(UI.en);
    // When the last key went down, and when a "not found" first showed: after a pause, not while typing.
    await page.evaluate(() => {
      const seen = { key: 0, error: -1 };
      (window as unknown as { seen: typeof seen }).seen = seen;
      document.addEventListener('keydown', () => void (seen.key = performance.now()), true);
      new MutationObserver(() => {
        if (seen.error < 0 && document.querySelector('.near-error')) seen.error = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    // A first lookup loads the place list; then "937" typed as a worker types a ZIP code, a key every 0.4 s.
    await nearBox().fill('Fresno');
    await expect.poll(() => page.getByRole('combobox', { name: 'Distance' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Clear place' }).click();
    await nearBox().pressSequentially('937', { delay: 400 });
    await expect.poll(() => page.locator('.near-error').textContent()).toBe('No ZIP code or California place called “937” in the offline list.');
    const seen = await page.evaluate(() => (window as unknown as { seen: { key: number; error: number } }).seen);
    expect(seen.error - seen.key).toBeGreaterThanOrEqual(1000);
    expect(await nearBox().getAttribute('aria-invalid')).toBe('true');
    await nearBox().pressSequentially('06', { delay: 120 });
    await expect.poll(() => nearBox().inputValue()).toBe('93706 Fresno, CA');
    expect(await page.locator('.near-error').count()).toBe(0);

    await nearBox().fill('Atlantis');
    await nearBox().press('Enter');
    await expect.poll(() => page.locator('.near-error').textContent()).toContain('“Atlantis”');
  });

  it.each([UI.en, UI.es])('shows on each card what the desk knows of it, adds it to the sheet and copies in one click ($lang)', async (ui) => {
    const { page, truth, place } = await launch(ui);
    const r = truth({ text: 'shelter', near: place('Los Angeles'), radiusKm: 25 });
    const [noted, called, added, keyed] = r.results;
    app.db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (?, 'Ask for Ana', '2026-11-30T20:00:00.000Z')").run(noted!.id);
    app.db.prepare("INSERT INTO local_call_mark (service_id, status, comment, marked_at) VALUES (?, 'changed', 'New number', '2026-11-30T20:00:00.000Z')").run(called!.id);
    await page.getByRole('searchbox').fill('shelter');
    await nearBox().fill('Los Angeles');
    await expect.poll(cardNames).toEqual(r.results.map((c) => c.name));
    const card = (id: string) => page.locator(`.card[data-id="${id}"]`);
    await expect.poll(() => card(noted!.id).locator('.mark-note').textContent()).toBe(ui.note);
    expect(await card(called!.id).locator('.mark-call').textContent()).toBe(ui.called);

    // The button adds without selecting the card; the A key adds the selected one.
    await card(added!.id).getByRole('button', { name: ui.add }).click();
    await expect.poll(() => card(added!.id).locator('.mark-on-sheet').count()).toBe(1);
    expect(await card(added!.id).getByRole('button', { pressed: true }).textContent()).toBe(ui.onSheet);
    expect(await page.locator('.card.selected').count()).toBe(0);
    await card(keyed!.id).locator('.card-name').click();
    await expect.poll(() => page.locator('article.detail h2').textContent()).toBe(keyed!.name);
    // Its name is said, not the whole detail: the pane is a named region and not itself live.
    await expect.poll(() => page.locator('.detail-said[aria-live="polite"]').textContent()).toBe(ui.shownSaid(keyed!.name));
    const pane = page.getByRole('region', { name: ui.details });
    expect(await pane.getAttribute('aria-live')).toBeNull();
    expect(await pane.locator('[aria-live] article.detail').count()).toBe(0);
    await page.keyboard.press('a');
    await expect.poll(() => page.locator('#open-referral-sheet').textContent()).toBe(ui.sheet(2));
    expect(await card(keyed!.id).locator('.mark-on-sheet').count()).toBe(1);

    // Copy the number, then the address: one click each, the card's own, shown on the button and said
    // once for the window by its one live region (none inside the cards).
    const phone = card(noted!.id).locator('.card-phone').getByRole('button');
    const said = page.locator('.copy-said[aria-live="polite"]');
    expect(await phone.textContent()).toBe(ui.copy);
    await phone.click();
    await expect.poll(() => phone.textContent()).toBe(ui.copied);
    await expect.poll(() => said.textContent()).toBe(ui.copiedSaid(noted!.phones[0]!.number));
    await card(noted!.id).locator('.card-meta').getByRole('button').click();
    await expect.poll(() => app.copied).toEqual([noted!.phones[0]!.number, noted!.address]);
    await expect.poll(() => said.textContent()).toBe(ui.copiedSaid(noted!.address!));
    expect(await page.locator('.card [aria-live]').count()).toBe(0);
    expect(noted!.address).toMatch(/, CA$/);

    // A note saved in the detail pane shows on its card at once.
    await page.locator('.local-notes textarea').fill('Intake by phone only');
    await page.locator('.note-actions button').click();
    await expect.poll(() => card(keyed!.id).locator('.mark-note').textContent()).toBe(ui.note);
    await app.screenshot(`search-cards-desk-marks-${ui.lang}`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
