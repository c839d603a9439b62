import { useTranslation } from 'react-i18next';
import type { ImportJobStatus } from '../../../../shared/import-types';

/** Which of the four steps an import is on, how far through it, and the way to stop it. */
export function ImportProgress({ status, onCancel }: { status: ImportJobStatus | null; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const step = status?.step ?? 'reading';
  const count = (n: number) => n.toLocaleString(i18n.language);
  const label = t(`importStep_${step}`, { done: count(status?.done ?? 0), total: count(status?.total ?? 0) });
  return (
    <div className="import-progress">
      <progress max={Math.max(status?.total ?? 0, 1)} value={status?.done ?? 0} aria-label={label} />
      <span role="status">{label}</span>
      <button type="button" onClick={onCancel}>
        {t('importCancel')}
      </button>
    </div>
  );
}
