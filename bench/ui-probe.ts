import type { Page } from 'playwright-core';

/** Page source: when the frame after a change is out (a requestAnimationFrame, then a task once it is). */
const PAINTED = 'const painted = () => new Promise((ok) => requestAnimationFrame(() => setTimeout(() => ok(performance.now()), 0)));';

/**
 * Installed in the page (as source text: the bench is type-checked without DOM types). `arm()` notes the
 * list's and the map's render counts (data-answers, data-draws) and waits for the next input (a key or a
 * mouse press); `result()` then resolves, from that input's event time, to when the search box showed
 * the keystroke, the list showed its next answer (unless armed for the map only: a pan or zoom) and the
 * map drew its next markers, each taken as the
 * frame after the change (a requestAnimationFrame, then a task once that frame is out). `frames` records
 * the time between animation frames. Nothing here sleeps for a fixed time.
 */
const PROBE = `(() => {
  if (window.__uiProbe) return;
  const count = (selector, attribute) => Number(document.querySelector(selector)?.getAttribute(attribute) ?? 0);
  ${PAINTED}
  const after = (selector, attribute, seen) => new Promise((ok) => {
    const observer = new MutationObserver(() => check());
    const check = () => {
      if (count(selector, attribute) <= seen) return;
      observer.disconnect();
      painted().then(ok);
    };
    observer.observe(document.body, { attributes: true, attributeFilter: [attribute], subtree: true });
    check();
  });
  let input = null;
  let pending = null;
  const onInput = (event) => { if (input === null) input = event.timeStamp; };
  document.addEventListener('keydown', onInput, true);
  document.addEventListener('mousedown', onInput, true);
  document.addEventListener('wheel', onInput, true);
  let echo = null;
  document.addEventListener('input', () => { if (echo === null) echo = painted(); }, true);
  let frames = null;
  const tick = (now) => {
    if (!frames) return;
    frames.push(now);
    requestAnimationFrame(tick);
  };
  window.__uiProbe = {
    arm(mapOnly) {
      input = null;
      echo = null;
      const list = mapOnly ? performance.now() : after('.result-scroll', 'data-answers', count('.result-scroll', 'data-answers'));
      const map = after('.map', 'data-draws', count('.map', 'data-draws'));
      pending = Promise.all([list, map]);
    },
    async result() {
      const [list, map] = await pending;
      const shown = echo ? await echo : null;
      return { list: list - input, map: map - input, echo: shown === null ? null : shown - input };
    },
    startFrames() {
      frames = [];
      requestAnimationFrame(tick);
    },
    stopFrames() {
      const times = frames;
      frames = null;
      return times.slice(1).map((t, i) => t - times[i]);
    },
  };
})()`;

export interface Timing {
  /** From the input to the list's answer painted. */
  list: number;
  /** From the input to the map's markers painted. */
  map: number;
  /** From a keystroke to the search box showing it: the floor under the two others. */
  echo: number | null;
}

/** Long enough for a first answer at 100,000 services on a loaded machine. */
const STUCK_MS = 120_000;

export const installProbe = (page: Page) => page.evaluate(PROBE);

/**
 * Runs `input` (one keystroke, one click or one wheel turn) and resolves once its list and markers are
 * painted; with `mapOnly` (a pan or zoom, which asks no search) once its markers are.
 */
export async function timed(page: Page, input: () => Promise<unknown>, mapOnly = false): Promise<Timing> {
  await page.evaluate(`window.__uiProbe.arm(${mapOnly})`);
  await input();
  return orStuck(page.evaluate('window.__uiProbe.result()') as Promise<Timing>, `an input (${mapOnly ? 'map' : 'list and map'})`);
}

/** A bench must not hang: a step that paints nothing is a broken step, said as such. */
async function orStuck<T>(waiting: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stuck = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`nothing was painted within ${STUCK_MS / 1000} s of ${what}`)), STUCK_MS);
  });
  try {
    return await Promise.race([waiting, stuck]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Run before the page's own scripts: when the list's first answer and the map's first markers are
 * painted, counted from the page's navigation start.
 */
const STARTUP_PROBE = `(() => {
  ${PAINTED}
  const first = (selector, attribute) => new Promise((ok) => {
    const observer = new MutationObserver(() => {
      if (!document.querySelector(selector)) return;
      observer.disconnect();
      painted().then(ok);
    });
    observer.observe(document, { attributes: true, attributeFilter: [attribute], subtree: true });
  });
  const list = first('.result-scroll[data-answers]', 'data-answers');
  const map = first('.map[data-draws]', 'data-draws');
  window.__startup = Promise.all([list, map]).then(([list, map]) => ({ list, map }));
})()`;

/**
 * Loads the page again `times` times, as a window opening on a main process that has read its index
 * already, and gives when each load's first list and first markers (every service's point clustered)
 * were painted.
 */
export async function timedReloads(page: Page, times: number): Promise<{ list: number; map: number }[]> {
  await page.context().addInitScript({ content: STARTUP_PROBE });
  const loads = [];
  for (let i = 0; i < times; i++) {
    await page.reload();
    loads.push(await orStuck(page.evaluate('window.__startup') as Promise<{ list: number; map: number }>, 'the page loading'));
  }
  return loads;
}

/** The time between animation frames while `work` runs. */
export async function frameTimes(page: Page, work: () => Promise<unknown>): Promise<number[]> {
  await page.evaluate('window.__uiProbe.startFrames()');
  await work();
  return page.evaluate('window.__uiProbe.stopFrames()') as Promise<number[]>;
}
