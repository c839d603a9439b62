import { memo } from 'react';
import { BUNDLED_SOURCE, type LocalSummary, type SearchCard } from '../../../shared/domain';
import { termLabel } from '../../../shared/vocabulary';
import { agesText, dateText } from '../i18n/format';
import { useSharedTranslation } from '../i18n/shared-translation';
import type { SearchFilters } from '../search-filters';
import { useReferralList } from '../sheet/referral-list';
import { CopyButton } from './results/CopyButton';
import { PhoneLink } from './PhoneLink';
import { sameCardShown } from './results/same-card';

/** The eligibility questions a search asks, each answered on the card ("not stated" marked). */
export type AskedQuestions = Pick<SearchFilters, 'age' | 'free' | 'noIdNeeded' | 'wheelchair'>;
const QUESTIONS = ['free', 'noIdNeeded', 'wheelchair'] as const;

/**
 * One result. Its name is the button that selects it (the arrow keys move between cards' names, see
 * CardList); only the selected card's buttons are in the Tab order, so Tab goes from a card to its own
 * actions and then on, not through every card of the list.
 */
export const ServiceCardView = memo(ServiceCard, (before, after) =>
  (Object.keys({ ...before, ...after }) as (keyof CardProps)[]).every((k) => (k === 'card' ? sameCardShown(before.card, after.card) : before[k] === after[k])),
);

interface CardProps {
  card: SearchCard;
  selected: boolean;
  /** The one card of the list reached with Tab. */
  tabbable: boolean;
  onSelect: (id: string) => void;
  populations?: string[];
  showHours?: boolean;
  asked?: AskedQuestions;
  /** The place "Serves" was read as: the card says whether its area covers it. */
  servesPlace?: string | null;
  /** What the desk has recorded on this service. */
  summary?: LocalSummary | undefined;
}

/**
 * Memoized above: a keystroke re-renders the list around the answer on screen while the next is asked,
 * and its 50 unchanged cards (each translating a dozen strings) took most of the time before the box
 * showed the letter. A new answer's card that shows what the card on screen shows (a word typed further
 * often finds the same first cards) is not drawn again either. A card may be given another service to show
 * (CardList's slots): what it holds of its own (a copy's outcome) is keyed by what it is about.
 */
function ServiceCard({ card, selected, tabbable, onSelect, populations = [], showHours = false, summary, asked = {}, servesPlace = null }: CardProps) {
  const { t, lang } = useSharedTranslation();
  const sheet = useReferralList();
  const onSheet = sheet.has(card.id);
  const firstPhone = card.phones[0];
  const marks = card.populations.filter((p) => populations.includes(p.id));
  const ages = agesText(card.ages.min, card.ages.max, t);
  const answers = QUESTIONS.filter((q) => asked[q] && card[q] !== 'no');
  const whoMarks = (card.areaCovers !== null && servesPlace !== null) || (asked.age !== undefined && ages === null) || answers.length > 0;
  const facts = `card-${card.id}-facts`;
  const phoneText = firstPhone ? (firstPhone.extension ? `${firstPhone.number} ext. ${firstPhone.extension}` : firstPhone.number) : null;
  const lastMark = summary?.lastMark ?? null;
  return (
    <li className={`card${selected ? ' selected' : ''}`} data-id={card.id} onClick={() => onSelect(card.id)}>
      <div className="card-row">
        <button type="button" className="card-name" id={`card-${card.id}`} tabIndex={tabbable ? 0 : -1} aria-current={selected || undefined} aria-describedby={facts}>
          {card.name}
        </button>
        <button
          type="button"
          className={`card-action${onSheet ? ' on-sheet' : ''}`}
          tabIndex={tabbable ? 0 : -1}
          aria-pressed={onSheet}
          aria-keyshortcuts="A"
          onClick={(e) => {
            e.stopPropagation();
            if (onSheet) sheet.remove(card.id);
            else sheet.add(card.id);
          }}
        >
          {onSheet ? `✓ ${t('cardOnSheet')}` : `+ ${t('cardAddToSheet')}`}
        </button>
      </div>
      <div id={facts}>
        {card.organization !== card.name ? <div className="card-org">{card.organization}</div> : null}
        <div className="card-row card-phone">
          {firstPhone ? <PhoneLink phone={firstPhone} inOption /> : <span className="unknown">{t('phoneUnknown')}</span>}
          {phoneText ? <CopyButton key={phoneText} text={phoneText} label={t('copyPhone')} fullLabel={t('copyPhoneLabel', { number: phoneText })} tabbable={tabbable} /> : null}
        </div>
        <div className="card-row card-meta">
          {/* A distance means the place is known; only its city is missing then. */}
          <span className="place">{card.virtual ? t('phoneAndOnline') : (card.city ?? t(card.distanceKm !== null ? 'cityUnknown' : 'locationUnknown'))}</span>
          {card.distanceKm !== null ? <span className="distance">{t('distanceKm', { km: card.distanceKm })}</span> : null}
          {card.languages.length > 0 ? <span className="langs">{card.languages.map((l) => termLabel(l, lang)).join(', ')}</span> : null}
          {ages !== null ? <span className="ages">{`${t('ages')}: ${ages}`}</span> : null}
          {/* Only services from a source added beside the bundled directory say where they came from. */}
          {card.source && card.source !== BUNDLED_SOURCE ? <span className="card-source">{t('fromSource', { source: card.source })}</span> : null}
          {card.address ? <CopyButton key={card.address} text={card.address} label={t('copyAddress')} fullLabel={t('copyAddressLabel', { address: card.address })} tabbable={tabbable} /> : null}
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
        {marks.length > 0 || showHours || onSheet || summary ? (
          <div className="card-marks">
            {onSheet ? <span className="mark mark-desk mark-on-sheet">✓ {t('cardOnSheet')}</span> : null}
            {summary?.hasNote ? <span className="mark mark-desk mark-note">✎ {t('cardHasNote')}</span> : null}
            {lastMark ? (
              <span className={`mark mark-desk mark-call mark-call-${lastMark.status}`}>
                {t('cardLastMark', { when: dateText(lastMark.markedAt, lang), status: t(`markStatus_${lastMark.status}`) })}
              </span>
            ) : null}
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
      </div>
    </li>
  );
}
