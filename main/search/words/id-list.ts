import { grow } from './grow';

/**
 * A list of term ids kept in an Int32Array and emptied by moving its end. The word scan fills one per
 * text, 200,000 texts at 100,000 services: a JS array emptied with `length = 0` lets go of its storage,
 * so refilling it made garbage of every text (a young collection every 10 ms on the worker).
 */
export class IdList {
  ids = new Int32Array(1024);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) this.ids = grow(this.ids, this.length * 2, 0);
    this.ids[this.length++] = id;
  }

  /** The ids in the list, sharing its storage (valid until the next push). */
  view(): Int32Array {
    return this.ids.subarray(0, this.length);
  }
}
