const PROBE_MS = 10;

/**
 * The longest the event loop went without running a timer while `work` ran, beyond the timer's own
 * period: what a window waiting on the main process would feel as a freeze. The probe runs in the
 * process doing the work, every 10 ms.
 */
export async function longestBlock<T>(work: () => T | Promise<T>): Promise<{ ms: number; worst: number; value: T }> {
  let last = performance.now();
  let worst = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - PROBE_MS);
    last = now;
  }, PROBE_MS);
  const t0 = performance.now();
  let value: T;
  try {
    value = await work();
  } finally {
    clearInterval(probe);
  }
  const end = performance.now();
  return { ms: end - t0, worst: Math.max(worst, end - last - PROBE_MS), value };
}
