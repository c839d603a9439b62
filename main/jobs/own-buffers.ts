/** Below this a Buffer may be a slice of Node's shared pool, which must stay where it is: such small arrays are copied. */
const POOLED_BELOW = 65_536;

/**
 * The buffers behind the typed arrays among `value`'s fields (and its nested objects' fields), each once: a
 * message that lists them hands them to the other thread instead of copying them, and they are gone here.
 * Only for arrays nothing on this thread uses afterwards.
 */
export function ownBuffers(value: unknown): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const visit = (v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer && v.buffer.byteLength >= POOLED_BELOW) buffers.add(v.buffer);
    } else if (v && typeof v === 'object' && !Array.isArray(v)) Object.values(v).forEach(visit);
  };
  visit(value);
  return [...buffers];
}
