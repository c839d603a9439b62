import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import qrcode from 'qrcode-generator';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../main/db/open';
import { seriousAccessibilityViolations } from './axe';
import { installDeskFixture } from './desk-fixture';
import { CLINIC, detailText, EVENING, HARBOR, openService } from './desk-steps';
import { launchApp, SCREENSHOTS, showInSpanish, type AppSession } from './harness';

const CAST = 'CAST 24-Hour Human Trafficking Hotline';
const HOTLINE = 'National Human Trafficking Hotline';

/** The fixture, with the clinic's hours stated only in the provider's words. */
function prepare(db: Db): void {
  installDeskFixture(db);
  db.prepare(
    "UPDATE schedule SET byday = NULL, opens_at = NULL, closes_at = NULL, timezone = NULL, description = 'Call for hours (synthetic)' WHERE service_id = 'synthetic-svc-clinic'",
  ).run();
}

/** The dark modules of the QR code for `text`, as "col,row" from the code's top left. */
function modulesOf(text: string): string[] {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const dark: string[] = [];
  for (let row = 0; row < qr.getModuleCount(); row++) for (let col = 0; col < qr.getModuleCount(); col++) if (qr.isDark(row, col)) dark.push(`${col},${row}`);
  return dark;
}

async function sheetWith(app: AppSession, services: [string, string][]) {
  const { page } = app;
  for (const [query, name] of services) {
    await openService(app, query, name);
    await page.locator('article.detail').getByRole('button', { name: /Add to referral sheet|Agregar a la hoja/ }).click();
  }
  await page.locator('#open-referral-sheet').click();
  await expect.poll(() => page.locator('.sheet-doc h4').count()).toBe(services.length);
}

/** Saves the sheet as PDF and reads it back as text; its pages go to the screenshots as PNG, named after `name`. */
async function savedPdfText(app: AppSession, name: string): Promise<string> {
  await app.page.locator('.sheet-controls button', { hasText: /Save as PDF|Guardar como PDF/ }).click();
  await expect.poll(() => app.page.locator('.sheet-status').textContent()).toMatch(/referral-sheet-2026-12-05\.pdf$/);
  const pdf = join(app.savedDir, readdirSync(app.savedDir).find((f) => f.endsWith('.pdf'))!);
  mkdirSync(SCREENSHOTS, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(SCREENSHOTS, `referral-sheet-pdf-${name}`)]);
  return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

describe('referral sheet', () => {
  let app: AppSession;
  afterEach(async () => {
    await app.close();
  });

  it('prints who each service serves, its ages, "call before you go" when unconfirmed, the worker\'s line and a code to call or find it', async () => {
    app = await launchApp({ prepare, clock: EVENING });
    const { page } = app;
    await sheetWith(app, [
      ['synthetic', HARBOR],
      ['Riverside', CLINIC],
      ['CAST', CAST],
    ]);
    await page.getByLabel('Your first name').fill('Rosa');
    await page.getByLabel('Callback number').fill('(559) 555-0199');

    // One code per service that has a phone to call or a street address; each draws exactly its link.
    const codes = page.locator('.sheet-doc svg.qr-code');
    expect(await codes.evaluateAll((svgs) => svgs.map((s) => s.getAttribute('data-text')))).toEqual(['tel:5550102000', 'tel:5550103000', 'tel:18885392373']);
    const drawn = await codes.first().locator('path').getAttribute('d');
    expect([...drawn!.matchAll(/M(\d+) (\d+)h1v1h-1z/g)].map((m) => `${Number(m[1]) - 4},${Number(m[2]) - 4}`)).toEqual(modulesOf('tel:5550102000'));
    expect(await codes.first().getAttribute('aria-label')).toBe(`Scan to call: ${HARBOR}`);

    const text = await savedPdfText(app, 'en');
    expect(text).toContain('Your contact: Rosa · Call back: (559) 555-0199');
    expect(text).toMatch(/Serves Women/);
    expect(text).toMatch(/Ages 18 to 24/);
    // Harbor was verified long ago and CAST never; the clinic a month ago.
    expect(text.match(/Call before you go: these details have not been confirmed recently\./g)).toHaveLength(2);
    expect(text).toContain('“Call for hours (synthetic)” (as written by the provider)');
    expect(text).toContain('near the centre of Los Angeles (exact address not listed)');
    expect(text).not.toContain('approximate');
    expect(text).toContain('Scan to call');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await app.screenshot('referral-sheet-en-screen');

    // The worker's line is typed per sheet and kept nowhere.
    await page.getByRole('button', { name: 'Back to search' }).click();
    await page.locator('#open-referral-sheet').click();
    expect(await page.getByLabel('Your first name').inputValue()).toBe('');
    expect(await page.evaluate<number>(`localStorage.length + sessionStorage.length`)).toBe(0);
    expect(JSON.stringify(app.db.prepare('SELECT * FROM local_setting').all())).not.toMatch(/Rosa|555-0199/);
  });

  it('writes the hours in the sheet\'s and the screen\'s language, with the provider\'s English words beside them on screen only', async () => {
    app = await launchApp({ prepare, clock: EVENING });
    const { page } = app;
    await showInSpanish(page);
    await openService(app, 'National Human Trafficking Hotline', HOTLINE);
    const detail = await detailText(app);
    expect(detail).toContain('Abierto las 24 horas, todos los días');
    expect(detail).toMatch(/Con las palabras del proveedor:\s*Open 24 hours, 7 days a week/);
    await openService(app, 'CAST', CAST);
    expect(await detailText(app)).toContain('cerca del centro de Los Angeles (no figura la dirección exacta)');
    expect(await detailText(app)).not.toContain('aproximada');

    await page.getByRole('searchbox').fill('');
    await sheetWith(app, [
      ['National Human Trafficking Hotline', HOTLINE],
      ['synthetic', HARBOR],
      ['Riverside', CLINIC],
      ['CAST', CAST],
    ]);
    await page.getByLabel('Su nombre').fill('Rosa');
    const text = await savedPdfText(app, 'es');
    expect(text).toContain('Abierto las 24 horas, todos los días');
    expect(text).toContain('lun–vie 09:00–17:00');
    expect(text).not.toContain('Open 24 hours');
    expect(text).toContain('“Call for hours (synthetic)” (tal como lo escribe el proveedor)');
    expect(text).toContain('Su contacto: Rosa');
    expect(text).toMatch(/Atiende a Mujeres/);
    expect(text).toMatch(/Edades De 18 a 24/);
    expect(text).toContain('Llame antes de ir');
    expect(text).toContain('cerca del centro de Los Angeles (no figura la dirección exacta)');
    expect(text).toContain('Escanee para llamar');
    await app.screenshot('referral-sheet-es-screen');
  });
});
