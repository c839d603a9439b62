/**
 * What the desk handlers need from the desktop shell: a save dialog, printing the page to PDF and
 * hiding the window. Electron provides it in the app (electron-shell.ts); the browser tests provide one
 * backed by Playwright; the CLI has none.
 */
export interface DeskShell {
  /** Asks the user where to save; null when they cancel. */
  chooseSavePath(defaultName: string, filter: { name: string; extensions: string[] }): Promise<string | null>;
  /** The app's page as printed (print stylesheet applied). */
  printPageToPdf(): Promise<Uint8Array>;
  hideWindow(): void;
}

const unavailable = (): never => {
  throw new Error('This needs the desktop app window.');
};

export const noDeskShell: DeskShell = {
  chooseSavePath: unavailable,
  printPageToPdf: unavailable,
  hideWindow: unavailable,
};
