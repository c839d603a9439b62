import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceKind, SourceSummary } from '../../../../shared/domain';
import type { ImportStep } from '../../../../shared/import-types';
import { atlas } from '../../atlas';
import type { UiLanguage } from '../../i18n';
import { dateText } from '../../i18n/format';
import { ConfirmRemovals } from '../ConfirmRemovals';
import { ImportProgress } from '../import/ImportProgress';
import { PullOutcome } from './PullOutcome';
import { isPulled, pullResultText } from './pull-words';
import { usePull } from './usePull';

const KIND_KEY = {
  bundled: 'sourceKindBundled',
  file: 'sourceKindFile',
  feed: 'sourceKindFeed',
  'hsds-api': 'sourceKindApi',
  datapackage: 'sourceKindDatapackage',
} as const satisfies Record<SourceKind, string>;

interface Props {
  source: SourceSummary;
  /** Reads the list again (a pull or a pause changed what it says); `directory` when services changed too. */
  onChanged: (directory: boolean) => Promise<void>;
  onRemove: (source: SourceSummary) => void;
  /** Just added: the focus goes to Pull, the next thing to do. */
  focusPull?: boolean;
}

/**
 * One source in Settings: its kind, where it is pulled from, its services, when it was last pulled or
 * installed and how that went, and whether it is paused; Pull and Pause / Resume for a source pulled from
 * an address (nothing pulls a file or the bundled directory), and Remove for every one. A running pull
 * can be cancelled until its install commits.
 */
export function SourceRow({ source: s, onChanged, onRemove, focusPull = false }: Props) {
  const { t, i18n } = useTranslation();
  const pulled = isPulled(s.kind);
  const { running, progress, summary, confirm, kept, cancelling, tooLate, pull, cancel, keep } = usePull(s, (applied) => onChanged(applied));
  const [pauseError, setPauseError] = useState<string | null>(null);
  const [pausing, setPausing] = useState(false);
  const pullButton = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const wasRunning = useRef(false);
  useEffect(() => {
    if (focusPull) pullButton.current?.focus();
  }, [focusPull]);
  // Pull is disabled while it runs, so the focus goes on to Cancel pull, and back to Pull once that is gone,
  // unless the person has moved on meanwhile.
  useEffect(() => {
    const active = document.activeElement;
    const lost = !active || active === document.body;
    if (running && (lost || active === pullButton.current)) cancelButton.current?.focus();
    if (!running && wasRunning.current && lost) pullButton.current?.focus();
    wasRunning.current = running;
  }, [running]);
  const togglePause = async () => {
    setPausing(true);
    const r = await atlas().sourcePause({ name: s.name, paused: !s.paused });
    setPauseError(r.ok ? null : r.error);
    await onChanged(false);
    setPausing(false);
  };
  const when = s.lastPull ? dateText(s.lastPull, i18n.language as UiLanguage, true) : null;
  // A pull made here says its result below, with what it left out; the line says the stored one otherwise.
  const result = s.lastResult && !summary && !kept && !confirm ? pullResultText(s.lastResult, t) : null;
  return (
    <li className="source-row">
      <div className="source-head">
        <div className="source-facts">
          <strong>{s.name}</strong> <span className="muted">({t(KIND_KEY[s.kind])})</span>
          {s.paused ? <span className="source-paused">{t('sourcePausedBadge')}</span> : null}
          {pulled ? <div className="source-url">{s.url}</div> : null}
          <div className="muted">
            {t('sourceServices', { count: s.services })} · {when ? t(pulled ? 'sourceLastPull' : 'sourceUpdated', { date: when }) : t('sourceNotPulled')}
          </div>
          {result ? <div className={s.lastResult?.ok ? 'source-result' : 'source-result error'}>{result}</div> : null}
        </div>
        <div className="source-actions">
          {pulled ? (
            <>
              <button ref={pullButton} type="button" aria-label={t('sourcePullLabel', { name: s.name })} disabled={running || s.paused} onClick={() => void pull()}>
                {t('sourcePull')}
              </button>
              <button type="button" aria-label={t(s.paused ? 'sourceResumeLabel' : 'sourcePauseLabel', { name: s.name })} disabled={running || pausing} onClick={() => void togglePause()}>
                {t(s.paused ? 'sourceResume' : 'sourcePause')}
              </button>
            </>
          ) : null}
          <button type="button" aria-label={t('sourceRemoveLabel', { name: s.name })} disabled={running} onClick={() => onRemove(s)}>
            {t('sourceRemove')}
          </button>
        </div>
      </div>
      {s.paused ? <p className="muted source-note">{t('sourcePausedNote')}</p> : null}
      {running ? (
        <div className="source-progress" aria-busy="true">
          {progress?.step ? (
            // Main's install steps are the import's (main/jobs/steps.ts), worded as the Import screen words them.
            <ImportProgress status={{ ...progress, step: progress.step as ImportStep }} />
          ) : (
            <>
              <progress aria-label={t('sourcePullReading')} />
              <span role="status">
                {t('sourcePullReading')} {progress?.line ? <span className="muted">{progress.line}</span> : null}
              </span>
            </>
          )}
          <button ref={cancelButton} type="button" aria-label={t('sourceCancelPullLabel', { name: s.name })} disabled={cancelling} onClick={() => void cancel()}>
            {cancelling ? t('sourceCancellingPull') : t('sourceCancelPull')}
          </button>
        </div>
      ) : null}
      {summary ? <PullOutcome summary={summary} /> : null}
      {tooLate && !running ? (
        <p role="status" className="source-too-late">
          {t('sourceCancelTooLate')}
        </p>
      ) : null}
      {kept ? (
        <p role="status" className="muted">
          {t('sourcePullKept')}
        </p>
      ) : null}
      {pauseError ? (
        <p role="alert" className="error">
          {pauseError}
        </p>
      ) : null}
      {confirm ? <ConfirmRemovals count={confirm} onConfirm={() => void pull(true)} onCancel={keep} /> : null}
    </li>
  );
}
