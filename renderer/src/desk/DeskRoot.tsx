import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { atlas } from '../atlas';
import { ReferralListProvider } from '../sheet/referral-list';

export type Panel = 'settings' | 'help' | 'sheet';

interface Desk {
  panel: Panel | null;
  open(panel: Panel): void;
  close(): void;
  quickExit(): void;
}

const Context = createContext<Desk | null>(null);

/** Two Esc presses closer together than this are a quick exit; one Esc only closes a dialog. */
const DOUBLE_ESCAPE_MS = 700;

export const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * Wraps the whole app. A quick exit asks main to hide the window and remounts everything below, so the
 * search, the selection, the referral list and any open panel are gone at once: nothing about the
 * client survives in memory or on screen. Also owns the global shortcuts: "/" search, "?" help, Esc Esc.
 */
export function DeskRoot({ children }: { children: ReactNode }) {
  const [generation, setGeneration] = useState(0);
  const [panel, setPanel] = useState<Panel | null>(null);
  // No Escape yet: a first Escape within 700 ms of the page's start must not count as the second of a pair.
  const lastEscape = useRef(Number.NEGATIVE_INFINITY);

  const quickExit = useCallback(() => {
    // In the browser there is no window to hide: the call fails and the cleared screen is the exit.
    void atlas().hideWindow(undefined);
    setPanel(null);
    setGeneration((g) => g + 1);
    lastEscape.current = Number.NEGATIVE_INFINITY;
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.repeat) {
        const now = performance.now();
        if (now - lastEscape.current < DOUBLE_ESCAPE_MS) quickExit();
        else lastEscape.current = now;
        return;
      }
      if (isTyping(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === '/') {
        const search = document.querySelector<HTMLInputElement>('input[type="search"]');
        if (search) {
          e.preventDefault();
          // Close whatever covers the search box, then focus it once the closed panel is gone.
          setPanel(null);
          requestAnimationFrame(() => {
            search.focus();
            search.select();
          });
        }
      } else if (e.key === '?') {
        e.preventDefault();
        setPanel('help');
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [quickExit]);

  const desk = useMemo<Desk>(() => ({ panel, open: setPanel, close: () => setPanel(null), quickExit }), [panel, quickExit]);
  return (
    <Context.Provider value={desk}>
      <Fragment key={generation}>
        <ReferralListProvider>{children}</ReferralListProvider>
      </Fragment>
    </Context.Provider>
  );
}

export function useDesk(): Desk {
  const desk = useContext(Context);
  if (!desk) throw new Error('useDesk needs a DeskRoot above it.');
  return desk;
}
