import { dialog, type BrowserWindow } from 'electron';
import type { DeskShell } from './desk-shell';

/** The desk shell in the app: the window's own save dialog, Chromium's PDF printer, window hiding. */
export function electronDeskShell(getWindow: () => BrowserWindow | null): DeskShell {
  const win = (): BrowserWindow => {
    const w = getWindow();
    if (!w || w.isDestroyed()) throw new Error('The app window is closed.');
    return w;
  };
  return {
    async chooseSavePath(defaultName, filter) {
      const { canceled, filePath } = await dialog.showSaveDialog(win(), { defaultPath: defaultName, filters: [filter] });
      return canceled || !filePath ? null : filePath;
    },
    printPageToPdf: () => win().webContents.printToPDF({ pageSize: 'Letter', printBackground: false, preferCSSPageSize: true }),
    hideWindow: () => win().hide(),
  };
}
