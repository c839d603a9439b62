import { useSyncExternalStore } from 'react';

let version = 0;
const listeners = new Set<() => void>();

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};

/** Says a desk note or call mark was saved, so what shows them elsewhere (the result cards) reads them again. */
export function localRecordsChanged(): void {
  version++;
  for (const listener of listeners) listener();
}

/** A number that changes whenever a desk note or call mark is saved. */
export function useLocalRecordsVersion(): number {
  return useSyncExternalStore(subscribe, () => version);
}
