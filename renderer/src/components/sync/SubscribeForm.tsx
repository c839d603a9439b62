import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../../shared/result';
import { atlas } from '../../atlas';

/** Feed address and publisher key; the key's fingerprint appears as soon as it parses, to compare by phone. */
export function SubscribeForm({ onSubscribed }: { onSubscribed: () => Promise<void> }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [pin, setPin] = useState('');
  const [fingerprint, setFingerprint] = useState<Result<string> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    if (!pin.trim()) {
      setFingerprint(null);
      return;
    }
    void atlas()
      .syncFingerprint({ pin })
      .then((r) => current && setFingerprint(r));
    return () => {
      current = false;
    };
  }, [pin]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await atlas().syncSubscribe({ url, pin });
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setError(null);
    setUrl('');
    setPin('');
    await onSubscribed();
  };

  return (
    <form className="sync-subscribe" onSubmit={(e) => void submit(e)}>
      <h3>{t('syncSubscribeTitle')}</h3>
      <label>
        {t('syncFeedUrl')}
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://example.org/feed/manifest.json" required />
      </label>
      <label>
        {t('syncPin')}
        <input type="text" value={pin} onChange={(e) => setPin(e.target.value)} placeholder="ed25519:…" spellCheck={false} required />
        <span className="muted">{t('syncPinHint')}</span>
      </label>
      {fingerprint?.ok ? (
        <div className="sync-fingerprint" role="status">
          {t('syncFingerprint')}: <code>{fingerprint.value}</code>
          <p>{t('syncCompareFingerprint')}</p>
        </div>
      ) : fingerprint ? (
        <p className="message error">{fingerprint.error}</p>
      ) : null}
      {error ? <p className="message error" role="alert">{error}</p> : null}
      <button type="submit" disabled={!fingerprint?.ok || !url}>
        {t('syncSubscribe')}
      </button>
    </form>
  );
}
