import { useTranslation } from 'react-i18next';
import type { SearchCard } from '../../../shared/domain';
import { termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { PhoneLink } from './PhoneLink';

export function ServiceCardView({ card, selected, onSelect, populations = [], showHours = false }: {
  card: SearchCard;
  selected: boolean;
  onSelect: () => void;
  populations?: string[];
  showHours?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const firstPhone = card.phones[0];
  const marks = card.populations.filter((p) => populations.includes(p.id));
  return (
    <li
      className={`card${selected ? ' selected' : ''}`}
      aria-selected={selected}
      role="option"
      id={`card-${card.id}`}
      data-id={card.id}
      onClick={onSelect}
    >
      <div className="card-name">{card.name}</div>
      {card.organization !== card.name ? <div className="card-org">{card.organization}</div> : null}
      <div className="card-phone">
        {firstPhone ? <PhoneLink phone={firstPhone} inOption /> : <span className="unknown">{t('phoneUnknown')}</span>}
      </div>
      <div className="card-meta">
        {/* A distance means the place is known; only its city is missing then. */}
        <span className="place">{card.virtual ? t('phoneAndOnline') : (card.city ?? t(card.distanceKm !== null ? 'cityUnknown' : 'locationUnknown'))}</span>
        {card.distanceKm !== null ? <span className="distance">{t('distanceKm', { km: card.distanceKm })}</span> : null}
        {card.languages.length > 0 ? <span className="langs">{card.languages.map((l) => termLabel(l, lang)).join(', ')}</span> : null}
      </div>
      {marks.length > 0 || showHours ? (
        <div className="card-marks">
          {marks.map((m) => (
            <span key={m.id} className={`mark mark-${m.state}`}>
              {t(`populationMark_${m.state}`, { population: termLabel(m.id, lang) })}
            </span>
          ))}
          {showHours ? <span className={`mark mark-hours-${card.openNow}`}>{t(`openState_${card.openNow}`)}</span> : null}
        </div>
      ) : null}
      {card.categories.length > 0 ? (
        <ul className="chips" aria-label={t('categories')}>
          {card.categories.map((c) => (
            <li key={c} className="chip">
              {termLabel(c, lang)}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}
