import { createContext, useCallback, useEffect, useState, type Dispatch, type ReactNode, type SetStateAction } from 'react';

/** How long what a copy came to shows, on its button and here, before both read as before. */
const SAID_MS = 2000;

/** What a copy came to, kept for SAID_MS and then gone: on its button and in the region alike. */
export function useSaidForAWhile<T>(): [T | null, Dispatch<SetStateAction<T | null>>] {
  const [said, setSaid] = useState<T | null>(null);
  useEffect(() => {
    if (said === null) return;
    const timer = setTimeout(() => setSaid(null), SAID_MS);
    return () => clearTimeout(timer);
  }, [said]);
  return [said, setSaid];
}

/** Says what a copy came to in the window's one region for it; a no-op outside CopySaid. */
export const SayCopied = createContext<(text: string) => void>(() => {});

/**
 * One polite live region for every copy button's outcome ("Copied 555-0100"): a region inside each
 * button made a page of cards a hundred live regions for a screen reader to watch, and two elements
 * more per card for the page to draw. Each outcome is a new node, so copying the same number twice is
 * said twice.
 */
export function CopySaid({ children }: { children: ReactNode }) {
  const [said, setSaid] = useSaidForAWhile<{ text: string; n: number }>();
  const say = useCallback((text: string) => setSaid((before) => ({ text, n: (before?.n ?? 0) + 1 })), [setSaid]);
  return (
    <SayCopied.Provider value={say}>
      {children}
      <div className="visually-hidden copy-said" aria-live="polite">
        {said ? <span key={said.n}>{said.text}</span> : null}
      </div>
    </SayCopied.Provider>
  );
}
