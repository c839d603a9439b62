import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The one set of window options the app uses. Kept as a pure function so its security settings are
 * unit-tested without Electron.
 */
export function secureWindowOptions(preloadPath: string, session: Electron.Session): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Referral Atlas',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    },
  };
}
