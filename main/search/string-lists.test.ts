import { describe, expect, it } from 'vitest';
import { LIST_SEP, listBytesSteps, listOfTextSteps } from './string-lists';

/** Steps run through: how many times they yielded, and what they made. */
function run<T>(steps: Generator<void, T, void>): { yields: number; value: T } {
  let yields = 0;
  for (let next = steps.next(); ; next = steps.next(), yields++) if (next.done) return { yields, value: next.value };
}

describe('a list of strings kept as one text', () => {
  const ids = Array.from({ length: 23 }, (_, i) => `svc-${i}-é`);

  it.each([0, 1, 4, 5, 6, 23])('is stored as the bytes of the whole list joined at once, whatever its length (%i)', (n) => {
    expect(run(listBytesSteps(ids.slice(0, n), 5)).value.toString('utf8')).toBe(ids.slice(0, n).join(LIST_SEP));
  });

  it.each([0, 1, 4, 5, 6, 23])('is read back as the whole text split at once, whatever its length (%i)', (n) => {
    const text = ids.slice(0, n).join(LIST_SEP);
    expect(run(listOfTextSteps(text, 5)).value).toEqual(n === 0 ? [] : text.split(LIST_SEP));
  });

  it('is made and read a slice a step, so the thread can answer between them', () => {
    expect(run(listBytesSteps(ids, 5)).yields).toBe(4);
    expect(run(listBytesSteps(ids.slice(0, 5), 5)).yields).toBe(0);
    expect(run(listOfTextSteps(ids.join(LIST_SEP), 5)).yields).toBe(4);
  });

  it('keeps an empty string as an item of its own, first, last or between', () => {
    const list = ['', 'a', '', 'b', '', '', 'c', ''];
    const bytes = run(listBytesSteps(list, 2)).value;
    expect(run(listOfTextSteps(bytes.toString('utf8'), 3)).value).toEqual(list);
  });
});
