import { useCallback, useEffect, useState } from 'react';

/** An ordinary save answers within a few ms; one pending longer than this is waiting for an update to finish writing. */
const QUIET_MS = 300;

/**
 * Tracks the saves a panel has in flight. Main holds a save of the desk's own (a note, a mark, a setting)
 * until an import, rollback or sync apply has committed, which can take many seconds: `waiting` turns on
 * once a save has been pending a moment, so the panel can say so without flashing on every ordinary save.
 */
export function usePendingSave() {
  const [pending, setPending] = useState(0);
  const [waiting, setWaiting] = useState(false);
  useEffect(() => {
    if (pending === 0) {
      setWaiting(false);
      return;
    }
    const timer = setTimeout(() => setWaiting(true), QUIET_MS);
    return () => clearTimeout(timer);
  }, [pending]);
  const track = useCallback(async <T,>(save: Promise<T>): Promise<T> => {
    setPending((n) => n + 1);
    try {
      return await save;
    } finally {
      setPending((n) => n - 1);
    }
  }, []);
  return { waiting, track };
}
