/** A scored slot; the unit every ranker returns. */
export interface Scored {
  slot: number;
  score: number;
}

/**
 * Keeps the k best (slot, score) pairs seen, in a binary min-heap, so ranking
 * N candidates costs O(N log k) instead of a full sort. Ties are broken by the
 * `before` order (the caller passes document-id order), which makes results
 * independent of insertion order.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private n = 0;

  constructor(
    private readonly k: number,
    private readonly before: (a: number, b: number) => boolean,
  ) {
    this.slots = new Int32Array(Math.max(k, 0));
    this.scores = new Float64Array(Math.max(k, 0));
  }

  push(slot: number, score: number): void {
    if (this.k <= 0) return;
    if (this.n < this.k) {
      this.slots[this.n] = slot;
      this.scores[this.n] = score;
      this.siftUp(this.n++);
    } else if (this.worse(0, slot, score)) {
      this.slots[0] = slot;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept pairs, best first. */
  sorted(): Scored[] {
    const out: Scored[] = [];
    for (let i = 0; i < this.n; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    return out.sort((a, b) => (b.score !== a.score ? b.score - a.score : this.before(a.slot, b.slot) ? -1 : 1));
  }

  /** Is the heap entry at i ranked below the candidate (slot, score)? */
  private worse(i: number, slot: number, score: number): boolean {
    const s = this.scores[i]!;
    return s < score || (s === score && this.before(slot, this.slots[i]!));
  }

  private less(i: number, j: number): boolean {
    return this.worse(i, this.slots[j]!, this.scores[j]!);
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.less(l, m)) m = l;
      if (r < this.n && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const s = this.slots[i]!;
    this.slots[i] = this.slots[j]!;
    this.slots[j] = s;
    const c = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = c;
  }
}
