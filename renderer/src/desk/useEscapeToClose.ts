import { useEffect, useRef } from 'react';

/** What Esc would close, innermost (last opened) at the end. */
const closers: (() => void)[] = [];

/**
 * Registers something open (a menu, a dialog) for Esc to close while `open` is true. Esc closes the
 * innermost open thing first; only with nothing open does it count towards a quick exit (DeskRoot).
 */
export function useEscapeToClose(open: boolean, close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const closer = () => latest.current();
    closers.push(closer);
    return () => {
      const i = closers.lastIndexOf(closer);
      if (i >= 0) closers.splice(i, 1);
    };
  }, [open]);
}

/** Closes the innermost open thing; false when nothing is open. */
export function closeInnermost(): boolean {
  const close = closers.pop();
  close?.();
  return close != null;
}
