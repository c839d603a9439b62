import { useEffect, useRef, useState } from 'react';
import type { SourceProgress, SourcePullSummary, SourceSummary } from '../../../../shared/domain';
import type { RemovalCount } from '../../../../shared/import-types';
import { atlas } from '../../atlas';
import { removalsToConfirm } from './pull-words';

const POLL_MS = 200;

const wait = () => new Promise((resolve) => setTimeout(resolve, POLL_MS));

/**
 * One source's pull from the Sources screen: main's progress polled while it runs, then its answer. A pull
 * main refuses for removing more than half of the source comes back as `confirm`, the counts to ask about;
 * `pull(true)` pulls again with the yes. `onPulled` runs after every pull (the list's last pull changed,
 * and the directory did when it worked), even if the screen was closed meanwhile, so the search and the
 * header still follow. A screen opened while a pull of the source runs (started before it was closed) shows
 * it running until it ends, then reads the list again. `cancel` asks main to stop the pull: it then answers
 * cancelled, unless its install had already committed (`tooLate`), when it answers what it changed.
 */
export function usePull(source: SourceSummary, onPulled: (applied: boolean) => Promise<void> | void) {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<SourceProgress | null>(null);
  const [summary, setSummary] = useState<SourcePullSummary | null>(null);
  const [confirm, setConfirm] = useState<RemovalCount | null>(null);
  /** The person answered the removal question with no: the source stays as it was. */
  const [kept, setKept] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [tooLate, setTooLate] = useState(false);
  const mounted = useRef(true);

  /** Polls main's progress until `done` says stop. */
  const watch = async (done: () => boolean) => {
    while (!done()) {
      await wait();
      const p = await atlas().sourceProgress({ name: source.name });
      if (!done() && mounted.current && p.ok) setProgress(p.value);
    }
  };

  useEffect(() => {
    mounted.current = true;
    void (async () => {
      const p = await atlas().sourceProgress({ name: source.name });
      if (!p.ok || !p.value || !mounted.current) return;
      setRunning(true);
      for (;;) {
        await wait();
        const q = await atlas().sourceProgress({ name: source.name });
        if (!mounted.current) return;
        if (!q.ok || q.value === null) break;
        setProgress(q.value);
      }
      setProgress(null);
      setRunning(false);
      await onPulled(true);
    })();
    return () => void (mounted.current = false);
  }, []);

  const pull = async (allowRemovals = false) => {
    setConfirm(null);
    setKept(false);
    setSummary(null);
    setCancelling(false);
    setTooLate(false);
    setRunning(true);
    let finished = false;
    void watch(() => finished);
    try {
      const r = await atlas().sourcePull({ name: source.name, ...(allowRemovals ? { allowRemovals } : {}) });
      const answer: SourcePullSummary = r.ok ? r.value : { ok: false, source: source.name, added: 0, changed: 0, removed: 0, quarantined: [], errors: [r.error], warnings: [] };
      finished = true;
      // The list is read again before the answer shows, so the row's counts and its answer agree.
      await onPulled(answer.ok);
      if (mounted.current) {
        // Done running before the answer shows: one status at a time.
        setProgress(null);
        setRunning(false);
        const ask = allowRemovals ? null : removalsToConfirm(answer, source.services);
        if (ask) setConfirm(ask);
        else setSummary(answer);
      }
    } finally {
      finished = true;
      if (mounted.current) {
        setProgress(null);
        setRunning(false);
      }
    }
  };
  const cancel = async () => {
    setCancelling(true);
    const r = await atlas().sourceCancel({ name: source.name });
    if (mounted.current && r.ok && r.value.outcome === 'too-late') setTooLate(true);
  };
  const keep = () => {
    setConfirm(null);
    setKept(true);
  };
  return { running, progress, summary, confirm, kept, cancelling, tooLate, pull, cancel, keep };
}
