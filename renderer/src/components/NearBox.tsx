import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_RADII_KM, type PlaceMatch } from '../../../shared/domain';
import { atlas } from '../atlas';
import type { SearchFilters } from '../search-filters';

type Lookup = { status: 'idle' } | { status: 'pick'; matches: PlaceMatch[] } | { status: 'none'; text: string } | { status: 'error'; error: string };

/** How long the worker stops typing before a place that is not found is said. */
const PAUSE_MS = 1200;

/**
 * "Near": a ZIP code or California place, geocoded offline. One match is used at once; a name that
 * fits several places (two Chinatowns, a name still being typed) opens a picker; none is said plainly,
 * once the worker pauses or presses Enter, not at every keystroke of a ZIP code being typed. Choosing a
 * place keeps the order: best match when there are words, nearest when there are none.
 */
export function NearBox({ filters, onChange, hasText }: { filters: SearchFilters; onChange: (f: SearchFilters) => void; hasText: boolean }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  // The text the worker paused on or pressed Enter with: only then is "not found" said.
  const [settled, setSettled] = useState<string | null>(null);
  const seq = useRef(0);
  const chosenLabel = useRef<string | null>(null);

  const choose = (m: PlaceMatch) => {
    chosenLabel.current = m.label;
    setText(m.label);
    setLookup({ status: 'idle' });
    onChange({ ...filters, near: m.kind === 'zip' ? { zip: m.id } : { place: m.id }, radiusKm: filters.radiusKm ?? 25 });
  };
  const clear = () => {
    chosenLabel.current = null;
    setText('');
    setLookup({ status: 'idle' });
    onChange({ ...filters, near: undefined, radiusKm: undefined, sort: undefined });
  };

  useEffect(() => {
    const typed = text.trim();
    if (!typed || typed === chosenLabel.current) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      void atlas()
        .geocode({ text: typed, limit: 8 })
        .then((r) => {
          if (mine !== seq.current) return;
          if (!r.ok) return setLookup({ status: 'error', error: r.error });
          const { matches } = r.value;
          if (matches.length === 1) choose(matches[0]!);
          else setLookup(matches.length === 0 ? { status: 'none', text: typed } : { status: 'pick', matches });
        });
    }, 250);
    const pause = setTimeout(() => setSettled(text), PAUSE_MS);
    return () => {
      clearTimeout(timer);
      clearTimeout(pause);
    };
    // Only a change of the typed text geocodes again; a filter change must not re-pick the place.
  }, [text]);

  const notFound = lookup.status === 'none' && lookup.text === text.trim() && settled === text;
  return (
    <div className="near">
      <div className="near-row">
        <label className="near-input">
          <span>{t('nearLabel')}</span>
          <input
            type="text"
            value={text}
            title={text}
            placeholder={t('nearPlaceholder')}
            aria-invalid={notFound}
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value.trim()) clear();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setSettled(text);
            }}
          />
        </label>
      </div>
      {filters.near ? (
        <div className="near-row near-options">
          <select aria-label={t('radiusLabel')} value={filters.radiusKm ?? ''} onChange={(e) => onChange({ ...filters, radiusKm: e.target.value ? Number(e.target.value) : undefined })}>
            {SEARCH_RADII_KM.map((r) => (
              <option key={r} value={r}>
                {t('withinKm', { count: r })}
              </option>
            ))}
            <option value="">{t('anyDistance')}</option>
          </select>
          <select
            aria-label={t('sortLabel')}
            value={filters.sort ?? (hasText ? 'relevance' : 'distance')}
            onChange={(e) => onChange({ ...filters, sort: e.target.value as 'relevance' | 'distance' })}
          >
            <option value="relevance">{t('sortRelevance')}</option>
            <option value="distance">{t('sortDistance')}</option>
          </select>
          <button type="button" className="link-button" onClick={clear} aria-label={t('clearNear')}>
            ×
          </button>
        </div>
      ) : null}
      {lookup.status === 'pick' ? (
        <div className="near-picker" role="group" aria-label={t('nearPick')}>
          <div className="muted">{t('nearPick')}</div>
          {lookup.matches.map((m) => (
            <button key={m.id} type="button" className="near-choice" onClick={() => choose(m)}>
              {m.label}
            </button>
          ))}
        </div>
      ) : notFound ? (
        <div className="near-error" role="alert">
          {t('nearNotFound', { text: text.trim() })}
        </div>
      ) : lookup.status === 'error' ? (
        <div className="near-error" role="alert">
          {lookup.error}
        </div>
      ) : null}
    </div>
  );
}
