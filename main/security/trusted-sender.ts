/** The only origin the app's own pages load from (the app:// protocol serves the built renderer). */
export const APP_ORIGIN = 'app://atlas';

/**
 * IPC is answered only for the app's own top-level page: a frame that navigated elsewhere, an iframe,
 * or any other origin gets nothing.
 */
export function isTrustedSender(frame: { url: string; parent: unknown } | null | undefined): boolean {
  if (!frame || frame.parent) return false;
  try {
    return new URL(frame.url).origin === APP_ORIGIN || frame.url.startsWith(`${APP_ORIGIN}/`);
  } catch {
    return false;
  }
}
