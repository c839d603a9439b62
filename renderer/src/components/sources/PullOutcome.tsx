import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourcePullSummary } from '../../../../shared/domain';
import { pullResultText, resultOfSummary } from './pull-words';

/** Up to this many services left out are listed open; more fold under a summary line the person opens. */
const OPEN_UP_TO = 5;

/**
 * What a pull just made did: the counts (or main's sentence why nothing changed, or that it was cancelled),
 * its warnings, and each service left out as invalid with its reason, so the desk can tell the publisher.
 */
export function PullOutcome({ summary }: { summary: SourcePullSummary }) {
  const { t } = useTranslation();
  const listId = useId();
  const { quarantined, warnings } = summary;
  const text = pullResultText(resultOfSummary(summary), t);
  return (
    <div className="pull-outcome">
      {summary.cancelled ? (
        <p role="status" className="pull-cancelled">
          {t('sourcePullCancelled')}
        </p>
      ) : summary.ok ? (
        <p role="status" className="pull-done">
          {t('sourcePulled', { result: text })}
        </p>
      ) : (
        <p role="alert" className="error">
          {text}
        </p>
      )}
      {warnings.length > 0 ? (
        <ul className="pull-warnings muted">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      {quarantined.length > 0 ? (
        <details className="pull-quarantined" open={quarantined.length <= OPEN_UP_TO}>
          <summary id={listId}>{t('sourceLeftOut', { count: quarantined.length })}</summary>
          {/* Scrolls past a few dozen: focusable so the keyboard scrolls it too. */}
          <ul tabIndex={0} aria-labelledby={listId}>
            {quarantined.map((q) => (
              <li key={q.id}>
                <code>{q.id}</code>: {q.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
