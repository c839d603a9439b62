import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aesSecretBox } from '../main/test-support/sources/aes-secret-box';
import { range, service, startApi, uuid } from '../main/test-support/sources/hsds-api-server';
import { seriousAccessibilityViolations } from './axe';
import { launchApp, STARTER_SERVICES, type AppSession } from './harness';

// A real HSDS API on 127.0.0.1 (3.0 Page envelope, full services), pulled through the real main-process handlers.
describe('a source pulled from an address, in Settings', () => {
  let app: AppSession;
  let api: Awaited<ReturnType<typeof startApi>>;
  beforeEach(async () => {
    api = await startApi();
    api.state.pageSize = 50;
  });
  afterEach(async () => {
    await app?.close();
    await api.stop();
  });

  const county = () => app.db.prepare("SELECT count(*) FROM service WHERE atlas_source = 'county'").pluck().get() as number;

  it('is added through the form (a key refused without a key store), pulled with progress, left-out services and the removal question, paused, and says why a pull failed', async () => {
    app = await launchApp();
    const { page } = app;
    const header = page.locator('.dataset');
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES} services`));
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    const sources = settings.getByRole('region', { name: 'Directory sources' });
    await expect.poll(() => sources.getByRole('listitem').count()).toBe(1);
    // Bundled and file sources are not pulled: no Pull, no Pause.
    expect(await sources.getByRole('button', { name: /^Pull / }).count()).toBe(0);

    // The form, from the keyboard: every field has a label.
    await sources.getByText('Add a source from an address').click();
    await sources.getByLabel('Name (what this desk calls it)').fill('county');
    await sources.getByLabel('Address (URL)').fill(`${api.base}/api/`);
    expect(await sources.getByRole('radio', { name: 'an HSDS API (its base address)' }).isChecked()).toBe(true);
    // The harness has no key store (as a Linux desk without a secret service): a key is refused, nothing is added.
    await sources.getByLabel('API key header name (optional)').fill('x-api-key');
    await sources.getByLabel('API key (optional)').fill('s3cret-key');
    expect(await sources.getByLabel('API key (optional)').getAttribute('type')).toBe('password');
    await sources.getByRole('button', { name: 'Add source' }).click();
    const formError = sources.locator('form').getByRole('alert');
    await expect.poll(() => formError.textContent()).toMatch(/key store .* is not available to the app, so the key cannot be kept encrypted.*Nothing was added/);
    expect(await formError.textContent()).not.toContain('s3cret-key');
    expect(await sources.getByRole('listitem').count()).toBe(1);
    // Half a key is refused before it reaches main.
    await sources.getByLabel('API key (optional)').fill('');
    await sources.getByRole('button', { name: 'Add source' }).click();
    await expect.poll(() => formError.textContent()).toBe('An API key needs both the header name and the key; leave both empty if the publisher gave you none.');
    await sources.getByLabel('API key header name (optional)').fill('');
    await sources.getByLabel('API key header name (optional)').press('Enter');
    await expect.poll(() => sources.locator('form').getByRole('status').textContent()).toBe('Added “county”. Pull it now to bring its services into the directory.');
    const row = sources.getByRole('listitem').filter({ hasText: /^county/ });
    await expect.poll(() => row.textContent()).toContain(`county (HSDS API)${api.base}/api/0 services · not pulled yet`);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Pull: main's progress shows while the server holds its answer, then the counts; search and header follow.
    let release!: () => void;
    api.state.hold = new Promise((ok) => (release = ok));
    // The focus went to the new source's Pull: Enter pulls it.
    await expect.poll(() => row.getByRole('button', { name: 'Pull now: county' }).evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/^Reading what the source publishes…/);
    expect(await row.getByRole('button', { name: 'Pull now: county' }).isDisabled()).toBe(true);
    // Settings closed and opened again while it runs: the row finds the pull running, and follows it to its end.
    await page.keyboard.press('Escape');
    await expect.poll(() => settings.count()).toBe(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/^Reading what the source publishes…/);
    expect(await row.getByRole('button', { name: 'Pull now: county' }).isDisabled()).toBe(true);
    api.state.hold = null;
    release();
    await expect.poll(() => row.locator('.source-result').textContent()).toBe('5 added, 0 changed, 0 removed, 0 left out');
    expect(county()).toBe(5);
    await expect.poll(() => row.textContent()).toMatch(/5 services · last pull \w+ \d+, \d{4}, \d+:\d\d/);
    expect(await row.getByRole('button', { name: 'Pull now: county' }).isDisabled()).toBe(false);
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES + 5} services`));

    // Services that fail validation are left out and listed with their reasons; more than five fold.
    api.state.services = [...range(70), ...[71, 72, 73, 74, 75, 76].map((n) => service(n, { status: 'maybe' }))];
    await row.getByRole('button', { name: 'Pull now: county' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Pulled: 65 added, 0 changed, 0 removed, 6 left out.');
    const leftOut = row.locator('details.pull-quarantined');
    expect(await leftOut.getAttribute('open')).toBeNull();
    await leftOut.locator('summary').click();
    expect(await leftOut.locator('li').first().textContent()).toMatch(new RegExp(`^${uuid(71)}: status: must be one of`));
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-pulled');

    // A pull that would empty most of the source asks; keeping changes nothing, yes pulls again with the removals.
    api.state.services = range(3);
    await row.getByRole('button', { name: 'Pull now: county' }).click();
    const ask = page.getByRole('dialog', { name: 'Remove most of this source?' });
    await expect.poll(() => ask.textContent()).toContain('This would remove 67 of the 70 services this source holds');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-removals');
    await ask.getByRole('button', { name: 'Keep the directory as it is' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Not pulled: the source keeps its services as they were.');
    expect(county()).toBe(70);
    // Reopened, the list words the refused pull as the screen asks it (main's sentence names --allow-removals).
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => row.locator('.source-result').textContent()).toBe('Not applied: it would remove 67 services, more than half of this source. Pull now asks before it does. Nothing was changed.');
    await row.getByRole('button', { name: 'Pull now: county' }).click();
    await ask.getByRole('button', { name: 'Remove 67 services and apply' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Pulled: 0 added, 0 changed, 67 removed, 0 left out.');
    expect(county()).toBe(3);
    await expect.poll(() => header.textContent()).toMatch(new RegExp(`^${STARTER_SERVICES + 3} services`));

    // Paused: no pulling until resumed.
    await row.getByRole('button', { name: 'Pause pulling county' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Resume pulling county' }).count()).toBe(1);
    expect(await row.textContent()).toContain('county (HSDS API)paused');
    expect(await row.getByRole('button', { name: 'Pull now: county' }).isDisabled()).toBe(true);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-paused');
    await row.getByRole('button', { name: 'Resume pulling county' }).click();
    await expect.poll(() => row.getByRole('button', { name: 'Pull now: county' }).isDisabled()).toBe(false);

    // A server answering 500: after main's retries, its sentence; nothing changes, and the list remembers it.
    api.state.misbehave = (_req, res) => (res.writeHead(500).end(), true);
    await row.getByRole('button', { name: 'Pull now: county' }).click();
    await expect.poll(() => row.getByRole('alert').textContent(), { timeout: 30_000 }).toMatch(/^The HSDS API at 127\.0\.0\.1:\d+ .*\(500\).*Nothing was changed\.$/);
    expect(county()).toBe(3);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => row.locator('.source-result').textContent()).toMatch(/\(500\).*Nothing was changed\.$/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-failed');

    // The services pulled are searchable.
    await page.keyboard.press('Escape');
    await page.getByRole('searchbox').fill('SYNTHETIC pulled service');
    await expect.poll(() => page.locator('.card .card-source').allTextContents()).toEqual(['from county', 'from county', 'from county']);
  });

  it('with a key store, seals the API key, sends it as the header the publisher asks for, and never shows it again', async () => {
    const KEY = 'SYNTHETIC-desk-key-4711';
    api.state.requireHeader = KEY;
    app = await launchApp({ secretBox: aesSecretBox() });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const sources = page.getByRole('region', { name: 'Directory sources' });
    await sources.getByText('Add a source from an address').click();
    await sources.getByLabel('Name (what this desk calls it)').fill('keyed');
    await sources.getByLabel('Address (URL)').fill(`${api.base}/api/`);
    await sources.getByLabel('API key header name (optional)').fill('x-api-key');
    await sources.getByLabel('API key (optional)').fill(KEY);
    await sources.getByRole('button', { name: 'Add source' }).click();
    await expect.poll(() => sources.locator('form').getByRole('status').textContent()).toBe('Added “keyed”. Pull it now to bring its services into the directory.');
    // The form is emptied, the key with it; the database holds it sealed only.
    expect(await sources.getByLabel('API key (optional)').inputValue()).toBe('');
    const row = sources.getByRole('listitem').filter({ hasText: /^keyed/ });
    await row.getByRole('button', { name: 'Pull now: keyed' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Pulled: 5 added, 0 changed, 0 removed, 0 left out.');
    expect(await page.content()).not.toContain(KEY);
    const stored = app.db.prepare("SELECT pull FROM source WHERE name = 'keyed'").pluck().get() as string;
    expect(stored).toContain('x-api-key');
    expect(stored).not.toContain(KEY);
  });

  it('pulls an HSDS JSON file at an address, and says when it has not changed since', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const sources = page.getByRole('region', { name: 'Directory sources' });
    await sources.getByText('Add a source from an address').click();
    await sources.getByLabel('Name (what this desk calls it)').fill('county-file');
    await sources.getByLabel('Address (URL)').fill(`${api.base}/directory.json`);
    await sources.getByRole('radio', { name: 'a datapackage .zip or HSDS JSON file' }).check();
    await sources.getByRole('button', { name: 'Add source' }).click();
    const row = sources.getByRole('listitem').filter({ hasText: /^county-file/ });
    await expect.poll(() => row.textContent()).toContain(`county-file (datapackage at an address)${api.base}/directory.json0 services`);
    await row.getByRole('button', { name: 'Pull now: county-file' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Pulled: 5 added, 0 changed, 0 removed, 0 left out.');
    await row.getByRole('button', { name: 'Pull now: county-file' }).click();
    await expect.poll(() => row.locator('.pull-warnings').textContent()).toBe(`${api.base}/directory.json has not changed since the last pull.`);
    expect(await row.getByRole('status').textContent()).toBe('Pulled: 0 added, 0 changed, 0 removed, 0 left out.');
  });

  it('cancels a slow pull from the keyboard, changing nothing', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const sources = page.getByRole('region', { name: 'Directory sources' });
    await sources.getByText('Add a source from an address').click();
    await sources.getByLabel('Name (what this desk calls it)').fill('county');
    await sources.getByLabel('Address (URL)').fill(`${api.base}/api/`);
    await sources.getByRole('button', { name: 'Add source' }).click();
    const row = sources.getByRole('listitem').filter({ hasText: /^county/ });
    await row.getByRole('button', { name: 'Pull now: county' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Pulled: 5 added, 0 changed, 0 removed, 0 left out.');

    // The server holds its answer: the pull runs until cancelled, and the focus waits on Cancel pull.
    let release!: () => void;
    api.state.hold = new Promise((ok) => (release = ok));
    api.state.services = range(40);
    await row.getByRole('button', { name: 'Pull now: county' }).press('Enter');
    const cancel = row.getByRole('button', { name: 'Cancel pull: county' });
    await expect.poll(() => cancel.evaluate((b) => b === document.activeElement)).toBe(true);
    await expect.poll(() => row.getByRole('status').textContent()).toMatch(/^Reading what the source publishes…/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-pull-cancel');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.getByRole('status').textContent()).toBe('The pull was cancelled; nothing was changed.');
    expect(await cancel.count()).toBe(0);
    expect(county()).toBe(5);
    expect(await row.textContent()).toContain('5 services');
    expect(await row.getByRole('button', { name: 'Pull now: county' }).evaluate((b) => b === document.activeElement)).toBe(true);
    api.state.hold = null;
    release();
  });

  it('reads in Spanish, with axe clean', async () => {
    app = await launchApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Español' }).check();
    const sources = page.getByRole('region', { name: 'Fuentes del directorio' });
    await sources.getByText('Añadir una fuente desde una dirección').click();
    await sources.getByLabel('Nombre (como la llama la oficina)').fill('condado');
    await sources.getByLabel('Dirección (URL)').fill(`${api.base}/api/`);
    await sources.getByRole('button', { name: 'Añadir la fuente' }).click();
    const row = sources.getByRole('listitem').filter({ hasText: /^condado/ });
    await expect.poll(() => row.textContent()).toContain('condado (API HSDS)');
    await row.getByRole('button', { name: 'Descargar ahora: condado' }).click();
    await expect.poll(() => row.getByRole('status').textContent()).toBe('Descargada: añadidos: 5, cambiados: 0, quitados: 0, excluidos: 0.');
    expect(await row.textContent()).toMatch(/5 servicios · última descarga el \d+ \w+ \d{4}/);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('settings-sources-es');
    await row.getByRole('button', { name: 'Pausar las descargas de condado' }).click();
    await expect.poll(() => row.textContent()).toContain('condado (API HSDS)en pausa');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
});
