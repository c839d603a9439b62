import { describe, expect, it } from 'vitest';
import { decodeAnswer, encodeAnswer } from './answer-frame';

/** A frame as the page's socket receives it: a buffer of its own, starting at 0. */
const received = (frame: Uint8Array) => frame.slice().buffer;

describe("an answer across the browser tests' socket", () => {
  it('comes back with its number, its typed arrays of their type and every value, however they sat in their buffer', () => {
    const shared = new Float64Array([1, 34.123457, -118.345679, 0.1 + 0.2]);
    const answer = {
      ok: true,
      value: {
        set: 'k',
        odd: new Uint8Array([1, 0, 255]),
        lat: shared.subarray(1, 3),
        service: new Int32Array([0, 7, 2 ** 31 - 1, -5]),
        plain: [1, 2],
        name: 'Centro de Ayuda — niños',
      },
    };
    const { id, answer: back } = decodeAnswer(received(encodeAnswer(4_000_000_001, answer))) as { id: number; answer: typeof answer };
    expect(id).toBe(4_000_000_001);
    expect(back.value.lat).toBeInstanceOf(Float64Array);
    expect([...back.value.lat]).toEqual([34.123457, -118.345679]);
    expect(back.value.service).toEqual(new Int32Array([0, 7, 2 ** 31 - 1, -5]));
    expect(back.value.odd).toEqual(new Uint8Array([1, 0, 255]));
    expect(back.value.plain).toEqual([1, 2]);
    expect(back.value.name).toBe('Centro de Ayuda — niños');
  });

  it('carries a byte range as the whole answer, and an answer with no typed array as it is', () => {
    const range = new Uint8Array(100_003).map((_, i) => i % 251);
    const back = decodeAnswer(received(encodeAnswer(2, { ok: true, value: range }))).answer as { value: Uint8Array };
    expect(back.value).toEqual(range);
    expect(decodeAnswer(received(encodeAnswer(3, { ok: false, error: 'Nope: "$typedArray"' })))).toEqual({ id: 3, answer: { ok: false, error: 'Nope: "$typedArray"' } });
    expect(decodeAnswer(received(encodeAnswer(5, { ok: true, value: [{ a: 1 }, null] })))).toEqual({ id: 5, answer: { ok: true, value: [{ a: 1 }, null] } });
  });
});
