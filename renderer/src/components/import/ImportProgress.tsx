import { useTranslation } from 'react-i18next';
import type { ImportJobStatus } from '../../../../shared/import-types';
import type { MessageKey } from '../../i18n/en';

/**
 * Which step an import or a sync is on, how far through it, and (for an import) the way to stop it.
 * `labelKey` words a step met outside an import (search being prepared after an update).
 */
export function ImportProgress({ status, onCancel, labelKey }: {
  status: Pick<ImportJobStatus, 'step' | 'done' | 'total'> | null;
  onCancel?: () => void;
  labelKey?: MessageKey;
}) {
  const { t } = useTranslation();
  const step = status?.step ?? 'reading';
  const label = t(labelKey ?? `importStep_${step}`, { done: status?.done ?? 0, total: status?.total ?? 0 });
  return (
    <div className="import-progress">
      <progress max={Math.max(status?.total ?? 0, 1)} value={status?.done ?? 0} aria-label={label} />
      <span role="status">{label}</span>
      {onCancel ? (
        <button type="button" onClick={onCancel}>
          {t('importCancel')}
        </button>
      ) : null}
    </div>
  );
}
