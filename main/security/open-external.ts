/**
 * The only way the app opens anything outside itself. Web links open in the user's browser, phone and
 * mail links in their handlers; every other scheme (file:, javascript:, smb:, custom handlers that could
 * run programs) is refused.
 */
const ALLOWED = new Set(['http:', 'https:', 'tel:', 'mailto:']);

export function checkExternalUrl(raw: string): URL | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!ALLOWED.has(url.protocol)) return null;
  if ((url.protocol === 'http:' || url.protocol === 'https:') && (!url.hostname || url.username || url.password)) return null;
  if (url.protocol === 'tel:' && !/^\+?[\d\-().\s]{3,32}(;ext=\d{1,8})?$/.test(decodeURIComponent(url.pathname))) return null;
  if (url.protocol === 'mailto:' && !/^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))) return null;
  return url;
}

/** Opens a checked URL with the given opener (Electron's shell.openExternal); false when refused. */
export async function openExternalSafely(raw: string, open: (url: string) => Promise<void>): Promise<boolean> {
  const url = checkExternalUrl(raw);
  if (!url) return false;
  await open(url.toString());
  return true;
}
