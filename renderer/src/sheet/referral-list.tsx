import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

export interface ReferralList {
  ids: readonly string[];
  has(id: string): boolean;
  add(id: string): void;
  remove(id: string): void;
  replace(ids: readonly string[]): void;
  clear(): void;
}

const Context = createContext<ReferralList | null>(null);

/**
 * The services on the referral sheet being prepared. Held in memory only: a quick exit or closing the
 * app drops it, unless the worker chose "Keep this list". Results, the detail pane and the map all add
 * through useReferralList().
 */
export function ReferralListProvider({ children }: { children: ReactNode }) {
  const [ids, setIds] = useState<readonly string[]>([]);
  const list = useMemo<ReferralList>(
    () => ({
      ids,
      has: (id) => ids.includes(id),
      add: (id) => setIds((prev) => (prev.includes(id) ? prev : [...prev, id])),
      remove: (id) => setIds((prev) => prev.filter((x) => x !== id)),
      replace: (next) => setIds([...new Set(next)]),
      clear: () => setIds([]),
    }),
    [ids],
  );
  return <Context.Provider value={list}>{children}</Context.Provider>;
}

export function useReferralList(): ReferralList {
  const list = useContext(Context);
  if (!list) throw new Error('useReferralList needs a ReferralListProvider above it.');
  return list;
}
