/**
 * Typed arrays across the browser tests' socket, which carries answers as JSON text (atlas-socket.ts):
 * JSON alone turns a Float64Array into an object keyed by position, so the map's point columns would
 * arrive as plain objects. Each goes as its bytes in base64 and is made again on the page's side. Only
 * the test socket needs this: Electron's IPC copies typed arrays as they are.
 */
const TYPES = { Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array };
type TypeName = keyof typeof TYPES;
const TAG = '$typedArray';

const typeName = (value: unknown): TypeName | null => {
  if (!ArrayBuffer.isView(value)) return null;
  const name = value.constructor.name;
  return Object.hasOwn(TYPES, name) ? (name as TypeName) : null;
};

/** JSON.stringify's replacer: a typed array becomes {$typedArray: its type, bytes: base64}. */
export function typedArrayReplacer(_key: string, value: unknown): unknown {
  const name = typeName(value);
  if (!name) return value;
  const view = value as ArrayBufferView;
  return { [TAG]: name, bytes: Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64') };
}

/** Bytes from base64: Chromium's own decoder where it has one (140 and later), else atob. */
function fromBase64(text: string): Uint8Array {
  const native = (Uint8Array as unknown as { fromBase64?: (s: string) => Uint8Array }).fromBase64;
  if (native) return native(text);
  const binary = atob(text);
  const raw = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) raw[i] = binary.charCodeAt(i);
  return raw;
}

/**
 * JSON text from the replacer, parsed with its typed arrays made again. A walk after a plain parse, and
 * only when the text holds one: a reviver is called for every value and cost more than the decoding.
 */
export function parseWithTypedArrays(text: string): unknown {
  const value = JSON.parse(text) as unknown;
  return text.includes(`"${TAG}"`) ? revive(value) : value;
}

function revive(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Object.hasOwn(value, TAG)) {
    const { [TAG]: name, bytes } = value as { [TAG]: TypeName; bytes: string };
    const raw = fromBase64(bytes);
    return new TYPES[name](raw.buffer as ArrayBuffer, raw.byteOffset, raw.byteLength / TYPES[name].BYTES_PER_ELEMENT);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = revive(record[key]);
  return value;
}
