/**
 * The k smallest items under a comparator, kept in a bounded max-heap: a page of 50 out of 100,000
 * results without sorting all 100,000.
 */
export class TopK {
  private heap: number[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  add(item: number): void {
    const h = this.heap;
    if (h.length < this.k) {
      h.push(item);
      this.up(h.length - 1);
    } else if (this.k > 0 && this.compare(item, h[0]!) < 0) {
      h[0] = item;
      this.down(0);
    }
  }

  sorted(): number[] {
    return [...this.heap].sort(this.compare);
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(h[i]!, h[parent]!) <= 0) return;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < h.length && this.compare(h[l]!, h[largest]!) > 0) largest = l;
      if (r < h.length && this.compare(h[r]!, h[largest]!) > 0) largest = r;
      if (largest === i) return;
      [h[i], h[largest]] = [h[largest]!, h[i]!];
      i = largest;
    }
  }
}
