import { z } from 'zod';

/** Device names Windows keeps, with or without an extension after them: a save dialog there fails on them. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/**
 * The name a referral sheet is offered under in the save dialog: letters, digits, spaces, `.`, `-`, `_`,
 * starting and ending with a letter, digit, `-` or `_` (so no `..pdf`, no ` .pdf`), and no device name.
 */
export const pdfFileName = z
  .string()
  .regex(/^[\w .-]{1,80}\.pdf$/, 'must be a plain file name ending in .pdf')
  .refine((name) => /^[\w-](?:.*[\w-])?\.pdf$/.test(name), 'must start and end with a letter, digit, - or _')
  .refine((name) => !WINDOWS_DEVICE.test(name.split('.')[0]!.trim()), 'is a name Windows keeps for a device (CON, NUL, COM1, …)');
