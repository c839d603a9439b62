import { describe, expect, it } from 'vitest';
import { nextSlots } from './card-slots';

const slots = (ids: string[], previous = new Map<string, number>(), keep: string | null = null) => nextSlots(previous, ids, keep);
const unique = (m: Map<string, number>) => new Set(m.values()).size === m.size;

describe('card slots', () => {
  it('keeps a service that stays in the answer in its slot, wherever it moves', () => {
    const first = slots(['a', 'b', 'c']);
    expect([...first.values()]).toEqual([0, 1, 2]);
    const next = slots(['c', 'a', 'b'], first);
    expect(next.get('a')).toBe(0);
    expect(next.get('c')).toBe(2);
  });

  it('gives a new service the slot of one that left, the first left to the first new', () => {
    const first = slots(['a', 'b', 'c', 'd']);
    const next = slots(['x', 'b', 'y', 'd', 'z'], first);
    expect(Object.fromEntries(next)).toEqual({ x: 0, b: 1, y: 2, d: 3, z: 4 });
    expect(unique(next)).toBe(true);
  });

  it('never gives two cards of one list the same slot, over many answers', () => {
    let previous = new Map<string, number>();
    for (let answer = 0; answer < 200; answer++) {
      const ids = Array.from({ length: 10 + ((answer * 7) % 60) }, (_, i) => `s${(answer * 13 + i * (answer % 5 + 1)) % 150}`);
      const next = slots([...new Set(ids)], previous);
      expect(unique(next)).toBe(true);
      expect(next.size).toBe(new Set(ids).size);
      previous = next;
    }
    // Slots are reused, not counted up for ever: never more than the longest list and the one kept.
    expect(Math.max(...previous.values())).toBeLessThan(80);
  });

  it('does not give the focused card to another service', () => {
    const first = slots(['a', 'b']);
    const next = slots(['x', 'y'], first, 'a');
    expect(next.get('x')).not.toBe(first.get('a'));
    expect(next.get('y')).not.toBe(first.get('a'));
    expect(unique(next)).toBe(true);
  });
});
