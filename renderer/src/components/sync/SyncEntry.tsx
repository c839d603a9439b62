import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SyncScreen } from './SyncScreen';

/** Memoized: the topbar is drawn again with every keystroke and answer, this button never changes with them. */
export const SyncEntry = memo(SyncButton);

/** The topbar button that opens the Sync screen; `onDataChanged` refreshes the views after an apply or restore. */
function SyncButton({ onDataChanged }: { onDataChanged: () => void }) {
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
