import { useEffect, useState } from 'react';
import type { ServiceDetail } from '../../../shared/domain';
import { atlas } from '../atlas';

/** Details of several services, in the given order; ids the directory no longer has are left out. */
export function useServiceDetails(ids: readonly string[]): { details: ServiceDetail[]; loading: boolean; error: string | null } {
  const [state, setState] = useState<{ key: string; details: ServiceDetail[]; error: string | null } | null>(null);
  const key = ids.join('\n');
  useEffect(() => {
    let current = true;
    void Promise.all(ids.map((id) => atlas().serviceDetail({ id }))).then((results) => {
      if (!current) return;
      const failed = results.find((r) => !r.ok);
      const details = results.flatMap((r) => (r.ok && r.value ? [r.value] : []));
      setState({ key, details, error: failed && !failed.ok ? failed.error : null });
    });
    return () => {
      current = false;
    };
    // `key` stands for `ids`: a new array with the same ids must not refetch.
  }, [key]);
  if (!state || state.key !== key) return { details: state?.details ?? [], loading: true, error: null };
  return { details: state.details, loading: false, error: state.error };
}
