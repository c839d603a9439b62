import { createServer, type Server } from 'node:http';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { openDatabase, type Db } from '../main/db/open';
import { dispatch } from '../main/dispatch';
import { createHandlers } from '../main/handlers';
import type { ChooseImportPath } from '../main/hsds/import-handlers';
import { ensureStarterDirectory } from '../main/hsds/install/starter';
import { noDeskShell, type DeskShell } from '../main/desk/desk-shell';
import { noSystemActions } from '../main/system-actions';
import type { SecretBox } from '../main/sources/secret-box';
import type { SearchQuery, SearchResponse } from '../shared/domain';
import { resolveAppFile } from '../main/security/app-protocol';
import { pagePolicy } from '../main/security/page-policy';
import { serveAtlasSocket } from './atlas-socket';
import { sharedBrowser } from './shared-browser';

// From the module's URL, not __dirname: `npm run bench` loads this file as an ES module.
const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const STARTER = join(ROOT, 'data', 'starter-directory.json');
/** The bundled directory's size, and how many cards the first page of an unfiltered list shows. */
export const STARTER_SERVICES = (JSON.parse(readFileSync(STARTER, 'utf8')) as unknown[]).length;
export const FIRST_PAGE = Math.min(STARTER_SERVICES, 50);
export const BASEMAP = join(ROOT, 'data', 'basemap.pmtiles');
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
const RENDERER = join(ROOT, 'out', 'renderer');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.pmtiles': 'application/octet-stream',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer the way the app:// protocol does: same path checks, same CSP header. */
function serveRenderer(csp: () => string): Promise<Server> {
  const server = createServer((req, res) => {
    const file = resolveAppFile(RENDERER, `app://atlas${req.url ?? '/'}`);
    if (!file || !existsSync(file)) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': csp(),
    });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

export interface AppSession {
  page: Page;
  context: BrowserContext;
  db: Db;
  dbPath: string;
  /** Requests the page tried to make to anywhere but the local renderer server. */
  blockedRequests: string[];
  /** Where the stand-in save dialog puts files (PDF sheets, corrections). */
  savedDir: string;
  /** How many times the app asked to hide its window (quick exit). */
  windowHides(): number;
  /** Moves the fixed clock (page and main alike) to another moment; only with the `clock` option. */
  setClock(at: string): Promise<void>;
  /** URLs the app asked the system to open (tel:, mailto:, web links), after main's checks. */
  openedExternally: string[];
  /** What the app put on the system clipboard, oldest first. */
  copied: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens the built renderer in Debian's Chromium (a context of its own in the process's one browser) with
 * the real main-process handlers bound in place of the preload, on a fresh database holding the bundled
 * starter directory (or a copy of the one given).
 */
export async function launchApp(
  options: {
    /** A database file to start from (a copy is used) instead of a fresh one holding the starter directory. */
    database?: string;
    prepare?: (db: Db) => void;
    chooseImportPath?: ChooseImportPath;
    chooseStreetMap?: () => Promise<string | null>;
    /** The system clipboard's stand-in; by default it takes every text (see `copied`). */
    copyText?: (text: string) => void;
    /** A desk clock fixed at `at` (ISO 8601) in `timeZone`, for the page and the main-process handlers. */
    clock?: { at: string; timeZone: string };
    /** The key store that seals API keys (Electron's safeStorage in the app); none by default, as on a Linux desk without one. */
    secretBox?: SecretBox;
  } = {},
): Promise<AppSession> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
  const dbPath = join(dir, 'atlas.sqlite');
  if (options.database) copyFileSync(options.database, dbPath);
  const db = openDatabase(dbPath);
  if (!options.database) ensureStarterDirectory(db, STARTER);
  options.prepare?.(db);
  // The desktop shell's stand-in: the save dialog always answers a path in savedDir, printing is
  // Chromium's own print-to-PDF of the page, and hiding the window is counted.
  const savedDir = join(dir, 'saved');
  let hides = 0;
  let printPage: Page | null = null;
  const shell: DeskShell = {
    chooseSavePath: async (name) => {
      mkdirSync(savedDir, { recursive: true });
      return join(savedDir, name);
    },
    printPageToPdf: async () => {
      if (!printPage) throw new Error('No page to print.');
      return printPage.pdf({ format: 'Letter', preferCSSPageSize: true });
    },
    hideWindow: () => void hides++,
  };
  const openedExternally: string[] = [];
  // Main's local dates follow the process's zone, as they follow the machine's in the app.
  const previousTz = process.env.TZ;
  let fixedNow = options.clock ? new Date(options.clock.at) : null;
  if (options.clock) process.env.TZ = options.clock.timeZone;
  const copied: string[] = [];
  const handlers = createHandlers(db, dbPath, {
    now: () => fixedNow ?? new Date(),
    ...shell,
    openExternal: async (url) => void openedExternally.push(url),
    copyText: options.copyText ?? ((text) => void copied.push(text)),
    ...(options.chooseImportPath ? { chooseImportPath: options.chooseImportPath } : {}),
    dataDir: join(ROOT, 'data'),
    basemapPath: BASEMAP,
    chooseStreetMap: options.chooseStreetMap ?? (async () => null),
    // The page, once opened below: main reloads it when the online tile host changes.
    reloadPage: () => void printPage?.reload(),
    ...(options.secretBox ? { secretBox: options.secretBox } : {}),
  });

  const server = await serveRenderer(() => pagePolicy(db));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // The preload's stand-in calls the real handlers over a WebSocket on this same server (atlas-socket.ts):
  // Electron's IPC is one structured copy, and a socket keeps the stand-in to one message each way. A
  // Playwright binding would carry each call and answer through the DevTools protocol and Playwright's
  // own layers: 4-7 ms more a search at 100,000 services. The socket is the page's origin,
  // so the CSP's connect-src 'self' allows it; context.route does not see WebSockets, and blockedRequests
  // lists what else the page tried to reach.
  const closeSockets = serveAtlasSocket(server, origin, (channel, input) => dispatch(handlers, channel, input));
  const context = await (await sharedBrowser()).newContext({
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
    ...(options.clock ? { timezoneId: options.clock.timeZone } : {}),
  });
  if (fixedNow) await context.clock.setFixedTime(fixedNow);
  const blockedRequests: string[] = [];
  await context.route(
    (url) => !url.href.startsWith(`${origin}/`) && !url.protocol.startsWith('data') && !url.protocol.startsWith('blob'),
    (route) => {
      blockedRequests.push(route.request().url());
      return route.abort('blockedbyclient');
    },
  );
  await context.addInitScript({ content: readFileSync(join(ROOT, 'out', 'e2e', 'bridge.js'), 'utf8') });
  const page = await context.newPage();
  printPage = page;
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${origin}/index.html`);

  return {
    page,
    context,
    db,
    dbPath,
    blockedRequests,
    savedDir,
    windowHides: () => hides,
    async setClock(at) {
      if (!fixedNow) throw new Error('setClock needs launchApp({ clock })');
      fixedNow = new Date(at);
      await context.clock.setFixedTime(fixedNow);
    },
    openedExternally,
    copied,
    async screenshot(name) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      closeSockets();
      await new Promise((ok) => server.close(ok));
      db.close();
      rmSync(dir, { recursive: true, force: true });
      if (options.clock) {
        if (previousTz === undefined) delete process.env.TZ;
        else process.env.TZ = previousTz;
      }
      if (pageErrors.length > 0) throw new Error(`The page threw: ${pageErrors.join('; ')}`);
    },
  };
}

/**
 * Settings, Español, Escape: the screen in Spanish as a person at the desk switches it, waiting for the
 * page to say it is Spanish before the caller reads anything.
 */
export async function showInSpanish(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('radio', { name: 'Español' }).check();
  await page.keyboard.press('Escape');
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
}

/** What the real search handler answers for a query on the launched app's database: what the page should show. */
export function searchDirect(app: AppSession, query: SearchQuery): SearchResponse {
  const handlers = createHandlers(app.db, app.dbPath, { ...noSystemActions, ...noDeskShell, dataDir: join(ROOT, 'data') });
  return handlers.search({ limit: 50, ...query }) as SearchResponse;
}
