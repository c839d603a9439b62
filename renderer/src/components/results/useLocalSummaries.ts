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
      .then((r) => current && r.ok && setSummaries((shown) => (sameSummaries(shown, r.value) ? shown : new Map(r.value.map((s) => [s.serviceId, s])))));
    return () => {
      current = false;
    };
  }, [key, version]);
  return summaries;
}

/** Whether an answer says what is already shown: then the cards (memoized) are not drawn again. */
function sameSummaries(shown: ReadonlyMap<string, LocalSummary>, answer: LocalSummary[]): boolean {
  return answer.length === shown.size && answer.every((s) => JSON.stringify(shown.get(s.serviceId)) === JSON.stringify(s));
}
