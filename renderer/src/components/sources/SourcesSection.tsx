import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceSummary } from '../../../../shared/domain';
import { atlas } from '../../atlas';
import { AddSourceForm } from './AddSourceForm';
import { ConfirmSourceRemoval } from './ConfirmSourceRemoval';
import { SourceRow } from './SourceRow';

/**
 * The directory's sources in the Settings panel: each listed with what it holds and how its last pull
 * went, pulled, paused or removed on its own, and a form to add one pulled from an address. A removal asks
 * first, keeping being the default. Whenever services change (a pull applied, a removal), `onDataChanged`
 * refreshes the search and the header's count.
 */
export function SourcesSection({ onDataChanged }: { onDataChanged: () => void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [asking, setAsking] = useState<SourceSummary | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const load = async () => {
    const r = await atlas().sourceList(undefined);
    if (r.ok) setSources(r.value);
    else setMessage({ text: r.error, error: true });
  };
  useEffect(() => void load(), []);
  const remove = async (source: SourceSummary) => {
    const r = await atlas().sourceRemove({ name: source.name });
    setAsking(null);
    setMessage(r.ok ? { text: t('sourceRemoved', { name: source.name, count: r.value.removed }), error: false } : { text: r.error, error: true });
    await load();
    if (r.ok) {
      onDataChanged();
      heading.current?.focus();
    }
  };
  const changed = async (directory: boolean) => {
    await load();
    if (directory) onDataChanged();
  };
  return (
    <section className="field" aria-labelledby={headingId}>
      {/* Focusable: where the focus goes once the removed source's button is gone. */}
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('directorySources')}
      </h3>
      <ul className="source-list">
        {sources.map((s) => (
          <SourceRow key={s.name} source={s} onChanged={changed} onRemove={setAsking} focusPull={s.name === added} />
        ))}
      </ul>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      ) : null}
      <details className="source-add-box">
        <summary>{t('sourceAddTitle')}</summary>
        <AddSourceForm
          onAdded={async (name) => {
            await load();
            setAdded(name);
          }}
        />
      </details>
      {asking ? <ConfirmSourceRemoval source={asking} onConfirm={() => void remove(asking)} onCancel={() => setAsking(null)} /> : null}
    </section>
  );
}
