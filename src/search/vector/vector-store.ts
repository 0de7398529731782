import { TopK, type Scored } from '../rank/top-k.ts';

/**
 * Unit vectors in one Float32Array, one row per slot, and exact cosine top-k by
 * brute force — at 10 000 × ~700 dimensions a scan is a few milliseconds, with
 * no approximate index to tune or to drift out of date.
 */
export class VectorStore {
  private data: Float32Array;
  private present = new Uint8Array(0);

  constructor(readonly dimensions: number) {
    this.data = new Float32Array(0);
  }

  /** Store `vector` (normalised here) at `slot`. A zero vector (a text with no known features) is not searchable. */
  set(slot: number, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) throw new RangeError(`expected ${this.dimensions} dimensions, got ${vector.length}`);
    this.ensure(slot + 1);
    let norm = 0;
    for (let i = 0; i < vector.length; i++) norm += vector[i]! * vector[i]!;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    const o = slot * this.dimensions;
    for (let i = 0; i < vector.length; i++) this.data[o + i] = vector[i]! * inv;
    this.present[slot] = norm > 0 ? 1 : 0;
  }

  delete(slot: number): void {
    if (slot < this.present.length) this.present[slot] = 0;
  }

  has(slot: number): boolean {
    return this.present[slot] === 1;
  }

  /**
   * The k stored vectors most cosine-similar to `query` among slots with
   * `allowed[slot] !== 0` (all when `allowed` is undefined). An all-zero query
   * matches nothing.
   */
  search(query: ArrayLike<number>, k: number, before: (a: number, b: number) => boolean, allowed?: Uint8Array): Scored[] {
    const d = this.dimensions;
    const q = new Float32Array(d);
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (query[i] ?? 0) * (query[i] ?? 0);
    if (norm === 0) return [];
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < d; i++) q[i] = (query[i] ?? 0) * inv;
    const heap = new TopK(k, before);
    const data = this.data;
    for (let slot = 0; slot < this.present.length; slot++) {
      if (this.present[slot] === 0 || (allowed !== undefined && allowed[slot] === 0)) continue;
      heap.push(slot, dot(q, data, slot * d, d));
    }
    return heap.sorted();
  }

  private ensure(slots: number): void {
    if (slots <= this.present.length) return;
    let cap = Math.max(16, this.present.length);
    while (cap < slots) cap *= 2;
    const data = new Float32Array(cap * this.dimensions);
    data.set(this.data);
    const present = new Uint8Array(cap);
    present.set(this.present);
    this.data = data;
    this.present = present;
  }
}

/** q · data[o…o+d), four accumulators so the loop is not one long dependency chain. */
function dot(q: Float32Array, data: Float32Array, o: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < d; i += 4) {
    s0 += q[i]! * data[o + i]!;
    s1 += q[i + 1]! * data[o + i + 1]!;
    s2 += q[i + 2]! * data[o + i + 2]!;
    s3 += q[i + 3]! * data[o + i + 3]!;
  }
  for (; i < d; i++) s0 += q[i]! * data[o + i]!;
  return s0 + s1 + s2 + s3;
}
