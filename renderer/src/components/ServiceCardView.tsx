import { useTranslation } from 'react-i18next';
import type { SearchCard } from '../../../shared/domain';
import { termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { agesText } from '../i18n/format';
import type { SearchFilters } from '../search-filters';
import { PhoneLink } from './PhoneLink';

/** The eligibility questions a search asks, each answered on the card ("not stated" marked). */
export type AskedQuestions = Pick<SearchFilters, 'age' | 'free' | 'noIdNeeded' | 'wheelchair'>;
const QUESTIONS = ['free', 'noIdNeeded', 'wheelchair'] as const;

export function ServiceCardView({ card, selected, onSelect, populations = [], showHours = false, asked = {}, servesPlace = null }: {
  card: SearchCard;
  selected: boolean;
  onSelect: () => void;
  populations?: string[];
  showHours?: boolean;
  asked?: AskedQuestions;
  /** The place "Serves" was read as: the card says whether its area covers it. */
  servesPlace?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const firstPhone = card.phones[0];
  const marks = card.populations.filter((p) => populations.includes(p.id));
  const ages = agesText(card.ages.min, card.ages.max, t);
  const answers = QUESTIONS.filter((q) => asked[q] && card[q] !== 'no');
  const whoMarks = (card.areaCovers !== null && servesPlace !== null) || (asked.age !== undefined && ages === null) || answers.length > 0;
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
        {ages !== null ? <span className="ages">{`${t('ages')}: ${ages}`}</span> : null}
      </div>
      {servesPlace !== null && card.serviceArea.length > 0 ? <div className="card-area">{t('serviceAreaOn', { areas: card.serviceArea.join('; ') })}</div> : null}
      {whoMarks ? (
        <div className="card-marks">
          {card.areaCovers !== null && servesPlace !== null ? (
            <span className={`mark mark-${card.areaCovers === 'yes' ? 'serves' : 'not_stated'}`}>{t(`areaMark_${card.areaCovers}`, { place: servesPlace })}</span>
          ) : null}
          {asked.age !== undefined && ages === null ? <span className="mark mark-not_stated">{t('ageNotStated')}</span> : null}
          {answers.map((q) => (
            <span key={q} className={`mark mark-${card[q] === 'yes' ? 'serves' : 'not_stated'}`}>
              {t(`stated_${q}_${card[q] === 'yes' ? 'yes' : 'not_stated'}`)}
            </span>
          ))}
        </div>
      ) : null}
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
