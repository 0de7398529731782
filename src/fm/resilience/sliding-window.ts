/**
 * A count over the last `windowMs`, kept in `buckets` slices so memory stays
 * constant whatever the traffic. Resolution is one slice.
 */
export class SlidingCounter {
  private readonly sliceMs: number;
  private readonly counts: number[];
  private readonly starts: number[];

  constructor(readonly windowMs: number, buckets = 10) {
    this.sliceMs = Math.max(1, Math.ceil(windowMs / buckets));
    this.counts = new Array<number>(buckets).fill(0);
    this.starts = new Array<number>(buckets).fill(Number.NEGATIVE_INFINITY);
  }

  add(now: number, n = 1): void {
    const start = now - (now % this.sliceMs);
    const i = Math.floor(now / this.sliceMs) % this.counts.length;
    if (this.starts[i] !== start) {
      this.starts[i] = start;
      this.counts[i] = 0;
    }
    this.counts[i]! += n;
  }

  sum(now: number): number {
    let total = 0;
    for (let i = 0; i < this.counts.length; i++) {
      if (now - this.starts[i]! < this.windowMs) total += this.counts[i]!;
    }
    return total;
  }

  reset(): void {
    this.counts.fill(0);
    this.starts.fill(Number.NEGATIVE_INFINITY);
  }
}
