import { useState } from 'react';
import type { SearchFilters } from '../search-filters';
import { useSharedTranslation } from '../i18n/shared-translation';

/** The client's age: services whose stated ages leave it out drop; those stating none stay, marked. */
export function AgeBox({ filters, onChange }: { filters: SearchFilters; onChange: (f: SearchFilters) => void }) {
  const { t } = useSharedTranslation();
  const [text, setText] = useState(filters.age === undefined ? '' : String(filters.age));
  const set = (value: string) => {
    setText(value);
    const age = Number(value);
    const valid = value.trim() !== '' && Number.isInteger(age) && age >= 0 && age <= 130;
    if (valid ? filters.age !== age : filters.age !== undefined) onChange({ ...filters, age: valid ? age : undefined });
  };
  return (
    <label className="near-input age-input">
      <span>{t('ageLabel')}</span>
      <input type="number" inputMode="numeric" min={0} max={130} step={1} value={text} placeholder={t('agePlaceholder')} onChange={(e) => set(e.target.value)} />
    </label>
  );
}
