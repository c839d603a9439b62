import { describe, expect, it } from 'vitest';
import { listBytesSteps } from './list-bytes';

/** The steps run through: how many times they yielded, and the bytes. */
function run(list: readonly string[], slice: number): { steps: number; bytes: Buffer } {
  const steps = listBytesSteps(list, '\u001f', slice);
  let yields = 0;
  for (let next = steps.next(); ; next = steps.next(), yields++) if (next.done) return { steps: yields, bytes: next.value };
}

describe('a list of strings stored as bytes', () => {
  const ids = Array.from({ length: 23 }, (_, i) => `svc-${i}-é`);

  it.each([0, 1, 4, 5, 6, 23])('is the whole list joined at once, whatever its length (%i)', (n) => {
    expect(run(ids.slice(0, n), 5).bytes.toString('utf8')).toBe(ids.slice(0, n).join('\u001f'));
  });

  it('is made a slice a step, so the thread can answer between them', () => {
    expect(run(ids, 5).steps).toBe(4);
    expect(run(ids.slice(0, 5), 5).steps).toBe(0);
  });

  it('keeps an empty string as an item of its own', () => {
    const list = ['a', '', 'b', '', '', 'c'];
    expect(run(list, 2).bytes.toString('utf8').split('\u001f')).toEqual(list);
  });
});
