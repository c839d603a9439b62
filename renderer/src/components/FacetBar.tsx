import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FacetCount, FacetCounts } from '../../../shared/domain';
import { POPULATIONS, termLabel } from '../../../shared/vocabulary';
import type { UiLanguage } from '../i18n';
import { toggled, type SearchFilters } from '../search-filters';

const VERIFIED_CHOICES = [3, 6, 12, 24];
/** The yes / no / not stated questions an intake desk asks: survivors often have no papers and no money. */
const ELIGIBILITY = ['free', 'noIdNeeded', 'wheelchair'] as const;

/**
 * The facets as a row of drop-downs, each with the count of results a choice would give. Counts come
 * with every search answer; a chosen value stays listed even when its count drops to zero.
 */
export function FacetBar({ filters, facets, onChange }: { filters: SearchFilters; facets: FacetCounts | null; onChange: (f: SearchFilters) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const [open, setOpen] = useState<string | null>(null);
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const close = (e: MouseEvent) => bar.current && !bar.current.contains(e.target as Node) && setOpen(null);
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, []);

  const withChosen = (counts: FacetCount[], chosen: string[] | undefined) => [
    ...counts,
    ...(chosen ?? []).filter((v) => !counts.some((c) => c.value === v)).map((value) => ({ value, count: 0 })),
  ];
  const popCount = facets?.populations ?? [];
  const hoursActive = (filters.openNow ? 1 : 0) + (filters.open24x7 ? 1 : 0);
  const eligibilityActive = ELIGIBILITY.filter((k) => filters[k]).length;
  const active =
    (filters.categories?.length ?? 0) +
    (filters.languages?.length ?? 0) +
    (filters.populations?.length ?? 0) +
    hoursActive +
    eligibilityActive +
    (filters.verifiedWithinMonths ? 1 : 0) +
    (filters.confirmedOnly ? 1 : 0);

  const menu = (id: string, label: string, chosen: number, body: ReactNode) => (
    <details className="facet" open={open === id} onToggle={(e) => (e.currentTarget.open ? setOpen(id) : open === id && setOpen(null))}>
      <summary className={chosen ? 'facet-button active' : 'facet-button'}>
        {label}
        {chosen ? <span className="facet-badge">{chosen}</span> : null}
      </summary>
      <div className="facet-menu" role="group" aria-label={label}>
        {body}
      </div>
    </details>
  );
  const check = (key: string, checked: boolean, label: ReactNode, count: ReactNode, onToggle: () => void) => (
    <label key={key} className="facet-option">
      <input type="checkbox" checked={checked} onChange={onToggle} />
      <span className="facet-label">{label}</span>
      <span className="facet-count">{typeof count === 'number' ? count.toLocaleString(lang) : count}</span>
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
          {check('open-now', !!filters.openNow, t('openNow'), facets?.openNow ?? 0, () => onChange({ ...filters, openNow: !filters.openNow }))}
          {check('open-24x7', !!filters.open24x7, t('open24x7'), facets?.open24x7 ?? 0, () => onChange({ ...filters, open24x7: !filters.open24x7 }))}
          <p className="facet-note">{t('hoursNotStatedKept', { count: facets?.hoursNotStated ?? 0 })}</p>
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
              <span className="facet-count">{facets?.verified.find((v) => v.months === months)?.count ?? 0}</span>
            </label>
          ))}
        </>,
      )}
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
