import { useTranslation } from 'react-i18next';
import type { CallMark } from '../../../shared/domain';
import type { UiLanguage } from '../i18n';
import { dateText } from '../i18n/format';

/**
 * Two facts side by side, each for what it is: how recently the directory verified the service, and
 * what this desk last found when it called. The directory's warning turns from "call to confirm" into a
 * plain statement once the desk's newest call confirmed the service.
 */
export function VerificationNotice({ verifiedRecently, assuredDate, newestMark }: { verifiedRecently: boolean; assuredDate: string | null; newestMark: CallMark | null }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as UiLanguage;
  const confirmed = newestMark?.status === 'still_valid';
  const when = newestMark ? dateText(newestMark.markedAt, lang, true) : '';
  return (
    <>
      {verifiedRecently ? null : confirmed ? (
        <div className="directory-verification">{t(assuredDate ? 'directoryVerifiedLongAgo' : 'directoryNeverVerified')}</div>
      ) : (
        <div className="stale-warning">{t(assuredDate ? 'staleWarning' : 'notVerifiedWarning')}</div>
      )}
      {newestMark ? (
        <div className={`desk-word desk-word-${newestMark.status}`} role="status">
          {t(`deskWord_${newestMark.status}`, { when })}
          {newestMark.comment ? ` — ${newestMark.comment}` : ''}
        </div>
      ) : null}
    </>
  );
}
