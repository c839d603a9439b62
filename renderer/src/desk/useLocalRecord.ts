import { useEffect, useState } from 'react';
import type { LocalRecord } from '../../../shared/domain';
import { atlas } from '../atlas';

/**
 * The desk's note and call marks on one service, shared by the detail pane (which shows the desk's last
 * word beside the directory's verification) and the notes panel (which changes them).
 */
export function useLocalRecord(serviceId: string) {
  const [record, setRecord] = useState<LocalRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    void atlas()
      .localRecord({ serviceId })
      .then((r) => {
        if (!current) return;
        if (r.ok) setRecord(r.value);
        else setError(r.error);
      });
    return () => {
      current = false;
    };
  }, [serviceId]);
  return { record, setRecord, loadError: error };
}
