import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallMarkStatus, LocalRecord } from '../../../shared/domain';
import type { Result } from '../../../shared/result';
import { atlas } from '../atlas';
import type { UiLanguage } from '../i18n';
import { dateText } from '../i18n/format';
import { localRecordsChanged } from './local-changes';
import { usePendingSave } from './usePendingSave';

const MARKS: { status: CallMarkStatus; label: 'markStillValid' | 'markChanged' | 'markClosed' }[] = [
  { status: 'still_valid', label: 'markStillValid' },
  { status: 'changed', label: 'markChanged' },
  { status: 'closed', label: 'markClosed' },
];

/**
 * The desk's own note and "called" marks for one service. Kept locally; never printed or synced. The
 * record is the detail pane's (useLocalRecord), so the pane's header follows every mark made here.
 */
export function LocalNotes({
  serviceId,
  record,
  onRecord,
  loadError,
}: {
  serviceId: string;
  record: LocalRecord | null;
  onRecord: (record: LocalRecord) => void;
  loadError: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const [draft, setDraft] = useState<string | null>(null);
  const [changing, setChanging] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One mark or undo at a time: a double click must not make two marks.
  const [marking, setMarking] = useState(false);
  const markingNow = useRef(false);
  const { waiting, track } = usePendingSave();
  const noteId = useId();
  const commentId = useId();
  const note = draft ?? record?.note?.body ?? '';

  // The draft and the comment are left as typed until a save succeeds, so a failed save loses nothing.
  const apply = (r: Result<LocalRecord>): boolean => {
    if (r.ok) {
      onRecord(r.value);
      setError(null);
      localRecordsChanged();
    } else setError(t('notSaved', { error: r.error }));
    return r.ok;
  };

  const once = async (write: () => Promise<Result<LocalRecord>>): Promise<boolean> => {
    if (markingNow.current) return false;
    markingNow.current = true;
    setMarking(true);
    try {
      return apply(await track(write()));
    } finally {
      markingNow.current = false;
      setMarking(false);
    }
  };

  const mark = async (status: CallMarkStatus, text = '') => {
    const saved = await once(() => atlas().markCall({ serviceId, status, ...(text.trim() ? { comment: text } : {}) }));
    if (saved && status === 'changed') {
      setChanging(false);
      setComment('');
    }
  };

  const newest = record?.marks[0] ?? null;
  return (
    <section className="local-notes" aria-labelledby={`${noteId}-title`}>
      <h3 id={`${noteId}-title`}>{t('localNotes')}</h3>
      <label htmlFor={noteId} className="field-label">
        {t('noteLabel')}
      </label>
      <textarea id={noteId} rows={3} value={note} onChange={(e) => setDraft(e.target.value)} />
      <div className="note-actions">
        <button
          type="button"
          onClick={() => void track(atlas().saveNote({ serviceId, body: note })).then((r) => apply(r) && setDraft(null))}
          disabled={note.trim() === (record?.note?.body ?? '')}
        >
          {t('saveNote')}
        </button>
        <span className="muted" role="status">
          {waiting ? t('savingWaiting') : record?.note ? t('noteSaved', { when: dateText(record.note.updatedAt, lang, true) }) : t('noteEmpty')}
        </span>
      </div>

      <h4>{t('callMarks')}</h4>
      <div className="mark-buttons">
        {MARKS.map((m) => (
          <button
            key={m.status}
            type="button"
            className={`mark-${m.status}`}
            disabled={marking}
            {...(m.status === 'changed' ? { 'aria-expanded': changing } : {})}
            onClick={() => (m.status === 'changed' ? setChanging((open) => !open) : void mark(m.status))}
          >
            {t(m.label)}
          </button>
        ))}
      </div>
      {changing ? (
        <form
          className="mark-changed-form"
          onSubmit={(e) => {
            e.preventDefault();
            void mark('changed', comment);
          }}
        >
          <label htmlFor={commentId} className="field-label">
            {t('markComment')}
          </label>
          <input id={commentId} type="text" value={comment} onChange={(e) => setComment(e.target.value)} autoComplete="off" autoFocus />
          <div className="mark-buttons">
            <button type="submit" disabled={marking}>
              {t('markSaveChanged')}
            </button>
            <button type="button" onClick={() => setChanging(false)}>
              {t('markCancel')}
            </button>
          </div>
        </form>
      ) : null}
      {record && record.marks.length > 0 ? (
        <ul className="plain marks">
          {record.marks.map((m, i) => (
            <li key={`${m.markedAt}-${i}`} className={`mark-line mark-${m.status}`}>
              {t(`markStatus_${m.status}`)} · {dateText(m.markedAt, lang, true)}
              {m.comment ? <span> — {m.comment}</span> : null}
              {m === newest ? (
                <button
                  type="button"
                  className="link-button mark-undo"
                  disabled={marking}
                  aria-label={t('markUndoLabel', { status: t(`markStatus_${m.status}`), when: dateText(m.markedAt, lang, true) })}
                  onClick={() => void once(() => atlas().unmarkCall({ serviceId, markedAt: m.markedAt }))}
                >
                  {t('markUndo')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('noMarks')}</p>
      )}
      {error || loadError ? (
        <p className="error" role="alert">
          {error ?? loadError}
        </p>
      ) : null}
    </section>
  );
}
