import { describe, expect, it } from 'vitest';
import { parseWithTypedArrays, typedArrayReplacer } from './typed-json';

describe('typed arrays across the test socket', () => {
  it('come back with their type and every value, however they sit in their buffer', () => {
    const shared = new Float64Array([1, 34.123457, -118.345679, 0.1 + 0.2]);
    const answer = {
      ok: true,
      value: { set: 'k', lat: shared.subarray(1, 3), service: new Int32Array([0, 7, 2 ** 31 - 1]), approximate: new Uint8Array([1, 0, 255]), plain: [1, 2] },
    };
    const back = parseWithTypedArrays(JSON.stringify(answer, typedArrayReplacer)) as typeof answer;
    expect(back.value.lat).toBeInstanceOf(Float64Array);
    expect([...back.value.lat]).toEqual([34.123457, -118.345679]);
    expect(back.value.service).toEqual(new Int32Array([0, 7, 2 ** 31 - 1]));
    expect(back.value.approximate).toEqual(new Uint8Array([1, 0, 255]));
    expect(back.value.plain).toEqual([1, 2]);
    expect(parseWithTypedArrays(JSON.stringify({ ok: true, value: [{ a: 1 }] }, typedArrayReplacer))).toEqual({ ok: true, value: [{ a: 1 }] });
  });
});
