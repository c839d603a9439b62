import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMarkStatus, LocalRecord } from '../../../shared/domain';
import { atlas } from '../atlas';
import type { UiLanguage } from '../i18n';
import { dateText } from '../i18n/format';
import { usePendingSave } from './usePendingSave';

const MARKS: { status: CallMarkStatus; label: 'markStillValid' | 'markChanged' | 'markClosed' }[] = [
  { status: 'still_valid', label: 'markStillValid' },
  { status: 'changed', label: 'markChanged' },
  { status: 'closed', label: 'markClosed' },
];

/** The desk's own note and "called" marks for one service. Kept locally; never printed or synced. */
export function LocalNotes({ serviceId }: { serviceId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const [record, setRecord] = useState<LocalRecord | null>(null);
  const [draft, setDraft] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { waiting, track } = usePendingSave();
  const noteId = useId();
  const commentId = useId();

  useEffect(() => {
    let current = true;
    void atlas()
      .localRecord({ serviceId })
      .then((r) => {
        if (!current) return;
        if (r.ok) {
          setRecord(r.value);
          setDraft(r.value.note?.body ?? '');
        } else setError(r.error);
      });
    return () => {
      current = false;
    };
  }, [serviceId]);

  // The draft and the comment are left as typed until a save succeeds, so a failed save loses nothing.
  const apply = (r: Awaited<ReturnType<ReturnType<typeof atlas>['saveNote']>>) => {
    if (r.ok) {
      setRecord(r.value);
      setError(null);
    } else setError(t('notSaved', { error: r.error }));
  };

  return (
    <section className="local-notes" aria-labelledby={`${noteId}-title`}>
      <h3 id={`${noteId}-title`}>{t('localNotes')}</h3>
      <label htmlFor={noteId} className="field-label">
        {t('noteLabel')}
      </label>
      <textarea id={noteId} rows={3} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div className="note-actions">
        <button type="button" onClick={() => void track(atlas().saveNote({ serviceId, body: draft })).then(apply)} disabled={draft.trim() === (record?.note?.body ?? '')}>
          {t('saveNote')}
        </button>
        <span className="muted" role="status">
          {waiting ? t('savingWaiting') : record?.note ? t('noteSaved', { when: dateText(record.note.updatedAt, lang, true) }) : t('noteEmpty')}
        </span>
      </div>

      <h4>{t('callMarks')}</h4>
      <label htmlFor={commentId} className="field-label">
        {t('markComment')}
      </label>
      <input id={commentId} type="text" value={comment} onChange={(e) => setComment(e.target.value)} autoComplete="off" />
      <div className="mark-buttons">
        {MARKS.map((m) => (
          <button
            key={m.status}
            type="button"
            className={`mark-${m.status}`}
            onClick={() => {
              const sent = comment;
              void track(atlas().markCall({ serviceId, status: m.status, ...(sent.trim() ? { comment: sent } : {}) })).then((r) => {
                apply(r);
                // Kept if the worker typed another comment while this mark waited to be saved.
                if (r.ok) setComment((now) => (now === sent ? '' : now));
              });
            }}
          >
            {t(m.label)}
          </button>
        ))}
      </div>
      {record && record.marks.length > 0 ? (
        <ul className="plain marks">
          {record.marks.map((m, i) => (
            <li key={i} className={`mark-line mark-${m.status}`}>
              {t(`markStatus_${m.status}`)} · {dateText(m.markedAt, lang, true)}
              {m.comment ? <span> — {m.comment}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('noMarks')}</p>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
