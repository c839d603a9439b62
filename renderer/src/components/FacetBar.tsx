import { memo, useEffect, useRef, type ReactNode } from 'react';
import type { FacetCount, FacetCounts } from '../../../shared/domain';
import { POPULATIONS, termLabel } from '../../../shared/vocabulary';
import { useSharedTranslation } from '../i18n/shared-translation';
import { countText } from '../i18n/count-text';
import { toggled, type SearchFilters } from '../search-filters';
import { useEscapeToClose } from '../desk/useEscapeToClose';
import { sourceLabel } from '../source-label';

const VERIFIED_CHOICES = [3, 6, 12, 24];
/** The yes / no / not stated questions an intake desk asks: survivors often have no papers and no money. */
const ELIGIBILITY = ['free', 'noIdNeeded', 'wheelchair'] as const;

/** Where the counts are measured from: near a place they leave out the services listed apart. */
export interface FacetPlace {
  label: string;
  radiusKm: number | null;
}

/**
 * Memoized: its props change with an answer or a filter, not with each keystroke in the search box; an
 * answer whose counts are those already shown (a word typed further often finds the same services) does
 * not draw the menus again either.
 */
export const FacetBar = memo(
  Facets,
  (before, after) =>
    before.filters === after.filters &&
    before.place === after.place &&
    before.open === after.open &&
    before.severalSources === after.severalSources &&
    before.onChange === after.onChange &&
    before.onOpen === after.onOpen &&
    (before.facets === after.facets || JSON.stringify(before.facets) === JSON.stringify(after.facets)),
);

/**
 * The facets as a row of drop-downs, each with the count of results a choice would give. Counts come
 * with the answers asked while a menu is open (`open`, held by the search that asks); `facets` is null
 * until they have come, and the menu says it is counting. A chosen value stays listed even when its count
 * drops to zero. Near a place, each menu says which services its counts are of.
 */
function Facets({ filters, facets, place, open, onOpen, severalSources, onChange }: {
  filters: SearchFilters;
  facets: FacetCounts | null;
  place: FacetPlace | null;
  /** The menu open, by id. */
  open: string | null;
  onOpen: (menu: string | null) => void;
  /** Whether the directory holds more than one source, so that there is a source to choose. */
  severalSources: boolean;
  onChange: (f: SearchFilters) => void;
}) {
  const { t, lang } = useSharedTranslation();
  const bar = useRef<HTMLDivElement>(null);
  useEscapeToClose(open !== null, () => onOpen(null));
  useEffect(() => {
    // On click, not mousedown: an open menu takes a row of its own, so closing it as the button goes down
    // moves the list up under the pointer and the click lands on whatever moved there.
    const close = (e: MouseEvent) => bar.current && !bar.current.contains(e.target as Node) && onOpen(null);
    document.addEventListener('click', close);
    return () => document.removeEventListener('click', close);
  }, [onOpen]);
  const counting = facets === null;

  const withChosen = (counts: FacetCount[], chosen: string[] | undefined) => [
    ...counts,
    ...(chosen ?? []).filter((v) => !counts.some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
  ];
  const popCount = facets?.populations ?? [];
  const hoursActive = (filters.openNow ? 1 : 0) + (filters.open24x7 ? 1 : 0) + (filters.hoursConfirmedOnly ? 1 : 0);
  const eligibilityActive = ELIGIBILITY.filter((k) => filters[k]).length;
  const active =
    (filters.categories?.length ?? 0) +
    (filters.languages?.length ?? 0) +
    (filters.populations?.length ?? 0) +
    (filters.sources?.length ?? 0) +
    hoursActive +
    eligibilityActive +
    (filters.verifiedWithinMonths ? 1 : 0) +
    (filters.confirmedOnly ? 1 : 0);

  const menu = (id: string, label: string, chosen: number, body: ReactNode) => (
    <details className="facet" open={open === id} onToggle={(e) => (e.currentTarget.open ? onOpen(id) : open === id && onOpen(null))}>
      <summary className={chosen ? 'facet-button active' : 'facet-button'}>
        {label}
        {chosen ? <span className="facet-badge">{chosen}</span> : null}
      </summary>
      <div className="facet-menu" role="group" aria-label={label} aria-busy={counting}>
        {counting ? <p className="facet-note facet-counting">{t('facetCounting')}</p> : null}
        {place ? (
          <p className="facet-note facet-scope">
            {place.radiusKm ? t('facetScopeNear', { radius: place.radiusKm, place: place.label }) : t('facetScopeNearAny')}
          </p>
        ) : null}
        {body}
      </div>
    </details>
  );
  const check = (key: string, checked: boolean, label: ReactNode, count: ReactNode, onToggle: () => void) => (
    <label key={key} className="facet-option">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      <span className="facet-label">{label}</span>
      <span className="facet-count">{counting ? '' : typeof count === 'number' ? countText(count, lang) : count}</span>
    </label>
  );

  return (
    <div className="facet-bar" ref={bar}>
      {menu(
        'category',
        t('facetCategory'),
        filters.categories?.length ?? 0,
        withChosen(facets?.categories ?? [], filters.categories).map((c) =>
          check(c.value, !!filters.categories?.includes(c.value), termLabel(c.value, lang), c.count, () =>
            onChange({ ...filters, categories: toggled(filters.categories, c.value) }),
          ),
        ),
      )}
      {menu(
        'language',
        t('facetLanguage'),
        filters.languages?.length ?? 0,
        withChosen(facets?.languages ?? [], filters.languages).map((c) =>
          check(c.value, !!filters.languages?.includes(c.value), termLabel(c.value, lang), c.count, () =>
            onChange({ ...filters, languages: toggled(filters.languages, c.value) }),
          ),
        ),
      )}
      {menu(
        'population',
        t('facetPopulation'),
        (filters.populations?.length ?? 0) + (filters.confirmedOnly ? 1 : 0),
        <>
          <p className="facet-note">{t('facetPopulationNote')}</p>
          {check('confirmed', !!filters.confirmedOnly, t('confirmedOnly'), '', () => onChange({ ...filters, confirmedOnly: !filters.confirmedOnly }))}
          <hr />
          {POPULATIONS.map((p) => {
            const c = popCount.find((x) => x.value === p.id);
            return check(p.id, !!filters.populations?.includes(p.id), termLabel(p.id, lang), t('facetServesCount', { serves: c?.serves ?? 0, unknown: c?.notStated ?? 0 }), () =>
              onChange({ ...filters, populations: toggled(filters.populations, p.id) }),
            );
          })}
        </>,
      )}
      {menu(
        'eligibility',
        t('facetEligibility'),
        eligibilityActive,
        <>
          <p className="facet-note">{t('facetPopulationNote')}</p>
          {check('confirmed', !!filters.confirmedOnly, t('confirmedOnly'), '', () => onChange({ ...filters, confirmedOnly: !filters.confirmedOnly }))}
          <hr />
          {ELIGIBILITY.map((k) =>
            check(k, !!filters[k], t(`facet_${k}`), t('facetServesCount', { serves: facets?.[k].yes ?? 0, unknown: facets?.[k].notStated ?? 0 }), () =>
              onChange({ ...filters, [k]: !filters[k] }),
            ),
          )}
        </>,
      )}
      {menu(
        'hours',
        t('facetHours'),
        hoursActive,
        <>
          {check('hours-confirmed', !!filters.hoursConfirmedOnly, t('hoursConfirmedOnly'), '', () => onChange({ ...filters, hoursConfirmedOnly: !filters.hoursConfirmedOnly }))}
          <hr />
          {check('open-now', !!filters.openNow, t('openNow'), facets?.openNow ?? 0, () => onChange({ ...filters, openNow: !filters.openNow }))}
          {check('open-24x7', !!filters.open24x7, t('open24x7'), facets?.open24x7 ?? 0, () => onChange({ ...filters, open24x7: !filters.open24x7 }))}
          {counting ? null : <p className="facet-note">{t(filters.hoursConfirmedOnly && (filters.openNow || filters.open24x7) ? 'hoursNotStatedHidden' : 'hoursNotStatedKept', { count: facets.hoursNotStated })}</p>}
        </>,
      )}
      {menu(
        'verified',
        t('facetVerified'),
        filters.verifiedWithinMonths ? 1 : 0,
        <>
          <label className="facet-option">
            <input type="radio" name="verified" checked={!filters.verifiedWithinMonths} onChange={() => onChange({ ...filters, verifiedWithinMonths: undefined })} />
            <span className="facet-label">{t('verifiedAny')}</span>
          </label>
          {VERIFIED_CHOICES.map((months) => (
            <label key={months} className="facet-option">
              <input type="radio" name="verified" checked={filters.verifiedWithinMonths === months} onChange={() => onChange({ ...filters, verifiedWithinMonths: months })} />
              <span className="facet-label">{t('verifiedWithin', { count: months })}</span>
              <span className="facet-count">{counting ? '' : countText(facets.verified.find((v) => v.months === months)?.count ?? 0, lang)}</span>
            </label>
          ))}
        </>,
      )}
      {/* Only a directory of several sources has a choice to make; a source ticked stays, to be unticked. */}
      {severalSources || filters.sources?.length
        ? menu(
            'source',
            t('facetSource'),
            filters.sources?.length ?? 0,
            <>
              <p className="facet-note">{t('facetSourceNote')}</p>
              {withChosen(facets?.sources ?? [], filters.sources).map((c) =>
                check(c.value, !!filters.sources?.includes(c.value), sourceLabel(c.value, t), c.count, () =>
                  onChange({ ...filters, sources: toggled(filters.sources, c.value) }),
                ),
              )}
            </>,
          )
        : null}
      {active > 0 ? (
        <button
          type="button"
          className="link-button"
          onClick={() => onChange({ near: filters.near, radiusKm: filters.radiusKm, sort: filters.sort, serves: filters.serves, age: filters.age })}
        >
          {t('clearFilters')}
        </button>
      ) : null}
    </div>
  );
}
