import { MAX_FIELD_CHARS } from '../read/csv-text';

/**
 * C0 and C1 control characters other than tab, line feed and carriage return. None belongs in a
 * directory's text: a NUL cuts a string short in some readers, the rest are invisible on screen and in
 * print, and C1 characters are usually Windows-1252 punctuation decoded wrongly. Written as what is
 * allowed, so the pattern itself holds no control character.
 */
const CONTROL = /[^\t\n\r\u0020-\u007E\u00A0-\uFFFF]/;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a text value cannot be imported, or null. The same limits hold whatever format it came in. */
export function textValueProblem(value: string): string | null {
  if (value.length > MAX_FIELD_CHARS) return `is longer than ${MAX_FIELD_CHARS.toLocaleString('en-US')} characters`;
  const control = CONTROL.exec(value);
  if (control) return `contains a control character (${codePoint(control[0])}) at position ${control.index + 1}; only printable text, tabs and line breaks are accepted`;
  return null;
}
