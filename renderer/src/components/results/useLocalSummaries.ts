import { useEffect, useState } from 'react';
import type { LocalSummary } from '../../../../shared/domain';
import { atlas } from '../../atlas';
import { useLocalRecordsVersion } from '../../desk/local-changes';

/** What the desk has recorded on these services (a note, the newest call mark), read again after each save. */
export function useLocalSummaries(ids: readonly string[]): ReadonlyMap<string, LocalSummary> {
  const version = useLocalRecordsVersion();
  const [summaries, setSummaries] = useState<ReadonlyMap<string, LocalSummary>>(new Map());
  const key = ids.join('\n');
  useEffect(() => {
    const serviceIds = key ? key.split('\n') : [];
    if (serviceIds.length === 0) return setSummaries(new Map());
    let current = true;
    void atlas()
      .localSummaries({ serviceIds })
      .then((r) => current && r.ok && setSummaries(new Map(r.value.map((s) => [s.serviceId, s]))));
    return () => {
      current = false;
    };
  }, [key, version]);
  return summaries;
}
