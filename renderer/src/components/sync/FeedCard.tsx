import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedSubscriptionView, SyncApplyView, SyncCheckView, SyncProgressView } from '../../../../shared/sync-types';
import type { Result } from '../../../../shared/result';
import type { RemovalCount } from '../../../../shared/import-types';
import { atlas } from '../../atlas';
import { ConfirmRemovals } from '../ConfirmRemovals';
import { ImportProgress } from '../import/ImportProgress';
import type { MessageKey } from '../../i18n/en';
import { DiffList } from './DiffList';

const POLL_MS = 200;

/**
 * What the card says after a run: done (installed) or cancelled (nothing changed), worded in the screen's
 * language when shown, or main's error message.
 */
type Outcome = { kind: 'done' | 'cancelled'; key: MessageKey; values: Record<string, number> } | { kind: 'error'; text: string };

interface Props {
  feed: FeedSubscriptionView;
  onChanged: () => Promise<void>;
  onDirectoryChanged: () => void;
}

/**
 * One subscription: who signs it, what is installed, check / diff / apply, and the history with restore.
 * A running check, apply or restore can be cancelled until it commits; the Cancel button takes the focus
 * while it runs, and the focus goes back to the button that started it (or Check) when it ends.
 */
export function FeedCard({ feed, onChanged, onDirectoryChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<SyncProgressView | null>(null);
  const [check, setCheck] = useState<SyncCheckView | null>(feed.lastCheck);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [cancellable, setCancellable] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  /** The version a cancel arrived too late for: it had already been installed. */
  const [tooLate, setTooLate] = useState<number | null>(null);
  /** A version main would not apply until the person confirms its removals. */
  const [confirm, setConfirm] = useState<(RemovalCount & { version: number }) | null>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const checkButton = useRef<HTMLButtonElement>(null);
  const applyButton = useRef<HTMLButtonElement>(null);
  const startedFrom = useRef<HTMLElement | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  useEffect(() => {
    if (busy && cancellable) {
      cancelButton.current?.focus();
      return;
    }
    if (busy) return;
    // The Cancel button is gone: unless the person moved on meanwhile, focus returns to where they started.
    const from = startedFrom.current;
    startedFrom.current = null;
    if (!from || (document.activeElement && document.activeElement !== document.body)) return;
    (from.isConnected && !(from as HTMLButtonElement).disabled ? from : checkButton.current)?.focus();
  }, [busy, cancellable]);

  /** Runs a task, showing main's progress on it meanwhile (a large check or apply takes a while) and, if it can be, a Cancel button. */
  const run = async (task: () => Promise<void>, canCancel = false, from: HTMLElement | null = document.activeElement instanceof HTMLElement ? document.activeElement : null) => {
    startedFrom.current = from;
    setBusy(true);
    setCancellable(canCancel);
    setCancelling(false);
    setTooLate(null);
    let running = true;
    void (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const p = await atlas().syncProgress({ id: feed.id });
        if (running && p.ok) setProgress(p.value);
      }
    })();
    try {
      await task();
    } finally {
      running = false;
      setProgress(null);
      setBusy(false);
      setCancellable(false);
      setCancelling(false);
    }
  };
  /** Asks main to stop; the running call then ends cancelled, unless it had already committed. */
  const cancel = async () => {
    setCancelling(true);
    const r = await atlas().syncCancel({ id: feed.id });
    if (r.ok && r.value.outcome === 'too-late') setTooLate(r.value.version);
  };
  const checkNow = () =>
    run(async () => {
      setOutcome(null);
      const r = await atlas().syncCheck({ id: feed.id });
      // A cancelled check leaves the last one (and any version it verified) standing.
      if (r.ok && r.value.status === 'cancelled') setOutcome({ kind: 'cancelled', key: 'syncCheckCancelled', values: {} });
      else setCheck(r.ok ? r.value : { status: 'refused', message: r.error, checkedAt: new Date().toISOString(), version: null, diff: null, counts: null });
    }, true);
  const install = (call: () => Promise<Result<SyncApplyView>>, cancelledKey: MessageKey, from?: HTMLElement | null) =>
    run(async () => {
      setOutcome(null);
      const r = await call();
      if (!r.ok) {
        setOutcome({ kind: 'error', text: r.error });
      } else if (r.value.status === 'cancelled') {
        setOutcome({ kind: 'cancelled', key: cancelledKey, values: { version: r.value.version } });
      } else if (r.value.status === 'confirm-removals') {
        setConfirm(r.value);
      } else {
        setCheck(null);
        const { version, added, changed, removed } = r.value;
        setOutcome({ kind: 'done', key: 'syncApplied', values: { version, added, changed, removed } });
        onDirectoryChanged();
        await onChanged();
      }
    }, true, from);
  /** Without allowRemovals main refuses a version that removes more than half of the directory, answering the counts to ask about. */
  const apply = (version: number, allowRemovals = false) => {
    setConfirm(null);
    // Confirmed in the dialog: the focus comes back to Apply afterwards, as it does for any apply.
    return install(() => atlas().syncApply({ id: feed.id, version, ...(allowRemovals ? { allowRemovals } : {}) }), 'syncApplyCancelled', allowRemovals ? applyButton.current : undefined);
  };
  const unsubscribe = () => run(async () => void (await atlas().syncUnsubscribe({ id: feed.id }), await onChanged()));

  return (
    <article className="sync-feed" aria-label={feed.url}>
      <h3 className="sync-url">{feed.url}</h3>
      <dl className="sync-facts">
        <dt>{t('syncFingerprint')}</dt>
        <dd>
          <code>{feed.fingerprint}</code>
        </dd>
        <dt>{t('syncInstalledLabel')}</dt>
        <dd>{feed.installedVersion !== null ? t('syncVersionN', { version: feed.installedVersion }) : t('syncInstalledNone')}</dd>
      </dl>
      <div className="sync-actions">
        <button ref={checkButton} type="button" onClick={() => void checkNow()} disabled={busy}>
          {busy ? t('syncWorking') : t('syncCheck')}
        </button>
        {confirmRemove ? (
          <span className="sync-confirm">
            {t('syncRemoveConfirm')}{' '}
            <button type="button" className="link-button" onClick={() => void unsubscribe()} disabled={busy}>
              {t('syncRemoveYes')}
            </button>
            <button type="button" onClick={() => setConfirmRemove(false)}>
              {t('syncRemoveNo')}
            </button>
          </span>
        ) : (
          <button type="button" className="link-button" onClick={() => setConfirmRemove(true)} disabled={busy}>
            {t('syncRemove')}
          </button>
        )}
      </div>
      {check ? (
        <div className={`sync-check sync-${check.status}`} role={check.status === 'refused' ? 'alert' : 'status'}>
          <p>
            {check.message} <span className="muted">({t('syncCheckedAt', { time: when(check.checkedAt) })})</span>
          </p>
          {check.status === 'update' && check.diff && check.counts && check.version !== null ? (
            <>
              <DiffList diff={check.diff} counts={check.counts} />
              <button ref={applyButton} type="button" className="primary" disabled={busy} onClick={() => void apply(check.version!)}>
                {t('syncApply', { version: check.version })}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {busy && (progress || cancellable) ? (
        <div className="sync-running">
          {progress ? (
            <div className="sync-progress" aria-busy="true">
              <ImportProgress status={progress} />
            </div>
          ) : null}
          {cancellable ? (
            <button ref={cancelButton} type="button" onClick={() => void cancel()} disabled={cancelling}>
              {cancelling ? t('syncCancelling') : t('syncCancel')}
            </button>
          ) : null}
        </div>
      ) : null}
      {outcome ? (
        <p className={outcome.kind === 'error' ? 'message error' : `sync-${outcome.kind}`} role={outcome.kind === 'error' ? 'alert' : 'status'}>
          {outcome.kind === 'error' ? outcome.text : t(outcome.key, outcome.values)}
        </p>
      ) : null}
      {confirm ? (
        // The Cancel button that had the focus while main answered is gone: the focus comes back to Apply.
        <ConfirmRemovals count={confirm} onConfirm={() => void apply(confirm.version, true)} onCancel={() => setConfirm(null)} returnFocusTo={applyButton.current} />
      ) : null}
      {tooLate !== null ? (
        <p className="sync-too-late" role="status">
          {t('syncCancelTooLate', { version: tooLate })}
        </p>
      ) : null}
      <h4>{t('syncHistory')}</h4>
      {feed.history.length === 0 ? (
        <p className="muted">{t('syncHistoryEmpty')}</p>
      ) : (
        <table className="sync-history">
          <thead>
            <tr>
              <th>{t('syncVersion')}</th>
              <th>{t('syncAppliedAt')}</th>
              <th>{t('syncChanges')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {feed.history.map((h, i) => (
              <tr key={`${h.appliedAt}-${i}`}>
                <td>
                  {h.version} <span className="muted">{t(h.kind === 'update' ? 'syncKindUpdate' : 'syncKindRollback')}</span>
                </td>
                <td>{when(h.appliedAt)}</td>
                <td>{t('syncCounts', { ...h })}</td>
                <td>
                  {feed.history.findIndex((e) => e.version === h.version) !== i ? null : h.version === feed.installedVersion ? (
                    <span className="muted">{t('syncCurrent')}</span>
                  ) : feed.keptVersions.includes(h.version) ? (
                    <button type="button" disabled={busy} onClick={() => void install(() => atlas().syncRollback({ id: feed.id, version: h.version }), 'syncRestoreCancelled')}>
                      {t('syncRestore', { version: h.version })}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
