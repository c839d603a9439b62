import { describe, expect, it } from 'vitest';
import { LentArrays } from './lent-arrays';

describe('lent arrays', () => {
  it('lends the same memory under a name again, grows it when asked for more, and keeps names apart', () => {
    const lent = new LentArrays();
    const first = lent.borrow('cells', Int32Array, 1_000);
    first.fill(7);
    const again = lent.borrow('cells', Int32Array, 500);
    expect(again).toHaveLength(500);
    expect(again.buffer).toBe(first.buffer);
    // As the last borrower left it: whoever borrows writes before reading.
    expect(again[499]).toBe(7);

    const other = lent.borrow('order', Int32Array, 500);
    expect(other.buffer).not.toBe(first.buffer);

    const larger = lent.borrow('cells', Int32Array, 1_200);
    expect(larger).toHaveLength(1_200);
    expect(larger.buffer).not.toBe(first.buffer);
    // Grown by half at least, so a slightly larger request next time makes none.
    expect(lent.borrow('cells', Int32Array, 1_500).buffer).toBe(larger.buffer);
  });
});
