import { useTranslation } from 'react-i18next';
import type { PreviousVersion } from '../../../../shared/import-types';
import { Dialog } from '../Dialog';
import type { UiLanguage } from '../../i18n';
import { dateText } from '../../i18n/format';

/** Asks before going back to the previous directory, saying whether that undoes the last import or redoes one undone. */
export function RollbackConfirm({ to, onConfirm, onCancel }: { to: PreviousVersion; onConfirm: () => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const facts = { version: to.version ?? to.datasetId, count: to.services, when: dateText(to.installedAt, i18n.language as UiLanguage, true) };
  return (
    <Dialog title={t(to.redo ? 'importRedoTitle' : 'importUndoTitle')} onClose={onCancel}>
      <p>{t(to.redo ? 'importRedoText' : 'importUndoText', facts)}</p>
      <p className="muted">{t('importRollbackKeepsNotes')}</p>
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          {t(to.redo ? 'importRedoConfirm' : 'importUndoConfirm')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('importRollbackCancel')}
        </button>
      </div>
    </Dialog>
  );
}
