import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncScreen } from './SyncScreen';

/** The topbar button that opens the Sync screen. Closing it after a change reloads the directory views. */
export function SyncEntry() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changed, setChanged] = useState(false);
  const close = () => {
    setOpen(false);
    if (changed) window.location.reload();
  };
  return (
    <>
      <button type="button" className="sync-open" onClick={() => setOpen(true)}>
        {t('syncOpen')}
      </button>
      {open ? <SyncScreen onClose={close} onDirectoryChanged={() => setChanged(true)} directoryChanged={changed} /> : null}
    </>
  );
}
