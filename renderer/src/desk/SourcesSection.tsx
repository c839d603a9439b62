import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceKind, SourceSummary } from '../../../shared/domain';
import { atlas } from '../atlas';
import { Dialog } from '../components/Dialog';
import type { UiLanguage } from '../i18n';
import { dateText } from '../i18n/format';

const KIND_KEY = {
  bundled: 'sourceKindBundled',
  file: 'sourceKindFile',
  feed: 'sourceKindFeed',
  'hsds-api': 'sourceKindApi',
  datapackage: 'sourceKindDatapackage',
} as const satisfies Record<SourceKind, string>;

/**
 * The directory's sources in the Settings panel, each removable on its own. A removal asks first, keeping
 * being the default; once done, `onDataChanged` refreshes the search and the header's count.
 */
export function SourcesSection({ onDataChanged }: { onDataChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [sources, setSources] = useState<SourceSummary[]>([]);
  const [asking, setAsking] = useState<SourceSummary | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
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
  return (
    <section className="field" aria-labelledby={headingId}>
      {/* Focusable: where the focus goes once the removed source's button is gone. */}
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('directorySources')}
      </h3>
      <ul className="source-list">
        {sources.map((s) => (
          <li key={s.name}>
            <div>
              <strong>{s.name}</strong> <span className="muted">({t(KIND_KEY[s.kind])})</span>
              <div className="muted">
                {t('sourceServices', { count: s.services })} · {s.lastPull ? t('sourceUpdated', { date: dateText(s.lastPull, i18n.language as UiLanguage, true) }) : t('sourceNotPulled')}
              </div>
            </div>
            <button type="button" aria-label={t('sourceRemoveLabel', { name: s.name })} onClick={() => setAsking(s)}>
              {t('sourceRemove')}
            </button>
          </li>
        ))}
      </ul>
      {message ? (
        <p role={message.error ? 'alert' : 'status'} className={message.error ? 'error' : undefined}>
          {message.text}
        </p>
      ) : null}
      {asking ? <ConfirmSourceRemoval source={asking} onConfirm={() => void remove(asking)} onCancel={() => setAsking(null)} /> : null}
    </section>
  );
}

function ConfirmSourceRemoval({ source, onConfirm, onCancel }: { source: SourceSummary; onConfirm: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const keep = useRef<HTMLButtonElement>(null);
  const [removing, setRemoving] = useState(false);
  // After the dialog opens (its effect runs first), which would otherwise focus its Close button: keeping is the default.
  useEffect(() => keep.current?.focus(), []);
  return (
    <Dialog title={t('sourceRemoveTitle', { name: source.name })} onClose={onCancel}>
      <p>{t('sourceRemoveBody', { count: source.services })}</p>
      <div className="dialog-actions">
        <button ref={keep} type="button" onClick={onCancel} disabled={removing}>
          {t('sourceRemoveKeep')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={removing}
          onClick={() => {
            setRemoving(true);
            onConfirm();
          }}
        >
          {t('sourceRemoveConfirm')}
        </button>
      </div>
    </Dialog>
  );
}
