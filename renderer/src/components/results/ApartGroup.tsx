import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Near a place, the services with no address to measure from (phone and online, withheld or not stated
 * addresses): folded away under a heading that says they are not near it, since a worker at night may
 * otherwise call one believing it local. Opened, it shows its cards.
 */
export function ApartGroup({ place, count, children }: { place: string; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const body = useId();
  return (
    <section className="apart-group" aria-labelledby={`${body}-heading`}>
      <h3 className="apart-heading" id={`${body}-heading`}>
        <button type="button" aria-expanded={open} aria-controls={body} onClick={() => setOpen(!open)}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('apartHeading', { count, place })}
        </button>
      </h3>
      <div id={body} hidden={!open}>
        <p className="apart-note">{t('apartNote')}</p>
        {open ? children : null}
      </div>
    </section>
  );
}
