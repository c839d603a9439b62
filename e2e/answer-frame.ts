/**
 * An answer across the browser tests' socket (atlas-socket.ts) as one binary message, as close as a
 * socket gets to Electron's IPC, which copies typed arrays as they are: JSON alone would turn the map's
 * columns into objects keyed by position, and base64 inside the JSON cost the harness's process and the
 * page a pass over every byte. The frame: the call's number and the JSON's length (two big-endian
 * uint32), the answer as UTF-8 JSON with each typed array replaced by a tag naming its type, its place
 * and its length, then the arrays' bytes, each starting at a multiple of 8 so the page can view them
 * where they lie.
 */
const TYPES = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array };
type TypeName = keyof typeof TYPES;
const TAG = '$typedArray';
const HEAD = 8;

interface Tag {
  [TAG]: TypeName;
  at: number;
  length: number;
}

const aligned = (bytes: number) => Math.ceil(bytes / 8) * 8;

const typeName = (value: unknown): TypeName | null => {
  if (!ArrayBuffer.isView(value)) return null;
  const name = value.constructor.name;
  return Object.hasOwn(TYPES, name) ? (name as TypeName) : null;
};

/** The frame for call `id`'s answer: run in the harness's process. */
export function encodeAnswer(id: number, answer: unknown): Uint8Array {
  const arrays: ArrayBufferView[] = [];
  let tail = 0;
  const json = JSON.stringify(answer, (_key, value: unknown) => {
    const name = typeName(value);
    if (!name) return value;
    const view = value as ArrayBufferView & { length: number };
    const tag: Tag = { [TAG]: name, at: tail, length: view.length };
    arrays.push(view);
    tail = aligned(tail + view.byteLength);
    return tag;
  });
  const text = new TextEncoder().encode(json);
  const start = aligned(HEAD + text.length);
  const frame = new Uint8Array(start + tail);
  const head = new DataView(frame.buffer);
  head.setUint32(0, id);
  head.setUint32(4, text.length);
  frame.set(text, HEAD);
  let at = start;
  for (const view of arrays) {
    frame.set(new Uint8Array(view.buffer, view.byteOffset, view.byteLength), at);
    at = aligned(at + view.byteLength);
  }
  return frame;
}

/**
 * The call's number and its answer from a frame: run in the page. Each typed array is a view into the
 * frame's own buffer, not a copy. The JSON is walked only when it holds a tag.
 */
export function decodeAnswer(frame: ArrayBuffer): { id: number; answer: unknown } {
  const head = new DataView(frame);
  const length = head.getUint32(4);
  const json = new TextDecoder().decode(new Uint8Array(frame, HEAD, length));
  const start = aligned(HEAD + length);
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (Object.hasOwn(value, TAG)) {
      const tag = value as Tag;
      return new TYPES[tag[TAG]](frame, start + tag.at, tag.length);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = revive(record[key]);
    return value;
  };
  const parsed = JSON.parse(json) as unknown;
  return { id: head.getUint32(0), answer: json.includes(`"${TAG}"`) ? revive(parsed) : parsed };
}
