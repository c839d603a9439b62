import type { Session, WebContents } from 'electron';
import { openExternalSafely } from './open-external';

/**
 * Session rules: every permission (geolocation, camera, notifications, ...) denied, both when asked and
 * when checked; no spellchecker dictionary downloads.
 */
export function hardenSession(ses: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setSpellCheckerEnabled' | 'setSpellCheckerDictionaryDownloadURL'>): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // An unreachable URL: even if a dictionary were requested, nothing leaves the machine.
  ses.setSpellCheckerDictionaryDownloadURL('https://127.0.0.1:9/');
}

type Preventable = { preventDefault: () => void };

/**
 * Page rules: the window never navigates, redirects, attaches a <webview> or opens a window. Links meant
 * for the outside world (http(s), tel:, mailto:) go to the system through the one checked opener.
 */
export function hardenWebContents(
  wc: Pick<WebContents, 'on' | 'setWindowOpenHandler'>,
  openExternal: (url: string) => Promise<void>,
): void {
  const block = (event: Preventable) => event.preventDefault();
  wc.on('will-navigate', (event: Preventable, url: string) => {
    block(event);
    void openExternalSafely(url, openExternal);
  });
  wc.on('will-redirect', block);
  wc.on('will-attach-webview', block);
  wc.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(url, openExternal);
    return { action: 'deny' };
  });
}
