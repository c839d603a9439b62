import type { PlaceMatch } from '../../../shared/domain';
import type { Lookup } from './usePlaceLookup';
import { useSharedTranslation } from '../i18n/shared-translation';

/** Under a place box: the places a name could mean, or why none was found. */
export function PlacePicker({ lookup, notFound, text, onChoose }: { lookup: Lookup; notFound: boolean; text: string; onChoose: (m: PlaceMatch) => void }) {
  const { t } = useSharedTranslation();
  if (lookup.status === 'pick') {
    return (
      <div className="near-picker" role="group" aria-label={t('nearPick')}>
        <div className="muted">{t('nearPick')}</div>
        {lookup.matches.map((m) => (
          <button key={m.id} type="button" className="near-choice" onClick={() => onChoose(m)}>
            {m.label}
          </button>
        ))}
      </div>
    );
  }
  if (notFound) {
    return (
      <div className="near-error" role="alert">
        {t('nearNotFound', { text: text.trim() })}
      </div>
    );
  }
  if (lookup.status === 'error') {
    return (
      <div className="near-error" role="alert">
        {lookup.error}
      </div>
    );
  }
  return null;
}
