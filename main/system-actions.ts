/**
 * Things only the desktop shell can do for the renderer. Electron supplies the real ones
 * (main/electron-system-actions.ts); the CLI and browser tests supply their own.
 */
export interface SystemActions {
  /** Opens an already-checked http(s), tel: or mailto: URL outside the app. */
  openExternal(url: string): Promise<void>;
  /** Puts text on the system clipboard: a phone number or an address from a result card. */
  copyText(text: string): void;
}

export const noSystemActions: SystemActions = {
  openExternal: () => Promise.reject(new Error('Opening links is only possible in the desktop app.')),
  copyText: () => {
    throw new Error('Copying is only possible in the desktop app.');
  },
};
