import { useTranslation } from 'react-i18next';
import type { ServiceCard } from '../../../shared/domain';
import { termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { PhoneLink } from './PhoneLink';

export function ServiceCardView({ card, selected, onSelect }: { card: ServiceCard; selected: boolean; onSelect: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const firstPhone = card.phones[0];
  return (
    <li
      className={`card${selected ? ' selected' : ''}`}
      aria-selected={selected}
      role="option"
      id={`card-${card.id}`}
      onClick={onSelect}
    >
      <div className="card-name">{card.name}</div>
      {card.organization !== card.name ? <div className="card-org">{card.organization}</div> : null}
      <div className="card-phone">
        {firstPhone ? <PhoneLink phone={firstPhone} inOption /> : <span className="unknown">{t('phoneUnknown')}</span>}
      </div>
      <div className="card-meta">
        <span className="place">{card.virtual ? t('phoneAndOnline') : (card.city ?? t('locationUnknown'))}</span>
        {card.languages.length > 0 ? <span className="langs">{card.languages.map((l) => termLabel(l, lang)).join(', ')}</span> : null}
      </div>
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
