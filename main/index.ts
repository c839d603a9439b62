import { app, BrowserWindow, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openDatabase } from './db/open';
import { createHandlers } from './handlers';
import { ensureStarterDirectory } from './hsds/starter';
import { bindIpc } from './ipc';
import { DATABASE_FILE, defaultDataDir } from './paths';
import { resolveAppFile } from './security/app-protocol';
import { contentSecurityPolicy } from './security/csp';
import { APP_ORIGIN } from './security/trusted-sender';
import { secureWindowOptions } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.setPath('userData', defaultDataDir());
app.enableSandbox();

const appRoot = join(__dirname, '..', '..');
const resources = app.isPackaged ? process.resourcesPath : appRoot;
const rendererDir = join(__dirname, '..', 'renderer');

/** In development better-sqlite3 is built for Node (tests); `npm start` builds an Electron copy beside it. */
function electronNativeBinding(): string | undefined {
  const candidate = join(appRoot, '.electron-native', 'better_sqlite3.node');
  return !app.isPackaged && existsSync(candidate) ? candidate : undefined;
}

function start(): void {
  const databasePath = join(app.getPath('userData'), DATABASE_FILE);
  const db = openDatabase(databasePath, { nativeBinding: electronNativeBinding() });
  ensureStarterDirectory(db, join(resources, 'data', 'starter-directory.json'));
  bindIpc(ipcMain, createHandlers(db, databasePath, { dataDir: join(resources, 'data') }));

  const ses = session.fromPartition('in-memory');
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  ses.protocol.handle('app', (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString()).then((res) => {
      const headers = new Headers(res.headers);
      headers.set('Content-Security-Policy', contentSecurityPolicy());
      return new Response(res.body, { status: res.status, headers });
    });
  });

  const win = new BrowserWindow(secureWindowOptions(join(__dirname, '..', 'preload', 'index.cjs'), ses));
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^(https?:|tel:|mailto:)/i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

Menu.setApplicationMenu(null);
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
