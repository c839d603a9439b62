import { clockReader, pairsState, ruleMinute, weeklyHours, type HoursRule, type ScheduleRule } from '../../../shared/schedule-open';
import { sliceDue } from '../../jobs/steps';
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

/** An item's compiled hours in the index's terms: its pairs' bounds, each pair's rule, and whether always open. */
interface ItemHours {
  bounds: Int32Array;
  ruleOfPair: Int32Array;
  always: boolean;
}

/**
 * The stored hours of these items' schedules, yielding every HOURS_BATCH items (sooner on a slow machine); then copied into the
 * columns at once, their sizes known (pushed a number at a time, a million of them took 0.15 s).
 */
export function* storedHoursSteps(items: readonly (readonly ScheduleRule[])[]): Generator<void, StoredHours, void> {
  const ruleIds = new Map<string, number>();
  const rules: HoursRule[] = [];
  const compiled = compiledOnce((schedules): ItemHours | null => {
    const hours = weeklyHours(schedules);
    if (!hours) return null;
    const global = hours.rules.map((r) => {
      const key = `${r.utcOffsetHours}/${r.firstDay}/${r.lastDay}/${r.undecided}`;
      let id = ruleIds.get(key);
      if (id === undefined) ruleIds.set(key, (id = rules.push(r) - 1));
      return id;
    });
    return { bounds: Int32Array.from(hours.intervals), ruleOfPair: Int32Array.from(hours.ruleOf, (r) => global[r]!), always: hours.always };
  });
  const itemHours: (ItemHours | null)[] = [];
  let pairs = 0;
  const due = sliceDue(HOURS_BATCH);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && due(i)) yield;
    const schedules = items[i]!;
    const hours = schedules.length === 0 ? null : compiled(schedules);
    itemHours.push(hours);
    pairs += hours?.ruleOfPair.length ?? 0;
  }
  const hourStart = new Int32Array(items.length + 1);
  const hourBounds = new Int32Array(2 * pairs);
  const hourRule = new Int32Array(pairs);
  const always = new Uint8Array(items.length);
  let p = 0;
  const copyDue = sliceDue(HOURS_BATCH);
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && copyDue(i)) yield;
    hourStart[i] = p;
    const hours = itemHours[i];
    if (!hours) continue;
    hourBounds.set(hours.bounds, 2 * p);
    hourRule.set(hours.ruleOfPair, p);
    p += hours.ruleOfPair.length;
    always[i] = hours.always ? 1 : 0;
  }
  hourStart[items.length] = p;
  return {
    hourStart,
    hourBounds,
    hourRule,
    ruleOffset: Float64Array.from(rules, (r) => r.utcOffsetHours ?? NaN),
    ruleFirstDay: Int32Array.from(rules, (r) => r.firstDay),
    ruleLastDay: Int32Array.from(rules, (r) => r.lastDay),
    ruleUndecided: Uint8Array.from(rules, (r) => (r.undecided ? 1 : 0)),
    always,
  };
}

/** Every column of a schedule: its hours depend on them all (a column added to ScheduleRule fails the check here). */
const SCHEDULE_COLUMNS = Object.keys({
  byday: true, opensAt: true, closesAt: true, timezone: true, freq: true, validFrom: true, validTo: true,
} satisfies Record<keyof ScheduleRule, true>) as (keyof ScheduleRule)[];

interface ValueNode<T> {
  next: Map<unknown, ValueNode<T>>;
  compiled?: { value: T };
}

/**
 * `compile`, called once for each distinct list of schedules: a directory gives many services the same
 * hours, and compiling them was the slowest part of a facet index (half a second at 100,000 services with
 * a schedule each). The lists are told apart by their values, a Map a column, so no key text is made and a
 * null is never taken for the text "null".
 */
function compiledOnce<T>(compile: (schedules: readonly ScheduleRule[]) => T): (schedules: readonly ScheduleRule[]) => T {
  const root: ValueNode<T> = { next: new Map() };
  return (schedules) => {
    let node = root;
    for (const s of schedules) {
      for (const column of SCHEDULE_COLUMNS) {
        let next = node.next.get(s[column]);
        if (next === undefined) node.next.set(s[column], (next = { next: new Map() }));
        node = next;
      }
    }
    node.compiled ??= { value: compile(schedules) };
    return node.compiled.value;
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
