import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RemovalCount } from '../../../shared/import-types';
import { Dialog } from './Dialog';

/**
 * The yes an import or a feed update needs before it removes services: main refuses one that would remove
 * more than half of the directory without it (main/hsds/install/removals.ts), and the screens ask before
 * any removal. The counts, with keeping the directory as it is the default.
 */
export function ConfirmRemovals({
  count,
  onConfirm,
  onCancel,
  returnFocusTo,
}: {
  count: RemovalCount;
  onConfirm: () => void;
  onCancel: () => void;
  /** Where the focus goes when the dialog closes, if not back to what had it before. */
  returnFocusTo?: HTMLElement | null;
}) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  // After the dialog opens (its effect runs first), which would otherwise focus its first button, Close.
  useEffect(() => keep.current?.focus(), []);
  const most = count.removed * 2 > count.installed;
  return (
    <Dialog title={most ? t('removalsTitle') : t('removalsSomeTitle', { count: count.removed })} onClose={onCancel} returnFocusTo={returnFocusTo}>
      <p role="alert">{t(most ? 'removalsBody' : 'removalsSomeBody', { removed: count.removed, installed: count.installed })}</p>
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onCancel}>
          {t('removalsKeep')}
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          {t('removalsConfirm', { count: count.removed })}
        </button>
      </div>
    </Dialog>
  );
}
