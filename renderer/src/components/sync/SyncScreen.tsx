import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncOverview } from '../../../../shared/sync-types';
import { atlas } from '../../atlas';
import { DeadlineSetting } from './DeadlineSetting';
import { useEscapeToClose } from '../../desk/useEscapeToClose';
import { FeedCard } from './FeedCard';
import { SubscribeForm } from './SubscribeForm';

interface Props {
  onClose: () => void;
  onDirectoryChanged: () => void;
}

export function SyncScreen({ onClose, onDirectoryChanged }: Props) {
  const { t } = useTranslation();
  const [overview, setOverview] = useState<SyncOverview | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    const r = await atlas().syncList(undefined);
    if (r.ok) setOverview(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEscapeToClose(true, onClose);

  const setPeriodic = async (enabled: boolean) => {
    await atlas().syncSetPeriodic({ enabled });
    await reload();
  };

  return (
    <div className="sync-backdrop">
      <section className="sync-screen" role="dialog" aria-modal="true" aria-labelledby="sync-title">
        <header className="sync-head">
          <h2 id="sync-title">{t('syncTitle')}</h2>
          <button type="button" onClick={onClose} autoFocus>
            {t('syncClose')}
          </button>
        </header>
        <div className="sync-body">
          <p className="muted">{t('syncIntro')}</p>
          {error ? <p className="message error" role="alert">{error}</p> : null}
          {overview ? (
            <>
              {overview.subscriptions.length === 0 ? <p className="muted">{t('syncNoFeeds')}</p> : null}
              {overview.subscriptions.map((s) => (
                <FeedCard key={s.id} feed={s} onChanged={reload} onDirectoryChanged={onDirectoryChanged} />
              ))}
              <SubscribeForm onSubscribed={reload} />
              <label className="sync-periodic">
                <input type="checkbox" checked={overview.periodicCheck} onChange={(e) => void setPeriodic(e.target.checked)} />
                {t('syncPeriodic')}
              </label>
              <DeadlineSetting seconds={overview.deadlineSeconds} onSaved={reload} />
            </>
          ) : null}
        </div>
      </section>
    </div>
  );
}
