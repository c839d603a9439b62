import { clockReader, pairsState, ruleMinute, weeklyHours, type HoursRule, type ScheduleRule } from '../../../shared/schedule-open';
import { workArray } from '../per-index';

/**
 * The opening hours of every item as the facet index stores them (shared/schedule-open.ts compiles them):
 * item i's pairs are p = hourStart[i] .. hourStart[i + 1] - 1, pair p is [hourBounds[2p], hourBounds[2p + 1])
 * under rule hourRule[p]. Rules (a clock and the dates it applies) are few, shared by all items.
 */
export interface StoredHours {
  hourStart: Int32Array;
  hourBounds: Int32Array;
  hourRule: Int32Array;
  /** Hours east of UTC; NaN for the desk's time zone. */
  ruleOffset: Float64Array;
  ruleFirstDay: Int32Array;
  ruleLastDay: Int32Array;
  ruleUndecided: Uint8Array;
  /** 1 when open every minute of the week. */
  always: Uint8Array;
}

/** Items whose hours are compiled between two yields: compiling is the slowest part of a facet index. */
const HOURS_BATCH = 5_000;

/** The stored hours of these items' schedules, yielding every HOURS_BATCH items. */
export function* storedHoursSteps(items: readonly (readonly ScheduleRule[])[]): Generator<void, StoredHours, void> {
  const ruleIds = new Map<string, number>();
  const rules: HoursRule[] = [];
  const hourStart = new Int32Array(items.length + 1);
  const bounds: number[] = [];
  const ruleOfPair: number[] = [];
  const always = new Uint8Array(items.length);
  for (const [i, schedules] of items.entries()) {
    if (i > 0 && i % HOURS_BATCH === 0) yield;
    hourStart[i] = ruleOfPair.length;
    const hours = weeklyHours(schedules);
    if (!hours) continue;
    const global = hours.rules.map((r) => {
      const key = `${r.utcOffsetHours}/${r.firstDay}/${r.lastDay}/${r.undecided}`;
      let id = ruleIds.get(key);
      if (id === undefined) ruleIds.set(key, (id = rules.push(r) - 1));
      return id;
    });
    for (const b of hours.intervals) bounds.push(b);
    for (const r of hours.ruleOf) ruleOfPair.push(global[r]!);
    always[i] = hours.always ? 1 : 0;
  }
  hourStart[items.length] = ruleOfPair.length;
  return {
    hourStart,
    hourBounds: Int32Array.from(bounds),
    hourRule: Int32Array.from(ruleOfPair),
    ruleOffset: Float64Array.from(rules, (r) => r.utcOffsetHours ?? NaN),
    ruleFirstDay: Int32Array.from(rules, (r) => r.firstDay),
    ruleLastDay: Int32Array.from(rules, (r) => r.lastDay),
    ruleUndecided: Uint8Array.from(rules, (r) => (r.undecided ? 1 : 0)),
    always,
  };
}

/** By pool position: 1 open at `now`, 0 closed, -1 hours not stated or not decidable. */
export function openStates(hours: StoredHours, pool: Int32Array, now: Date): Int8Array {
  const every = everyOpenState(hours, now);
  const open = workArray(hours, 'open', Int8Array, pool.length, 0);
  for (let k = 0; k < pool.length; k++) open[k] = every[pool[k]!]!;
  return open;
}

/** Each index's states at the latest minute asked about. */
const statesAtMinute = new WeakMap<StoredHours, { minute: number; states: Int8Array }>();

/**
 * Every item's state at `now`, worked out once a minute: hours are in whole minutes, and the searches
 * of a desk typing come within the same one. At 100,000 services this took 1-2 ms of every search.
 */
function everyOpenState(hours: StoredHours, now: Date): Int8Array {
  const minute = Math.floor(now.getTime() / 60_000);
  const known = statesAtMinute.get(hours);
  if (known?.minute === minute) return known.states;
  const clock = clockReader(now);
  const minuteOfRule = Int32Array.from(hours.ruleOffset, (offset, r) =>
    ruleMinute({ utcOffsetHours: Number.isNaN(offset) ? null : offset, firstDay: hours.ruleFirstDay[r]!, lastDay: hours.ruleLastDay[r]! }, clock),
  );
  const size = hours.hourStart.length - 1;
  const states = new Int8Array(size);
  for (let i = 0; i < size; i++) {
    const from = hours.hourStart[i]!;
    const to = hours.hourStart[i + 1]!;
    states[i] = from === to ? -1 : pairsState(hours.hourBounds, hours.hourRule, from, to, minuteOfRule, hours.ruleUndecided);
  }
  statesAtMinute.set(hours, { minute, states });
  return states;
}
