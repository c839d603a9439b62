import { writeFileSync } from 'node:fs';
import type { Db } from '../db/open';
import type { ServiceReader } from '../db/service-read';
import { writeWhenFree } from '../db/write-when-free';
import type { Handlers } from '../handler-types';
import { buildCorrections } from './corrections';
import type { DeskShell } from './desk-shell';
import { createDeskSettings } from './desk-settings';
import { createLocalRecords } from './local-records';

type DeskChannel =
  | 'localRecord'
  | 'saveNote'
  | 'markCall'
  | 'exportCorrections'
  | 'settings'
  | 'setUiLanguage'
  | 'saveReferralList'
  | 'savedReferralList'
  | 'saveReferralSheetPdf'
  | 'hideWindow';

/** The intake desk's channels, spread into createHandlers. */
export function createDeskHandlers(db: Db, reader: ServiceReader, shell: DeskShell): Pick<Handlers, DeskChannel> {
  const records = createLocalRecords(db);
  const settings = createDeskSettings(db);
  const today = () => new Date().toISOString().slice(0, 10);
  return {
    localRecord: ({ serviceId }) => records.record(serviceId),
    // Saved once the write lock is free: a long update may be holding it (write-when-free.ts).
    saveNote: ({ serviceId, body }) => writeWhenFree(db, () => records.saveNote(serviceId, body)),
    markCall: ({ serviceId, status, comment }) => writeWhenFree(db, () => records.markCall(serviceId, status, comment)),
    exportCorrections: async () => {
      const path = await shell.chooseSavePath(`referral-atlas-corrections-${today()}.json`, { name: 'JSON', extensions: ['json'] });
      if (path) writeFileSync(path, `${JSON.stringify(buildCorrections(db, reader), null, 2)}\n`);
      return { path };
    },
    settings: () => settings.settings(),
    setUiLanguage: ({ uiLanguage }) => writeWhenFree(db, () => settings.setUiLanguage(uiLanguage)),
    saveReferralList: ({ serviceIds }) => writeWhenFree(db, () => settings.saveReferralList(serviceIds)),
    savedReferralList: () => settings.savedReferralList(),
    saveReferralSheetPdf: async ({ fileName }) => {
      // Render first: the page must still show the sheet while it prints, before a dialog takes focus.
      const pdf = await shell.printPageToPdf();
      const path = await shell.chooseSavePath(fileName, { name: 'PDF', extensions: ['pdf'] });
      if (path) writeFileSync(path, pdf);
      return { path };
    },
    hideWindow: () => {
      shell.hideWindow();
      return null;
    },
  };
}
