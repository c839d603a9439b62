import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FeedSubscriptionView, SyncApplyView, SyncCheckView, SyncProgressView } from '../../../../shared/sync-types';
import type { Result } from '../../../../shared/result';
import { atlas } from '../../atlas';
import { ImportProgress } from '../import/ImportProgress';
import { DiffList } from './DiffList';

const POLL_MS = 200;

interface Props {
  feed: FeedSubscriptionView;
  onChanged: () => Promise<void>;
  onDirectoryChanged: () => void;
}

/** One subscription: who signs it, what is installed, check / diff / apply, and the history with restore. */
export function FeedCard({ feed, onChanged, onDirectoryChanged }: Props) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<SyncProgressView | null>(null);
  const [check, setCheck] = useState<SyncCheckView | null>(feed.lastCheck);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);

  /** Runs a task, showing main's progress on it meanwhile: a large check or apply takes a while. */
  const run = async (task: () => Promise<void>) => {
    setBusy(true);
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
    }
  };
  const checkNow = () =>
    run(async () => {
      setOutcome(null);
      const r = await atlas().syncCheck({ id: feed.id });
      setCheck(r.ok ? r.value : { status: 'refused', message: r.error, checkedAt: new Date().toISOString(), version: null, diff: null });
    });
  const install = (call: () => Promise<Result<SyncApplyView>>) =>
    run(async () => {
      const r = await call();
      if (r.ok) {
        setCheck(null);
        setOutcome({ ok: true, text: t('syncApplied', { ...r.value }) });
        onDirectoryChanged();
        await onChanged();
      } else {
        setOutcome({ ok: false, text: r.error });
      }
    });
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
        <button type="button" onClick={() => void checkNow()} disabled={busy}>
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
          {check.status === 'update' && check.diff && check.version !== null ? (
            <>
              <DiffList diff={check.diff} />
              <button type="button" className="primary" disabled={busy} onClick={() => void install(() => atlas().syncApply({ id: feed.id, version: check.version! }))}>
                {t('syncApply', { version: check.version })}
              </button>
            </>
          ) : null}
        </div>
      ) : null}
      {busy && progress ? (
        <div className="sync-progress" aria-busy="true">
          <ImportProgress status={progress} />
        </div>
      ) : null}
      {outcome ? (
        <p className={outcome.ok ? 'sync-done' : 'message error'} role={outcome.ok ? 'status' : 'alert'}>
          {outcome.text}
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
                    <button type="button" disabled={busy} onClick={() => void install(() => atlas().syncRollback({ id: feed.id, version: h.version }))}>
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
