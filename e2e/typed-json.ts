/**
 * Typed arrays across the browser tests' binding, which carries answers as JSON text (harness.ts says
 * why): JSON alone turns a Float64Array into an object keyed by position, so the map's point columns
 * would arrive as plain objects. Each goes as its bytes in base64 and is made again on the page's side.
 * Only the test binding needs this: Electron's IPC copies typed arrays as they are.
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

/** JSON.parse's reviver, the replacer undone. */
export function typedArrayReviver(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, TAG)) return value;
  const { [TAG]: name, bytes } = value as { [TAG]: TypeName; bytes: string };
  const text = atob(bytes);
  const raw = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) raw[i] = text.charCodeAt(i);
  return new TYPES[name](raw.buffer);
}
