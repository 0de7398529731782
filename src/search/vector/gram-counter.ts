/**
 * Counts 32-bit gram hashes of one text in a reusable open-addressing table,
 * so hashing a corpus allocates nothing per document (a Map per document was
 * most of the garbage-collection time of a bulk build).
 */
export class GramCounter {
  private keys = new Uint32Array(1 << 13);
  private counts = new Uint32Array(1 << 13);
  private used = new Int32Array(1 << 12);
  private n = 0;

  /** Distinct hashes counted since the last clear. */
  get size(): number {
    return this.n;
  }

  add(hash: number): void {
    const key = hash >>> 0 || 1; // 0 marks an empty cell
    if (this.n * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let i = key & mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === key) {
        this.counts[i]!++;
        return;
      }
      if (k === 0) {
        this.keys[i] = key;
        this.counts[i] = 1;
        this.used[this.n++] = i;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  /** Visit each distinct hash with its count. */
  forEach(visit: (hash: number, count: number) => void): void {
    for (let j = 0; j < this.n; j++) {
      const i = this.used[j]!;
      visit(this.keys[i]!, this.counts[i]!);
    }
  }

  clear(): void {
    for (let j = 0; j < this.n; j++) this.keys[this.used[j]!] = 0;
    this.n = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldCounts = this.counts;
    const oldUsed = this.used.subarray(0, this.n);
    const size = oldKeys.length * 2;
    this.keys = new Uint32Array(size);
    this.counts = new Uint32Array(size);
    const used = new Int32Array(size / 2);
    const mask = size - 1;
    let n = 0;
    for (const at of oldUsed) {
      let i = oldKeys[at]! & mask;
      while (this.keys[i] !== 0) i = (i + 1) & mask;
      this.keys[i] = oldKeys[at]!;
      this.counts[i] = oldCounts[at]!;
      used[n++] = i;
    }
    this.used = used;
    this.n = n;
  }
}
