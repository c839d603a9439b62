import { useContext } from 'react';
import { atlas } from '../../atlas';
import { useSharedTranslation } from '../../i18n/shared-translation';
import { SayCopied, useSaidForAWhile } from './CopySaid';

/**
 * Puts a phone number or an address on the clipboard in one click, without selecting the card. The
 * button shows the outcome; CopySaid's region says it.
 */
export function CopyButton({ text, label, fullLabel, tabbable }: { text: string; label: string; fullLabel: string; tabbable: boolean }) {
  const { t } = useSharedTranslation();
  const say = useContext(SayCopied);
  const [said, setSaid] = useSaidForAWhile<{ ok: true } | { ok: false; error: string }>();
  return (
    <button
      type="button"
      className={`card-action${said && !said.ok ? ' error' : ''}`}
      tabIndex={tabbable ? 0 : -1}
      // The full label names what is copied; while the outcome shows, the outcome is the name.
      aria-label={said ? undefined : fullLabel}
      title={said && !said.ok ? said.error : text}
      onClick={(e) => {
        e.stopPropagation();
        void atlas()
          .copyText({ text })
          .then((r) => {
            setSaid(r.ok ? { ok: true } : { ok: false, error: r.error });
            say(r.ok ? t('copiedText', { text }) : t('copyFailed', { error: r.error }));
          });
      }}
    >
      {said ? (said.ok ? `✓ ${t('copied')}` : `✗ ${t('notCopied')}`) : label}
    </button>
  );
}
