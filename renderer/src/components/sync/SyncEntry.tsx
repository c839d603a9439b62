import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncScreen } from './SyncScreen';

/** The topbar button that opens the Sync screen; `onDataChanged` refreshes the views after an apply or restore. */
export function SyncEntry({ onDataChanged }: { onDataChanged: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="sync-open" onClick={() => setOpen(true)}>
        {t('syncOpen')}
      </button>
      {open ? <SyncScreen onClose={() => setOpen(false)} onDirectoryChanged={onDataChanged} /> : null}
    </>
  );
}
