import { clipboard, shell } from 'electron';
import type { SystemActions } from './system-actions';

/** The one place allowed to call shell.openExternal (ESLint bans it elsewhere); callers check URLs first. */
export const electronSystemActions: SystemActions = {
  openExternal: (url) => shell.openExternal(url),
  // Through main: the page's own clipboard API needs a permission the hardened session refuses.
  copyText: (text) => clipboard.writeText(text),
};
