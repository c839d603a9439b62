import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { atlas } from '../../atlas';

type Kind = 'hsds-api' | 'datapackage';

/**
 * Adds a source pulled from an address: its name, its address, what is published there, and the API key
 * header if the publisher asks for one. Main seals the key with the system's key store and refuses it with a
 * sentence where there is none; any refusal is shown here and adds nothing, and the fields stay as typed so
 * the person can correct them. `onAdded` reads the list again; the new source's services come with its first pull.
 */
export function AddSourceForm({ onAdded }: { onAdded: (name: string) => Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [kind, setKind] = useState<Kind>('hsds-api');
  const [headerName, setHeaderName] = useState('');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setAdded(null);
    if (!name.trim() || !url.trim()) return setError(t('sourceAddMissing'));
    if (!headerName.trim() !== !apiKey) return setError(t('sourceAddKeyHalf'));
    setBusy(true);
    const r = await atlas().sourceAdd({ name: name.trim(), url: url.trim(), kind, ...(apiKey ? { headerName: headerName.trim(), apiKey } : {}) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setAdded(r.value.name);
    setName('');
    setUrl('');
    setHeaderName('');
    setApiKey('');
    await onAdded(r.value.name);
  };

  return (
    <form className="source-add" onSubmit={(e) => void submit(e)} aria-describedby={error ? `${id}-error` : undefined} noValidate>
      <div className="source-add-grid">
        <label>
          {t('sourceAddName')}
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('sourceAddNamePlaceholder')} spellCheck={false} autoComplete="off" />
        </label>
        <label>
          {t('sourceAddUrl')}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://api.example.org/hsds" spellCheck={false} autoComplete="off" />
        </label>
      </div>
      <fieldset className="source-add-kind">
        <legend>{t('sourceAddKind')}</legend>
        {(['hsds-api', 'datapackage'] as Kind[]).map((k) => (
          <label key={k} className="radio">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} />
            {t(k === 'hsds-api' ? 'sourceAddKindApi' : 'sourceAddKindFile')}
          </label>
        ))}
      </fieldset>
      <div className="source-add-grid">
        <label>
          {t('sourceAddHeader')}
          <input type="text" value={headerName} onChange={(e) => setHeaderName(e.target.value)} placeholder="x-api-key" spellCheck={false} autoComplete="off" />
        </label>
        <label>
          {t('sourceAddKey')}
          <input type="password" value={apiKey} onChange={(e) => setApiKey(e.target.value)} autoComplete="off" aria-describedby={`${id}-key-hint`} />
        </label>
      </div>
      <p id={`${id}-key-hint`} className="muted source-add-hint">
        {t('sourceAddKeyHint')}
      </p>
      {error ? (
        <p id={`${id}-error`} className="message error" role="alert">
          {error}
        </p>
      ) : null}
      {added ? (
        <p role="status" className="pull-done">
          {t('sourceAdded', { name: added })}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={busy}>
        {t('sourceAddSubmit')}
      </button>
    </form>
  );
}
