import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useReferralList } from '../sheet/referral-list';
import { useDesk } from './DeskRoot';

/** The header's buttons: referral sheet, settings, help, and the always-visible quick exit. Memoized: it has no props, and the app re-renders with every keystroke. */
export const HeaderActions = memo(HeaderButtons);

function HeaderButtons() {
  const { t } = useTranslation();
  const { panel, open, close, quickExit } = useDesk();
  const list = useReferralList();
  return (
    <div className="header-actions">
      <button
        type="button"
        id="open-referral-sheet"
        aria-pressed={panel === 'sheet'}
        onClick={() => (panel === 'sheet' ? close() : open('sheet'))}
      >
        {t('referralSheetCount', { count: list.ids.length })}
      </button>
      <button type="button" onClick={() => open('settings')}>
        {t('settings')}
      </button>
      <button type="button" onClick={() => open('help')} aria-keyshortcuts="?">
        {t('help')}
      </button>
      <button type="button" className="quick-exit" onClick={quickExit} title={t('quickExitHint')} aria-keyshortcuts="Escape Escape">
        {t('quickExit')}
      </button>
    </div>
  );
}
