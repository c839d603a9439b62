/**
 * The only way the app opens anything outside itself. Web links open in the user's browser, phone and
 * mail links in their handlers; every other scheme (file:, javascript:, smb:, custom handlers that could
 * run programs) is refused. What is handed on is exactly what was checked: a form the URL parser would
 * quietly repair into something else is refused rather than repaired.
 */
export function checkExternalUrl(raw: string): URL | null {
  if (typeof raw !== 'string' || raw.length > 2048) return null;
  // The parser turns backslashes into slashes and drops tabs and line breaks: `http:\\host\share` would open http://host/share.
  if ([...raw].some((c) => c === '\\' || c <= '\u001f' || c === '\u007f')) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  switch (url.protocol) {
    case 'http:':
    case 'https:':
      return /^https?:\/\/[^/]/i.test(raw) && url.hostname && !url.username && !url.password ? url : null;
    case 'tel:':
      return isPhoneNumber(url) ? url : null;
    case 'mailto:':
      return isMailAddress(url) ? url : null;
    default:
      return null;
  }
}

/** Opens a checked URL with the given opener (Electron's shell.openExternal); false when refused. */
export async function openExternalSafely(raw: string, open: (url: string) => Promise<void>): Promise<boolean> {
  const url = checkExternalUrl(raw);
  if (!url) return false;
  await open(url.toString());
  return true;
}

/** A malformed escape (`%E0%A4%A`) is a refusal, not an exception. */
function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** Digits with the punctuation people write numbers with: no parameters, nothing after the number. */
function isPhoneNumber(url: URL): boolean {
  const number = decoded(url.pathname);
  return url.search === '' && url.hash === '' && number !== null && /^\+?[\d\-(). ]{3,32}$/.test(number) && (number.match(/\d/g)?.length ?? 0) >= 3;
}

const LOCAL_PART = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}$/;
const DOMAIN = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
/** Mail clients act on other fields: `attach` attaches the named file, `cc`/`bcc`/`to` add recipients. */
const MAIL_FIELDS = new Set(['subject', 'body']);

/** One address, with at most a subject and a body. */
function isMailAddress(url: URL): boolean {
  const address = decoded(url.pathname);
  if (address === null || url.hash !== '' || decoded(url.search) === null) return false;
  const at = address.lastIndexOf('@');
  if (at < 0 || !LOCAL_PART.test(address.slice(0, at)) || !DOMAIN.test(address.slice(at + 1))) return false;
  const fields = [...url.searchParams.keys()].map((key) => key.toLowerCase());
  return fields.every((field) => MAIL_FIELDS.has(field)) && new Set(fields).size === fields.length;
}
