import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useEscapeToClose } from '../desk/useEscapeToClose';

/**
 * A modal dialog on the native <dialog> element: the browser traps focus inside and Esc closes it (as the
 * innermost open thing); focus goes back to whatever opened it, or to `returnFocusTo` when what had the
 * focus is gone by then. `wide` for a panel of several sections (Settings) rather than a question.
 */
export function Dialog({ title, onClose, children, returnFocusTo, wide = false }: { title: string; onClose: () => void; children: ReactNode; returnFocusTo?: HTMLElement | null; wide?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEscapeToClose(true, onClose);
  useEffect(() => {
    const dialog = ref.current;
    const opener = returnFocusTo ?? (document.activeElement instanceof HTMLElement ? document.activeElement : null);
    dialog?.showModal();
    return () => {
      dialog?.close();
      opener?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose}>
          {t('close')}
        </button>
      </div>
      {children}
    </dialog>
  );
}
