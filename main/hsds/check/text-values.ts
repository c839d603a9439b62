/** Larger than any real description; a bigger field is a broken or hostile file, refused before it is held twice. */
export const MAX_FIELD_CHARS = 1_000_000;

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

/** Whether text holds a control character (CONTROL). */
export const hasControlCharacter = (value: string): boolean => CONTROL.test(value);

/**
 * Whether the UTF-8 bytes hold a control character (CONTROL) starting at `i`, for a reader that scans bytes
 * rather than text: C0 and DEL are bytes of their own, a C1 character is 0xC2 then 0x80-0x9F.
 */
export function controlCharacterAt(bytes: Uint8Array, i: number): boolean {
  const c = bytes[i]!;
  return (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f || (c === 0xc2 && bytes[i + 1]! < 0xa0);
}
