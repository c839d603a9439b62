import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../main/db/open';
import { writeDatapackage } from '../main/hsds/export/export-datapackage';
import { dbDigest } from '../main/test-support/db-digest';
import { syntheticDirectory } from '../main/test-support/synthetic-directory';
import { seriousAccessibilityViolations } from './axe';
import { STARTER_VERSION } from '../main/hsds/install/starter';
import { deskFixtureDocument, installDeskFixture } from './desk-fixture';
import { FIRST_PAGE, launchApp, STARTER_SERVICES, showInSpanish, type AppSession } from './harness';

const FIXTURES = resolve(__dirname, '..', 'test-fixtures');

describe('Import screen', () => {
  let app: AppSession;
  const dirs: string[] = [];
  afterEach(async () => {
    await app.close();
    dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  });
  /** The test's stand-in for the file dialog: main asks it, exactly where Electron would show the dialog. */
  let nextPath: string | null = null;
  const open = async (prepare?: (db: Db) => void) => {
    app = await launchApp({ chooseImportPath: () => Promise.resolve(nextPath), prepare });
    await app.page.getByRole('button', { name: 'Import directory…' }).click();
  };

  it('adds an Ohana folder beside the bundled directory, removing none of it, applies it, then rolls back', async () => {
    await open((db) => {
      const id = (db.prepare("SELECT id FROM service WHERE name = 'National Human Trafficking Hotline'").get() as { id: string }).id;
      db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (?, 'Ask for the Spanish line', 'now')").run(id);
    });
    const { page } = app;
    nextPath = join(FIXTURES, 'ohana-sanmateo');
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe('23 added · 0 changed · 0 removed');
    expect(await page.locator('.import-source').textContent()).toContain('Ohana CSV export · 23 services in the file');
    // The counts and Apply stay in sight above the whole change list, scrolled to its end too.
    const apply = page.getByRole('button', { name: 'Apply this import' });
    const inSight = async () => {
      const box = (await apply.boundingBox())!;
      return box.y >= 0 && box.y + box.height <= 768;
    };
    expect(await inSight()).toBe(true);
    await page.locator('.import-screen').evaluate('(el) => el.scrollTo(0, el.scrollHeight)');
    expect(await inSight()).toBe(true);
    await page.locator('.import-screen').evaluate('(el) => el.scrollTo(0, 0)');
    expect(await page.locator('.diff-added').textContent()).toContain('Fair Oaks Adult Activity Center');
    expect(await page.locator('.import-problems.errors').count()).toBe(0);
    expect(await page.locator('.import-diff .alert').count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-diff');
    await apply.click();
    await expect.poll(() => page.locator('.import-done').textContent()).toContain('Imported.');
    // What was applied stays summed up; the header counts the sources now side by side.
    expect(await page.locator('.import-diff-summary').textContent()).toBe('23 added · 0 changed · 0 removed');
    await expect.poll(() => page.locator('.dataset').textContent()).toBe(`${STARTER_SERVICES + 23} services from 2 sources`);
    await page.getByRole('button', { name: `Undo the last import: back to ${STARTER_VERSION} (${STARTER_SERVICES} services)` }).click();
    const confirm = page.getByRole('dialog', { name: 'Undo the last import?' });
    expect(await confirm.textContent()).toContain(`The directory goes back to ${STARTER_VERSION} (${STARTER_SERVICES} services), installed`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Undo the import' }).click();
    await expect.poll(() => page.locator('.import-done').textContent()).toBe(`Rolled back to ${STARTER_VERSION} (${STARTER_SERVICES} services).`);
    // The Ohana directory it replaced is now the previous version: going back to it is a redo, and says so.
    const redo = page.getByRole('button', { name: 'Redo the import you undid: back to ohana-sanmateo (23 services)' });
    await expect.poll(() => redo.isEnabled()).toBe(true);
    await redo.click();
    expect(await page.getByRole('dialog', { name: 'Redo the import you undid?' }).getByRole('button', { name: 'Redo the import' }).count()).toBe(1);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.getByRole('button', { name: 'Back to search' }).click();
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
    expect(app.db.prepare('SELECT body FROM local_note').all()).toEqual([{ body: 'Ask for the Spanish line' }]);
  });

  it('asks before removing even one service, with the counts, in English and in Spanish; keeping changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-remove-one-'));
    dirs.push(dir);
    const doc = deskFixtureDocument().filter((s) => s.id !== 'synthetic-svc-clinic');
    nextPath = join(dir, 'county.json');
    writeFileSync(nextPath, JSON.stringify(doc));
    await open((db) => installDeskFixture(db, 'synthetic-1', 'county.json'));
    const { page } = app;
    const installed = doc.length + 1;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe('0 added · 0 changed · 1 removed');
    const before = dbDigest(app.db);
    const apply = page.getByRole('button', { name: 'Apply this import' });
    await apply.click();
    const ask = page.getByRole('dialog', { name: 'Remove 1 service?' });
    await expect.poll(() => ask.getByRole('alert').textContent()).toBe(`This would remove 1 of the ${installed} services this source holds. Desk notes on them are kept.`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Keep the directory as it is' }).click();
    await expect.poll(() => ask.count()).toBe(0);
    expect(dbDigest(app.db)).toBe(before);

    await showInSpanish(page);
    await page.getByRole('button', { name: 'Aplicar esta importación' }).click();
    const pregunta = page.getByRole('dialog', { name: '¿Eliminar 1 servicio?' });
    await expect.poll(() => pregunta.getByRole('alert').textContent()).toBe(`Esto eliminaría 1 de los ${installed} servicios de esta fuente. Las notas de la oficina sobre ellos se conservan.`);
    await pregunta.getByRole('button', { name: 'Eliminar 1 servicio y aplicar' }).click();
    await expect.poll(() => app.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county.json'").pluck().get()).toBe(installed - 1);
    expect(app.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'bundled'").pluck().get()).toBe(STARTER_SERVICES);
  });

  it('asks before a file removes most of the source it replaces, flagging the notes on what goes; the bundled directory stays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-removals-'));
    dirs.push(dir);
    const doc = deskFixtureDocument();
    nextPath = join(dir, 'county.json');
    await open((db) => {
      installDeskFixture(db, 'synthetic-1', 'county.json');
      const id = db.prepare("SELECT id FROM service WHERE atlas_source = 'county.json' AND name = 'National Human Trafficking Hotline'").pluck().get() as string;
      db.prepare("INSERT INTO local_note (service_id, body, updated_at) VALUES (?, 'Ask for the Spanish line', 'now')").run(id);
    });
    const { page } = app;
    writeFileSync(nextPath, JSON.stringify(doc.filter((s) => s.name !== 'National Human Trafficking Hotline').slice(0, 3)));
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const removed = doc.length - 3;
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe(`0 added · 0 changed · ${removed} removed`);
    expect(await page.locator('.import-diff .alert').textContent()).toContain('National Human Trafficking Hotline: Ask for the Spanish line');
    // Main starts nothing until the coordinator says yes, and "no" keeps everything.
    const before = dbDigest(app.db);
    const apply = page.getByRole('button', { name: 'Apply this import' });
    await apply.click();
    const removals = page.getByRole('dialog', { name: 'Remove most of this source?' });
    await expect.poll(() => removals.getByRole('alert').textContent()).toBe(
      `This would remove ${removed} of the ${doc.length} services this source holds, more than half of them. Check that this is the right file or feed before you go on.`,
    );
    expect(await removals.getByRole('button', { name: 'Keep the directory as it is' }).evaluate((b) => b === document.activeElement)).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-confirm-removals');
    await removals.getByRole('button', { name: 'Keep the directory as it is' }).click();
    await expect.poll(() => removals.count()).toBe(0);
    expect(await apply.evaluate((b) => b === document.activeElement)).toBe(true);
    expect(dbDigest(app.db)).toBe(before);
    await apply.click();
    await removals.getByRole('button', { name: `Remove ${removed} services and apply` }).click();
    await expect.poll(() => page.locator('.import-done').textContent()).toContain('Imported.');
    expect(app.db.prepare('SELECT atlas_source, count(*) AS n FROM service GROUP BY atlas_source ORDER BY atlas_source').all()).toEqual([
      { atlas_source: 'bundled', n: STARTER_SERVICES },
      { atlas_source: 'county.json', n: 3 },
    ]);
  });

  it('says each changed field and each shared warning in words, in English and in Spanish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-fields-'));
    dirs.push(dir);
    const doc = deskFixtureDocument();
    const harbor = doc.find((s) => s.id === 'synthetic-svc-harbor') as { phones: { number: string }[] };
    harbor.phones[0]!.number = '(555) 010-2999';
    nextPath = join(dir, 'desk-update.json');
    writeFileSync(nextPath, JSON.stringify(doc));
    // Installed as the source the file updates (it is named after the file).
    await open((db) => installDeskFixture(db, 'synthetic-1', 'desk-update.json'));
    const { page } = app;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe('0 added · 1 changed · 0 removed');
    expect(await page.locator('.diff-changed').innerText()).toContain('Phone (voice): (555) 010-2000 → (555) 010-2999');
    const warnings = page.locator('.import-problems.warnings');
    expect(await warnings.innerText()).toContain('2 services have ids that are not UUIDs; imported as they are');
    expect(await warnings.innerText()).not.toMatch(/more row\(s\) like it|\[\d+\]/);
    expect(await page.locator('.diff-changed').innerText()).not.toMatch(/phones\[/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-review-fields');

    await showInSpanish(page);
    await expect.poll(() => page.locator('.diff-changed').innerText()).toContain('Teléfono (voz): (555) 010-2000 → (555) 010-2999');
    expect(await warnings.innerText()).toContain('2 servicios tienen ids que no son UUID; se importaron tal cual');
  });

    it('lists each problem by file, row and field and offers no Apply; the directory is untouched', async () => {
    await open();
    const { page } = app;
    nextPath = join(FIXTURES, 'hsds3', 'datapackage');
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    const errors = page.locator('.import-problems.errors');
    await expect.poll(() => errors.locator('h3').textContent()).toMatch(/^\d+ errors: fix them in the source/);
    const row = errors.locator('tr', { hasText: '100 is not a latitude' });
    expect(await row.locator('td').allTextContents()).toEqual(['locations.csv', '2', 'latitude', '100 is not a latitude (-90 to 90)']);
    expect(await page.getByRole('button', { name: 'Apply this import' }).count()).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-errors');
    expect(app.db.prepare('SELECT count(*) AS n FROM service').get()).toEqual({ n: STARTER_SERVICES });
  });

  it('lets the coordinator correct a guessed spreadsheet column and check again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-csv-'));
    dirs.push(dir);
    nextPath = join(dir, 'coalition.csv');
    writeFileSync(nextPath, 'Agency,Program,Tel,Comments\nSYNTHETIC Org,SYNTHETIC Shelter,555-0100,Call first\n');
    await open();
    const { page } = app;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const comments = page.getByLabel('Comments');
    await expect.poll(() => comments.inputValue()).toBe('');
    expect(await page.getByLabel('Program').inputValue()).toBe('');
    await page.getByLabel('Program').selectOption('service.name');
    await comments.selectOption('service.description');
    await page.getByRole('button', { name: 'Check again with these columns' }).click();
    await expect.poll(() => page.locator('.import-diff-summary').textContent()).toBe('1 added · 0 changed · 0 removed');
    expect(await page.getByLabel('Program').inputValue()).toBe('service.name');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-spreadsheet');
  });

  it('lists shelter sites with an address and no confidential flag, all ticked; applying installs the ticked ones as confidential', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-shelters-'));
    dirs.push(dir);
    nextPath = join(dir, 'county.json');
    const site = (id: string, street: string) => ({
      id,
      location_type: 'physical',
      latitude: 37.8,
      longitude: -122.27,
      addresses: [{ id: `${id}-a`, address_1: street, city: 'Oakland', state_province: 'CA', postal_code: '94601', country: 'US', address_type: 'physical' }],
    });
    const service = (id: string, name: string, category: string, location: ReturnType<typeof site>) => ({
      id,
      name,
      status: 'active',
      organization: { id: 'org-e2e', name: 'SYNTHETIC County Network' },
      phones: [{ id: `${id}-ph`, number: '555-0142' }],
      attributes: [{ id: `${id}-cat`, link_type: 'category', taxonomy_term: { id: `${id}-term`, name: category, description: category } }],
      service_at_locations: [{ id: `${id}-sal`, location }],
    });
    writeFileSync(
      nextPath,
      JSON.stringify([
        service('svc-dv', 'SYNTHETIC DV Shelter', 'Domestic Violence Shelters', site('loc-dv', '12 Unlisted Lane')),
        service('svc-ces', 'SYNTHETIC Winter Emergency Shelter', 'Emergency Shelter', site('loc-ces', '400 Civic Center Plaza')),
        service('svc-legal', 'SYNTHETIC Legal Clinic', 'Legal Services', site('loc-legal', '9 Court Street')),
      ]),
    );
    await open();
    const { page } = app;
    await page.getByRole('button', { name: 'Choose file…' }).click();
    const section = page.locator('.import-shelters');
    await expect.poll(() => section.locator('h3').textContent()).toBe('2 shelter sites have an address and no confidential flag');
    const dv = section.getByRole('checkbox', { name: /SYNTHETIC DV Shelter 12 Unlisted Lane, Oakland/ });
    const winter = section.getByRole('checkbox', { name: /SYNTHETIC Winter Emergency Shelter 400 Civic Center Plaza, Oakland/ });
    expect([await dv.isChecked(), await winter.isChecked()]).toEqual([true, true]);
    // The city's winter shelter is a public building: the coordinator unticks it.
    await winter.uncheck();
    expect(await section.locator('[role="status"]').textContent()).toBe('1 site will be marked confidential.');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('import-shelters');
    await page.getByRole('button', { name: 'Apply this import' }).click();
    await expect.poll(() => page.locator('.import-done').textContent()).toContain('Imported.');
    const flagged = app.db
      .prepare("SELECT link_id FROM attribute WHERE atlas_source = 'county.json' AND link_entity = 'location' AND taxonomy_term_id = 'loc-confidential' ORDER BY link_id")
      .pluck()
      .all();
    expect(flagged).toEqual(['county.json/loc-dv']);

    await page.getByRole('button', { name: 'Back to search' }).click();
    await page.getByRole('searchbox').fill('SYNTHETIC DV Shelter');
    const card = page.locator('.card', { hasText: 'SYNTHETIC DV Shelter' });
    // The list has settled on this query's answer, so the click lands where it aims.
    await expect.poll(() => card.count()).toBe(1);
    // Beside the bundled directory, the card and the detail pane say where it came from.
    expect(await card.locator('.card-source').textContent()).toBe('from county.json');
    await card.click();
    await expect.poll(() => page.locator('article.detail').textContent()).toContain('Confidential location: address withheld.');
    expect(await page.locator('article.detail .directory-source').textContent()).toBe('Directory source: county.json');
    expect(await page.locator('article.detail').textContent()).not.toContain('12 Unlisted Lane');
  });

  it('cancels a large import while it is being read, and again while it is being applied: the directory is unchanged', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-large-'));
    dirs.push(dir);
    nextPath = join(dir, 'synthetic-60000');
    writeDatapackage(syntheticDirectory(60_000), nextPath, { name: 'synthetic', version: '1' });
    await open();
    const { page } = app;
    const before = dbDigest(app.db);
    const step = page.locator('.import-progress [role="status"]');
    const outcome = page.locator('.import-screen > p[role="status"]');

    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => step.textContent()).toBe('Step 1 of 4: reading the files');
    await app.screenshot('import-reading');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => outcome.textContent()).toBe('Import cancelled: the directory was left as it was.');
    expect(dbDigest(app.db)).toBe(before);

    // Chosen again, it is read, checked and compared (the bar moving through the steps), then applied and cancelled.
    await page.getByRole('button', { name: 'Choose folder…' }).click();
    await expect.poll(() => step.textContent(), { timeout: 60_000 }).toMatch(/^Step 2 of 4: checking [\d,]+ of 426,000 records$/);
    await expect.poll(() => page.locator('.import-diff-summary').textContent(), { timeout: 90_000 }).toBe('60,000 added · 0 changed · 0 removed');
    // The first hundred are listed, and how many more there are.
    expect(await page.locator('.diff-added > li').count()).toBe(101);
    expect(await page.locator('.diff-added > li').last().textContent()).toBe('…and 59,900 more');
    await page.getByRole('button', { name: 'Apply this import' }).click();
    await expect.poll(() => step.textContent()).toMatch(/^Step 4 of 4: applying [\d,]+ of 426,000 records$/);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => outcome.textContent(), { timeout: 60_000 }).toBe('Import cancelled: the directory was left as it was.');
    expect(dbDigest(app.db)).toBe(before);

    await page.getByRole('button', { name: 'Back to search' }).click();
    await expect.poll(() => page.locator('.dataset').textContent()).toContain(`${STARTER_SERVICES} services`);
    await expect.poll(() => page.locator('.card').count()).toBe(FIRST_PAGE);
  });
});
