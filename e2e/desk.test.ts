import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../main/db/open';
import { CLINIC_STREET, installDeskFixture, SAFE_HOUSE_STREET } from './desk-fixture';
import { CLINIC, detailText, HARBOR, openService as open } from './desk-steps';
import { launchApp, type AppSession } from './harness';

describe('intake desk', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  it('shows every phone, beds, hours, languages, who it serves and a stale warning, but never the safe-house address', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    await open(app, 'synthetic', HARBOR);
    const detail = app.page.locator('article.detail');
    expect(await detail.locator('a[href^="tel:"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      'tel:5550102000',
      'tel:5550102001',
      'tel:5550102002',
    ]);
    const text = await detailText(app);
    expect(text).toContain('TTY');
    expect(text).toContain('Text');
    expect(text).toContain('in Spanish');
    expect(text).toContain('Intake paused on public holidays (synthetic alert)');
    expect(text).toContain('3 of 12 beds available');
    expect(text).toMatch(/updated Nov 22, 2026/);
    expect(text).toMatch(/(Open now|Closed now)/);
    expect(text).toContain('Mon–Fri 09:00–17:00');
    expect(text).toContain('Spanish: call ahead for a Spanish-speaking advocate');
    expect(text).toContain('✓ Serves: Women');
    expect(text).toContain('✗ Does not serve: Men');
    expect(text).toContain('Anyone else: not stated');
    expect(text).toContain('18 to 24');
    expect(text).toContain('None required');
    expect(text).toContain('Free');
    expect(text).toContain('Last verified more than 12 months ago');
    expect(text).toContain('Confidential location');
    expect(text).not.toContain(SAFE_HOUSE_STREET);

    await open(app, 'Riverside', CLINIC);
    const clinic = await detailText(app);
    expect(clinic).not.toContain('more than 12 months');
    expect(clinic).toContain('Mon, Wed 10:00–14:00 UTC−8');
    expect(clinic).not.toContain('Beds and places');

    // A real starter record whose pages give no phone and no hours: the pane says so, and never verified.
    await open(app, 'CALCASA', 'CALCASA statewide coalition of rape crisis centers');
    const coalition = await detailText(app);
    expect(coalition).toContain('Hours not stated');
    expect(coalition).toContain('Phone not in this directory');
    expect(coalition).toContain('Never verified');
    expect(coalition).toContain('http://www.calcasa.org/about/');
  });

  it('keeps desk notes and call marks across a new directory install, and exports them for review', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    await open(app, 'synthetic', HARBOR);
    await page.getByLabel('Note about this service').fill('Ask for Rosa at intake');
    await page.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => page.getByText(/^Note saved/).count()).toBe(1);
    await page.getByRole('button', { name: 'Called: changed' }).click();
    await page.getByLabel('What changed (optional)').fill('New TTY number');
    await page.getByRole('button', { name: 'Save mark: changed' }).click();
    await expect.poll(() => detailText(app)).toMatch(/Changed · .*— New TTY number/);

    // A new directory version replaces every HSDS table; the desk's own records stay.
    installDeskFixture(app.db, 'synthetic-2');
    await page.reload();
    await open(app, 'synthetic', HARBOR);
    await expect.poll(() => page.getByLabel('Note about this service').inputValue()).toBe('Ask for Rosa at intake');
    expect(await detailText(app)).toMatch(/Changed · .*— New TTY number/);

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Export corrections…' }).click();
    await expect.poll(() => page.getByRole('dialog').getByRole('status').textContent()).toMatch(/^Saved to .*\.json$/);
    const file = JSON.parse(readFileSync(join(app.savedDir, readdirSync(app.savedDir)[0]!), 'utf8'));
    expect(file.dataset).toEqual({ id: 'synthetic-desk-fixture', version: 'synthetic-2' });
    expect(file.services).toEqual([
      expect.objectContaining({ serviceId: 'synthetic-svc-harbor', name: HARBOR, note: 'Ask for Rosa at intake', callMarks: [expect.objectContaining({ status: 'changed', comment: 'New TTY number' })] }),
    ]);
  });

  it('says a note is waiting while an update holds the database, keeps the text, and saves it once the update commits', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    await open(app, 'synthetic', HARBOR);
    // An import or sync apply holds the write lock on a connection of its own until it commits.
    const writer = openDatabase(app.dbPath);
    try {
      writer.exec('BEGIN IMMEDIATE');
      await page.getByLabel('Note about this service').fill('Beds free after 8 pm');
      await page.getByRole('button', { name: 'Save note' }).click();
      await expect.poll(() => page.getByText('Saving… (waiting for the update to finish)').count()).toBe(1);
      // The window keeps answering: a search is served while the note waits.
      await page.getByRole('searchbox').fill('Riverside');
      await expect.poll(() => page.locator('.card', { hasText: CLINIC }).count()).toBe(1);
      expect(await page.getByLabel('Note about this service').inputValue()).toBe('Beds free after 8 pm');
      expect(app.db.prepare('SELECT count(*) AS n FROM local_note').get()).toEqual({ n: 0 });
      writer.exec('COMMIT');
    } finally {
      if (writer.inTransaction) writer.exec('ROLLBACK');
      writer.close();
    }
    await expect.poll(() => page.getByText(/^Note saved/).count()).toBe(1);
    expect(app.db.prepare('SELECT body FROM local_note').all()).toEqual([{ body: 'Beds free after 8 pm' }]);
  });

  it('prints a referral sheet as PDF in the language chosen for the sheet, with public facts only and the national hotline', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    // Two synthetic records and a real starter record, whose cited pages the detail pane lists.
    for (const [query, name] of [['synthetic', HARBOR], ['Riverside', CLINIC], ['trafficking hotline', 'National Human Trafficking Hotline']]) {
      await open(app, query!, name!);
      await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    }
    expect(await page.locator('article.detail .sources').textContent()).toContain('https://humantraffickinghotline.org/about-us/what-we-do');
    await page.getByLabel('Note about this service').fill('Private desk note: client prefers mornings');
    await page.getByRole('button', { name: 'Save note' }).click();
    await page.getByRole('button', { name: 'Referral sheet (3)' }).click();
    await page.getByLabel('Sheet language').selectOption('es');
    // The screen stays English; only the sheet is Spanish.
    expect(await page.getByRole('button', { name: 'Save as PDF…' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Save as PDF…' }).click();
    await expect.poll(() => page.locator('.sheet-status').textContent()).toMatch(/^Saved to .*referral-sheet-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdf = join(app.savedDir, readdirSync(app.savedDir).find((f) => f.endsWith('.pdf'))!);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Contactos de servicios');
    expect(text).toContain(HARBOR);
    expect(text).toContain('(555) 010-2001 (TTY)');
    expect(text).toContain('Español');
    expect(text).toContain('lun–vie 09:00–17:00');
    expect(text).toContain('Llame para pedir la dirección.');
    expect(text).toContain(`${CLINIC_STREET}, Fresno, CA 93701`);
    expect(text).toContain('Línea Nacional contra la Trata de Personas');
    expect(text).toContain('1-888-373-7888');
    // The sheet is for the client: the sources behind a record stay on the desk's screen.
    for (const secret of [SAFE_HOUSE_STREET, 'Private desk note', 'Referral Atlas', 'Save as PDF', 'Quick exit', 'about-us/what-we-do', 'humantraffickingexperts', 'airforceamy']) {
      expect(text).not.toContain(secret);
    }
    await app.screenshot('referral-sheet-es-sheet');
  });

  it('quick exit (Esc twice) hides the window and clears the search, the selection and the referral list', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    await open(app, 'synthetic', HARBOR);
    await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Referral sheet (1)' }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expect.poll(() => app.windowHides()).toBe(1);
    await expect.poll(() => page.getByRole('searchbox').inputValue()).toBe('');
    expect(await page.locator('article.detail').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Referral sheet (0)' }).count()).toBe(1);

    await open(app, 'Riverside', CLINIC);
    await page.getByRole('button', { name: 'Quick exit' }).click();
    await expect.poll(() => app.windowHides()).toBe(2);
    expect(await page.getByRole('searchbox').inputValue()).toBe('');
    // Nothing typed is kept anywhere: no web storage, and the database holds no search.
    expect(await page.evaluate<number>(`localStorage.length + sessionStorage.length`)).toBe(0);
    expect(JSON.stringify(app.db.prepare('SELECT * FROM local_setting').all())).not.toMatch(/synthetic|Riverside/i);
  });

  it('keeps a referral list only when the worker chooses to', async () => {
    app = await launchApp({ prepare: installDeskFixture });
    const { page } = app;
    await open(app, 'Riverside', CLINIC);
    await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    await page.reload();
    // Counted once the reloaded page has drawn its header: read at once, it could find none yet.
    await expect.poll(() => page.getByRole('button', { name: 'Referral sheet (0)' }).count()).toBe(1);
    await open(app, 'Riverside', CLINIC);
    await page.getByRole('button', { name: 'Add to referral sheet' }).click();
    await page.getByRole('button', { name: 'Referral sheet (1)' }).click();
    await page.getByRole('button', { name: 'Keep this list' }).click();
    await expect.poll(() => page.locator('.sheet-status').textContent()).toBe('List kept on this computer.');
    await page.reload();
    await page.getByRole('button', { name: 'Referral sheet (0)' }).click();
    await page.getByRole('button', { name: 'Open kept list' }).click();
    await expect.poll(() => page.locator('.sheet-doc h4').allTextContents()).toEqual([CLINIC]);
  });

  it('is usable from the keyboard: "/" focuses search, "?" opens help, Esc closes it', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).focus();
    await page.keyboard.press('/');
    // The shortcut focuses the box in the next animation frame, which a loaded machine can delay.
    await expect.poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('type')`)).toBe('search');
    // Typed into the search box, "?" is text, not a shortcut.
    await page.keyboard.type('visa?');
    expect(await page.getByRole('searchbox').inputValue()).toBe('visa?');
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count()).toBe(1);
    expect(await page.getByRole('dialog').innerText()).toContain('Quick exit: hide the window and clear the screen');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(app.windowHides()).toBe(0);
    // "a" puts the service on screen on the sheet, from the results list.
    await page.getByRole('searchbox').fill('hotline');
    await page.locator('.card', { hasText: 'National Human Trafficking Hotline' }).click();
    await expect.poll(() => page.locator('article.detail h2').count()).toBe(1);
    await page.keyboard.press('a');
    await expect.poll(() => page.getByRole('button', { name: 'Referral sheet (1)' }).count()).toBe(1);
    await page.keyboard.press('a');
    // "/" also leaves the referral sheet for the search box.
    await page.getByRole('button', { name: 'Referral sheet (0)' }).click();
    await expect.poll(() => page.getByRole('searchbox').count()).toBe(0);
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate<string | null>(`document.activeElement?.getAttribute('type')`)).toBe('search');
  });
});
