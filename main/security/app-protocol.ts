import { normalize, resolve, sep } from 'node:path';

/**
 * Maps an app:// URL to a file under the renderer folder, or null when the path escapes it
 * (`..`, encoded separators, absolute paths).
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    // An encoded separator has no business in an asset path: refuse rather than guess.
    if (/%2f|%5c/i.test(url.pathname)) return null;
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = normalize(pathname === '/' || pathname === '' ? '/index.html' : pathname).replace(/^[/\\]+/, '');
  const root = resolve(rootDir);
  const file = resolve(root, relative);
  return file === root || file.startsWith(root + sep) ? file : null;
}
