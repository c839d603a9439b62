/**
 * What a failed call tells the page: a sentence a person at the desk can act on, never the inside of the
 * main process. The engine's own errors ("Invalid URL", "URI malformed", "Cannot read properties of
 * undefined") mean a check was missing, not something to say; file and database errors say what kind of
 * thing failed; any other message keeps its words, with file paths cut down to the file's name.
 */
export const INTERNAL_ERROR = 'Referral Atlas could not do that: something went wrong inside the app. Try again; if it keeps happening, restart the app.';

const MAX_MESSAGE = 1_000;

export function plainErrorMessage(err: unknown): string {
  if (!(err instanceof Error) || isEngineError(err)) return INTERNAL_ERROR;
  if (err.name === 'SqliteError') return 'The directory database on this computer could not do that. Try again; if it keeps happening, restart the app.';
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string' && typeof syscall === 'string') return `A file the app needed could not be read or written (${code}).`;
  const message = typeof err.message === 'string' ? err.message : '';
  if (!message.trim()) return INTERNAL_ERROR;
  return withoutPaths(message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message);
}

const ENGINE_ERRORS = [TypeError, RangeError, URIError, SyntaxError, ReferenceError, EvalError];
const isEngineError = (err: Error): boolean => ENGINE_ERRORS.some((kind) => err instanceof kind);

/**
 * An absolute path (`/home/desk/x.pmtiles`, `C:\Program Files\Referral Atlas\x.json`, `\\server\share\x`)
 * becomes its last part. Folder names may hold spaces, never at either end; the last part may not. A path
 * inside a web address is left alone: it follows the host name, not a space or a quote.
 */
const SEGMENT = String.raw`[^\s"'\x60<>|\\/:](?:[^\n"'\x60<>|\\/:]*[^\s"'\x60<>|\\/:])?`;
const ABSOLUTE_PATH = new RegExp(String.raw`(?<![\w:/.\\-])(?:[A-Za-z]:[\\/]|\\\\|/)(?:${SEGMENT}[\\/])+[^\s"'\x60<>|\\/]*`, 'g');
export const withoutPaths = (text: string): string => text.replace(ABSOLUTE_PATH, (path) => path.split(/[\\/]/).filter(Boolean).pop() ?? '');
