/** A copy of a typed array at a new length, the new places set to `fill`. */
export function grow<T extends Int32Array | Uint32Array | Uint16Array>(a: T, length: number, fill: number): T {
  const bigger = new (a.constructor as new (n: number) => T)(length);
  bigger.set(a);
  if (fill !== 0) bigger.fill(fill, a.length);
  return bigger;
}
