type WorkArray = Float64Array | Int32Array | Int8Array | Uint8Array;
type WorkArrayType<T extends WorkArray> = new (length: number) => T;

const byOwner = new WeakMap<object, Map<string, WorkArray>>();

/**
 * A typed array of `length` set to `fill`, kept with its owner (an index) and handed to the next search
 * again under the same name. At 100,000 services a search's arrays of one slot per service came to
 * 2.5-3.5 MB, and allocating them fresh cost some 2 ms of a 6-10 ms search: more than filling them.
 * Searches run one at a time, so one set per index is enough; what a search returns must not hold on to
 * them, as the next search overwrites them.
 */
export function workArray<T extends WorkArray>(owner: object, name: string, type: WorkArrayType<T>, length: number, fill: number): T {
  let arrays = byOwner.get(owner);
  if (!arrays) byOwner.set(owner, (arrays = new Map()));
  let kept = arrays.get(name) as T | undefined;
  if (!kept || kept.length < length || !(kept instanceof type)) arrays.set(name, (kept = new type(length)));
  const out = kept.subarray(0, length) as T;
  out.fill(fill);
  return out;
}
