import { shell } from 'electron';
import type { SystemActions } from './system-actions';

/** The one place allowed to call shell.openExternal (ESLint bans it elsewhere); callers check URLs first. */
export const electronSystemActions: SystemActions = {
  openExternal: (url) => shell.openExternal(url),
};
