import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping } from '../../../../shared/import-types';

/** One select per spreadsheet column; the guessed or saved target is preselected. */
export function MappingEditor({ mapping, fields, onRecheck }: { mapping: ColumnMapping; fields: string[]; onRecheck: (m: ColumnMapping) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(mapping);
  return (
    <section className="import-mapping" aria-label={t('importMappingTitle')}>
      <h3>{t('importMappingTitle')}</h3>
      <p className="muted">{t('importMappingHint')}</p>
      <div className="mapping-grid">
        {Object.keys(draft).map((header) => (
          <label key={header}>
            <span>{header}</span>
            <select value={draft[header] ?? ''} onChange={(e) => setDraft({ ...draft, [header]: e.target.value || null })}>
              <option value="">{t('importMappingIgnore')}</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" onClick={() => onRecheck(draft)}>
        {t('importRecheck')}
      </button>
    </section>
  );
}
