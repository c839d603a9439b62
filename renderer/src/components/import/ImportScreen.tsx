import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, ImportJobStatus, ImportReport, ImportSource, PreviousVersion } from '../../../../shared/import-types';
import type { RemovalCount } from '../../../../shared/import-types';
import { atlas } from '../../atlas';
import { ConfirmRemovals } from '../ConfirmRemovals';
import { ImportDiff } from './ImportDiff';
import { RollbackConfirm } from './RollbackConfirm';
import { ImportProblems } from './ImportProblems';
import { ImportProgress } from './ImportProgress';
import { ImportShelters } from './ImportShelters';
import { MappingEditor } from './MappingEditor';

type Step =
  | { kind: 'idle' }
  | { kind: 'checking'; source: ImportSource; status: ImportJobStatus | null }
  | { kind: 'checked'; source: ImportSource; report: ImportReport }
  | { kind: 'applying'; source: ImportSource; report: ImportReport; status: ImportJobStatus }
  | { kind: 'finished'; status: ImportJobStatus; source?: ImportSource; report?: ImportReport }
  | { kind: 'rollingBack'; jobId: string; to: PreviousVersion; status: ImportJobStatus }
  | { kind: 'rolledBack'; to: PreviousVersion }
  | { kind: 'error'; message: string };

const POLL_MS = 200;

/** Polls a write (an apply or a rollback) until it is over, showing each status; resolves to the last, or to an error message. */
async function follow(jobId: string, status: ImportJobStatus, show: (s: ImportJobStatus) => void): Promise<ImportJobStatus | string> {
  while (status.state === 'applying') {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const r = await atlas().importStatus({ jobId });
    if (!r.ok) return r.error;
    status = r.value;
    show(status);
  }
  return status;
}

/**
 * The coordinator's import: choose a file or folder (main shows the dialog and keeps the path), read the
 * problems and the changes, apply with progress and cancel, or roll back the last import.
 */
export function ImportScreen({ onClose, onDataChanged }: { onClose: () => void; onDataChanged: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [previous, setPrevious] = useState<PreviousVersion | null>(null);
  /** The report's unflagged shelter sites to install as confidential: all of them until the coordinator unticks one. */
  const [marked, setMarked] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  /** An apply main refused until the person confirms its removals. */
  const [confirm, setConfirm] = useState<{ source: ImportSource; report: ImportReport; count: RemovalCount } | null>(null);

  const loadPrevious = useCallback(() => {
    void atlas()
      .importPrevious(undefined)
      .then((r) => setPrevious(r.ok ? r.value : null));
  }, []);
  useEffect(loadPrevious, [loadPrevious]);

  const check = async (source: ImportSource, mapping?: ColumnMapping) => {
    setStep({ kind: 'checking', source, status: null });
    let running = true;
    void (async () => {
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const s = await atlas().importStatus({ jobId: source.jobId });
        if (running && s.ok && s.value.state === 'checking') setStep({ kind: 'checking', source, status: s.value });
      }
    })();
    const r = await atlas().importCheck({ jobId: source.jobId, ...(mapping ? { mapping } : {}) });
    running = false;
    if (r.ok) {
      setMarked(new Set(r.value.unflaggedShelters.map((s) => s.locationId)));
      return setStep({ kind: 'checked', source, report: r.value });
    }
    const s = await atlas().importStatus({ jobId: source.jobId });
    setStep(s.ok && s.value.state === 'cancelled' ? { kind: 'finished', status: s.value } : { kind: 'error', message: r.error });
  };

  const cancel = (jobId: string) => void atlas().importCancel({ jobId });

  const choose = async (kind: 'file' | 'folder') => {
    const r = await atlas().importChoose({ kind });
    if (!r.ok) setStep({ kind: 'error', message: r.error });
    else if (r.value) await check(r.value);
  };

  /** Without allowRemovals main refuses an import that removes more than half of the directory, answering the counts to ask about. */
  const apply = async (source: ImportSource, report: ImportReport, allowRemovals = false) => {
    setConfirm(null);
    const started = await atlas().importApply({
      jobId: source.jobId,
      markConfidential: report.unflaggedShelters.map((s) => s.locationId).filter((id) => marked.has(id)),
      ...(allowRemovals ? { allowRemovals } : {}),
    });
    if (!started.ok) return setStep({ kind: 'error', message: started.error });
    if (started.value.state === 'confirm-removals') return setConfirm({ source, report, count: started.value });
    const show = (status: ImportJobStatus) => setStep({ kind: 'applying', source, report, status });
    show(started.value);
    const status = await follow(source.jobId, started.value, show);
    if (typeof status === 'string') return setStep({ kind: 'error', message: status });
    // The report stays on screen: what was applied is still there to read.
    setStep({ kind: 'finished', status, source, report });
    if (status.state === 'applied') onDataChanged();
    loadPrevious();
  };

  /** Any removal is asked about first; the installed count is what the file keeps plus what it removes. */
  const applyOrAsk = (source: ImportSource, report: ImportReport) => {
    const counts = report.diffCounts;
    if (!counts || counts.removed === 0) return void apply(source, report);
    setConfirm({ source, report, count: { removed: counts.removed, installed: report.services - counts.added + counts.removed } });
  };

  const rollback = async () => {
    const started = await atlas().importRollback(undefined);
    if (!started.ok) return setStep({ kind: 'error', message: started.error });
    const { jobId, to } = started.value;
    const show = (status: ImportJobStatus) => setStep({ kind: 'rollingBack', jobId, to, status });
    show(started.value.status);
    const status = await follow(jobId, started.value.status, show);
    if (typeof status === 'string') return setStep({ kind: 'error', message: status });
    if (status.state === 'applied') {
      setStep({ kind: 'rolledBack', to });
      onDataChanged();
    } else {
      setStep({ kind: 'error', message: status.state === 'cancelled' ? t('importRollbackCancelled') : t('importRollbackFailed', { error: status.error ?? '' }) });
    }
    loadPrevious();
  };

  const busy = step.kind === 'checking' || step.kind === 'applying' || step.kind === 'rollingBack';
  return (
    <section className="import-screen" aria-labelledby="import-title">
      <div className="import-head">
        <h2 id="import-title">{t('importTitle')}</h2>
        <button type="button" onClick={onClose} disabled={busy}>
          {t('importClose')}
        </button>
      </div>
      <p className="muted">{t('importIntro')}</p>
      <div className="import-actions">
        <button type="button" onClick={() => void choose('file')} disabled={busy}>
          {t('importChooseFile')}
        </button>
        <button type="button" onClick={() => void choose('folder')} disabled={busy}>
          {t('importChooseFolder')}
        </button>
        {previous ? (
          <button type="button" className="secondary" onClick={() => setConfirming(true)} disabled={busy}>
            {t(previous.redo ? 'importRedo' : 'importUndo', { version: previous.version ?? previous.datasetId, count: previous.services })}
          </button>
        ) : null}
      </div>
      {confirming && previous ? (
        <RollbackConfirm
          to={previous}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void rollback();
          }}
        />
      ) : null}

      {step.kind === 'checking' ? (
        <div aria-busy="true">
          <p>{t('importChecking', { name: step.source.name })}</p>
          <ImportProgress status={step.status} onCancel={() => cancel(step.source.jobId)} />
        </div>
      ) : null}
      {step.kind === 'rollingBack' ? (
        <div aria-busy="true">
          <ImportProgress
            status={step.status}
            onCancel={() => cancel(step.jobId)}
            {...(step.status.step === 'indexing' ? { labelKey: 'importRollbackIndexing' as const } : {})}
          />
        </div>
      ) : null}
      {step.kind === 'error' ? <p className="message error" role="alert">{step.message}</p> : null}
      {step.kind === 'rolledBack' ? <p role="status" className="import-done">{t('importRolledBack', { version: step.to.version ?? step.to.datasetId, count: step.to.services })}</p> : null}
      {step.kind === 'finished' ? (
        <p role="status" className={step.status.state === 'applied' ? 'import-done' : 'message error'}>
          {step.status.state === 'applied' ? t('importApplied') : step.status.state === 'cancelled' ? t('importCancelled') : t('importFailed', { error: step.status.error ?? '' })}
        </p>
      ) : null}

      {step.kind === 'checked' || step.kind === 'applying' || (step.kind === 'finished' && step.report && step.source) ? (
        <div className="import-report">
          <div className="import-actionbar">
            <p className="import-diff-summary" role="status">
              {step.report!.diff
                ? step.report!.diff.identical
                  ? t('importNoChanges')
                  : t('importDiffSummary', { ...step.report!.diffCounts })
                : t('importErrors', { count: step.report!.errorCount })}
            </p>
            {step.kind === 'checked' && step.report.ok ? (
              <button type="button" className="primary" onClick={() => applyOrAsk(step.source, step.report)} disabled={step.report.diff?.identical && marked.size === 0}>
                {t('importApply')}
              </button>
            ) : null}
            {step.kind === 'applying' ? <ImportProgress status={step.status} onCancel={() => cancel(step.source.jobId)} /> : null}
          </div>
          <p className="import-source">
            <strong>{t('importSource', { name: step.source!.name })}</strong>
            {step.report!.format ? ` · ${t(`importFormat_${step.report!.format.replace(/-/g, '_')}`)}` : ''}
            {step.report!.format ? ` · ${t('importServicesFound', { count: step.report!.services })}` : ''}
          </p>
          {step.kind === 'checked' && step.report.mapping && step.report.mappingFields ? (
            <MappingEditor mapping={step.report.mapping} fields={step.report.mappingFields} onRecheck={(m) => void check(step.source, m)} />
          ) : null}
          <ImportProblems problems={step.report!.errors} total={step.report!.errorCount} kind="errors" />
          <ImportDiff report={step.report!} />
          <ImportShelters shelters={step.report!.unflaggedShelters} marked={marked} onChange={setMarked} disabled={step.kind !== 'checked'} />
          <ImportProblems problems={step.report!.warnings} total={step.report!.warningCount} kind="warnings" />
        </div>
      ) : null}
      {confirm ? <ConfirmRemovals count={confirm.count} onConfirm={() => void apply(confirm.source, confirm.report, true)} onCancel={() => setConfirm(null)} /> : null}
    </section>
  );
}
