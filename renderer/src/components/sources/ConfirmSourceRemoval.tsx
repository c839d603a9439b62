import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceSummary } from '../../../../shared/domain';
import { Dialog } from '../Dialog';

/** The question before a source is removed, keeping it being the default (Enter on the focused button keeps it). */
export function ConfirmSourceRemoval({ source, onConfirm, onCancel }: { source: SourceSummary; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  const [removing, setRemoving] = useState(false);
  // After the dialog opens (its effect runs first), which would otherwise focus its Close button: keeping is the default.
  useEffect(() => keep.current?.focus(), []);
  return (
    <Dialog title={t('sourceRemoveTitle', { name: source.name })} onClose={onCancel}>
      <p>{t('sourceRemoveBody', { count: source.services })}</p>
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onCancel} disabled={removing}>
          {t('sourceRemoveKeep')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={removing}
          onClick={() => {
            setRemoving(true);
            onConfirm();
          }}
        >
          {t('sourceRemoveConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
