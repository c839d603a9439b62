import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DamagedDatabase, RecoveryChoice } from './db/open-user-database';
import { openDatabase } from './db/open';
import { openUserDatabase } from './db/open-user-database';
import { electronSecretBox } from './electron-secret-box';
import { electronSystemActions } from './electron-system-actions';
import { createHandlers } from './handlers';
import { ensureStarterDirectory } from './hsds/install/starter';
import { electronDeskShell } from './desk/electron-shell';
import { bindIpc } from './ipc';
import { DATABASE_FILE, defaultDataDir } from './paths';
import { resolveAppFile } from './security/app-protocol';
import { hardenSession, hardenWebContents } from './security/harden';
import { pagePolicy } from './security/page-policy';
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

/** The Import screen's file chooser: the only way a dataset path reaches the app (the renderer never sends one). */
async function chooseImportPath(kind: 'file' | 'folder'): Promise<string | null> {
  const options: Electron.OpenDialogOptions =
    kind === 'folder'
      ? { properties: ['openDirectory'] }
      : { properties: ['openFile'], filters: [{ name: 'Directory data (HSDS JSON, datapackage .zip, spreadsheet .csv)', extensions: ['json', 'zip', 'csv'] }] };
  const win = BrowserWindow.getFocusedWindow();
  const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

function askAboutDamage(problem: DamagedDatabase): RecoveryChoice {
  const copy = problem.lastGoodCopy;
  const buttons = copy ? ['Restore the saved copy', 'Start again from the bundled directory', 'Quit'] : ['Start again from the bundled directory', 'Quit'];
  const answer = dialog.showMessageBoxSync({
    type: 'error',
    title: 'Referral Atlas',
    message: 'The directory database on this computer is damaged.',
    detail:
      (copy
        ? `A copy saved on ${copy.savedAt.toLocaleString()} (before the last import or update) can be restored. `
        : 'There is no saved copy to restore. ') +
      `The damaged file will be kept beside it, not deleted. Local notes made after the copy was saved may be lost.\n\nDetail: ${problem.detail}`,
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  const chosen = buttons[answer];
  if (chosen === 'Restore the saved copy') return 'restore';
  if (chosen === 'Start again from the bundled directory') return 'start-fresh';
  return 'quit';
}

function start(): void {
  const databasePath = join(app.getPath('userData'), DATABASE_FILE);
  const db = openUserDatabase(databasePath, askAboutDamage, electronNativeBinding());
  if (!db) {
    app.quit();
    return;
  }
  ensureStarterDirectory(db, join(resources, 'data', 'starter-directory.json'));
  let win: BrowserWindow | null = null;
  const openWriter = () => openDatabase(databasePath, { nativeBinding: electronNativeBinding() });
  bindIpc(
    ipcMain,
    createHandlers(db, databasePath, {
      ...electronSystemActions,
      ...electronDeskShell(() => win),
      chooseImportPath,
      openWriter,
      secretBox: electronSecretBox,
      dataDir: join(resources, 'data'),
      basemapPath: join(resources, 'data', 'basemap.pmtiles'),
      chooseStreetMap: async () => {
        const options: Electron.OpenDialogOptions = { properties: ['openFile'], filters: [{ name: 'PMTiles map', extensions: ['pmtiles'] }] };
        const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
        return picked.canceled ? null : (picked.filePaths[0] ?? null);
      },
      reloadPage: () => win?.webContents.reload(),
    }),
  );

  // No "persist:" prefix: an in-memory session, so no cache or storage of what was viewed reaches disk.
  const ses = session.fromPartition('referral-atlas');
  hardenSession(ses);
  ses.protocol.handle('app', (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString()).then((res) => {
      const headers = new Headers(res.headers);
      // Read per response: turning online tiles on reloads the page, which then gets the tile host allowed.
      headers.set('Content-Security-Policy', pagePolicy(db));
      return new Response(res.body, { status: res.status, headers });
    });
  });

  win = new BrowserWindow(secureWindowOptions(join(__dirname, '..', 'preload', 'index.cjs'), ses));
  // After a quick exit the window is hidden, not closed: starting the app again brings it back.
  app.on('second-instance', () => win?.show());
  app.on('activate', () => win?.show());
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

// Every web contents, the main window's included, gets the same navigation rules as it is created.
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, electronSystemActions.openExternal));
if (!app.requestSingleInstanceLock()) app.exit(0);
Menu.setApplicationMenu(null);
app.on('window-all-closed', () => app.quit());
void app.whenReady().then(start);
