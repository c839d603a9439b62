import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_WAIT_SECONDS } from '../../../../shared/sync-types';
import { atlas } from '../../atlas';

/** How long one feed's whole download may take; saved when the field is left or Enter is pressed. */
export function DeadlineSetting({ seconds, onSaved }: { seconds: number; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(String(seconds));
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const value = Number(draft);
    if (!Number.isInteger(value) || value < 1 || value > MAX_WAIT_SECONDS) {
      setError(t('syncDeadlineInvalid', { max: MAX_WAIT_SECONDS }));
      return;
    }
    setError(null);
    if (value === seconds) return;
    const r = await atlas().syncSetDeadline({ seconds: value });
    if (!r.ok) setError(r.error);
    else await onSaved();
  };
  return (
    <div className="sync-periodic">
      <label htmlFor="sync-deadline">{t('syncDeadline')}</label>
      <input
        id="sync-deadline"
        type="number"
        min={1}
        max={MAX_WAIT_SECONDS}
        step={1}
        value={draft}
        aria-invalid={error !== null}
        aria-describedby={error ? 'sync-deadline-error' : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void save()}
        onKeyDown={(e) => e.key === 'Enter' && void save()}
      />
      {error ? (
        <span id="sync-deadline-error" className="message error" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
