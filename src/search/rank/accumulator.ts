import { TopK, type Scored } from './top-k.ts';

/**
 * Term-at-a-time score accumulator: a dense Float64Array indexed by slot plus
 * the list of touched slots, so a query costs its postings, not the corpus.
 * One per index, reused between queries (scoring never awaits, so queries
 * cannot interleave on it).
 */
export class Accumulator {
  private scores = new Float64Array(0);
  private seen = new Uint8Array(0);
  private touched = new Int32Array(0);
  private count = 0;

  reset(capacity: number): void {
    for (let i = 0; i < this.count; i++) {
      const s = this.touched[i]!;
      this.scores[s] = 0;
      this.seen[s] = 0;
    }
    this.count = 0;
    if (capacity > this.scores.length) {
      this.scores = new Float64Array(capacity);
      this.seen = new Uint8Array(capacity);
      this.touched = new Int32Array(capacity);
    }
  }

  add(slot: number, value: number): void {
    if (this.seen[slot] === 0) {
      this.seen[slot] = 1;
      this.touched[this.count++] = slot;
    }
    this.scores[slot]! += value;
  }

  get size(): number {
    return this.count;
  }

  score(slot: number): number {
    return this.scores[slot]!;
  }

  top(k: number, before: (a: number, b: number) => boolean): Scored[] {
    const heap = new TopK(k, before);
    for (let i = 0; i < this.count; i++) {
      const s = this.touched[i]!;
      heap.push(s, this.scores[s]!);
    }
    return heap.sorted();
  }
}
