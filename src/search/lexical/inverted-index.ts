/**
 * Compact in-memory postings: per term, a growable Int32Array of slots and a
 * Uint16Array of term frequencies interleaved by field; per slot, a forward
 * list (term ids + per-field tf) used to delete eagerly and to read feedback
 * documents for RM3. Deletion swaps the slot's posting with the last one, so
 * there are no tombstones to skip at query time and no compaction to schedule.
 */
export interface PostingsView {
  slots: Int32Array;
  /** tf[i * fieldCount + f] */
  tf: Uint16Array;
  length: number;
}

export interface ForwardView {
  termIds: Int32Array;
  /** tf[i * fieldCount + f] */
  tf: Uint16Array;
}

const TF_MAX = 0xffff;

export class InvertedIndex {
  private readonly ids = new Map<string, number>();
  private readonly termText: string[] = [];
  private readonly postSlots: Int32Array[] = [];
  private readonly postTf: Uint16Array[] = [];
  private postLen = new Int32Array(1024);
  private fieldDf = new Int32Array(1024);
  private readonly fwd: (ForwardView | undefined)[] = [];
  private lengths = new Float64Array(1024);
  private readonly lengthSum: Float64Array;
  private docs = 0;

  constructor(readonly fieldCount: number) {
    this.lengthSum = new Float64Array(fieldCount);
  }

  get docCount(): number {
    return this.docs;
  }

  get vocabularySize(): number {
    return this.termText.length;
  }

  /** Index one document's analysed fields (`fields[f]` = the terms of field f) at `slot`. */
  add(slot: number, fields: readonly (readonly string[])[]): void {
    if (this.fwd[slot] !== undefined) throw new Error(`slot ${slot} is already indexed`);
    const F = this.fieldCount;
    const counts = new Map<number, Uint16Array>();
    this.ensureSlots(slot + 1);
    for (let f = 0; f < F; f++) {
      const terms = fields[f] ?? [];
      this.lengths[slot * F + f] = terms.length;
      this.lengthSum[f]! += terms.length;
      for (const term of terms) {
        const id = this.intern(term);
        let tf = counts.get(id);
        if (tf === undefined) counts.set(id, (tf = new Uint16Array(F)));
        if (tf[f]! < TF_MAX) tf[f]!++;
      }
    }
    const termIds = new Int32Array(counts.size);
    const tfs = new Uint16Array(counts.size * F);
    let i = 0;
    for (const [id, tf] of counts) {
      termIds[i] = id;
      tfs.set(tf, i * F);
      this.appendPosting(id, slot, tf);
      i++;
    }
    this.fwd[slot] = { termIds, tf: tfs };
    this.docs++;
  }

  remove(slot: number): void {
    const doc = this.fwd[slot];
    if (doc === undefined) return;
    const F = this.fieldCount;
    for (let i = 0; i < doc.termIds.length; i++) this.removePosting(doc.termIds[i]!, slot, doc.tf.subarray(i * F, i * F + F));
    for (let f = 0; f < F; f++) {
      this.lengthSum[f]! -= this.lengths[slot * F + f]!;
      this.lengths[slot * F + f] = 0;
    }
    this.fwd[slot] = undefined;
    this.docs--;
  }

  termId(term: string): number | undefined {
    return this.ids.get(term);
  }

  term(termId: number): string {
    return this.termText[termId]!;
  }

  /** Live documents containing the term in any field. */
  df(termId: number): number {
    return this.postLen[termId]!;
  }

  dfInField(termId: number, field: number): number {
    return this.fieldDf[termId * this.fieldCount + field]!;
  }

  postings(termId: number): PostingsView {
    return { slots: this.postSlots[termId]!, tf: this.postTf[termId]!, length: this.postLen[termId]! };
  }

  forward(slot: number): ForwardView | undefined {
    return this.fwd[slot];
  }

  fieldLength(slot: number, field: number): number {
    return this.lengths[slot * this.fieldCount + field]!;
  }

  averageFieldLength(field: number): number {
    return this.docs === 0 ? 0 : this.lengthSum[field]! / this.docs;
  }

  private intern(term: string): number {
    let id = this.ids.get(term);
    if (id !== undefined) return id;
    id = this.termText.length;
    this.ids.set(term, id);
    this.termText.push(term);
    this.postSlots.push(new Int32Array(4));
    this.postTf.push(new Uint16Array(4 * this.fieldCount));
    if (id >= this.postLen.length) {
      this.postLen = grow(this.postLen, id + 1);
      this.fieldDf = grow(this.fieldDf, (id + 1) * this.fieldCount);
    }
    return id;
  }

  private appendPosting(id: number, slot: number, tf: Uint16Array): void {
    const F = this.fieldCount;
    const n = this.postLen[id]!;
    if (n === this.postSlots[id]!.length) {
      this.postSlots[id] = grow(this.postSlots[id]!, n + 1);
      this.postTf[id] = grow(this.postTf[id]!, (n + 1) * F);
    }
    this.postSlots[id]![n] = slot;
    this.postTf[id]!.set(tf, n * F);
    this.postLen[id] = n + 1;
    for (let f = 0; f < F; f++) if (tf[f]! > 0) this.fieldDf[id * F + f]!++;
  }

  private removePosting(id: number, slot: number, tf: Uint16Array): void {
    const F = this.fieldCount;
    const slots = this.postSlots[id]!;
    const postTf = this.postTf[id]!;
    const last = this.postLen[id]! - 1;
    const at = slots.subarray(0, last + 1).indexOf(slot);
    if (at < 0) return;
    slots[at] = slots[last]!;
    postTf.copyWithin(at * F, last * F, last * F + F);
    this.postLen[id] = last;
    for (let f = 0; f < F; f++) if (tf[f]! > 0) this.fieldDf[id * F + f]!--;
  }

  private ensureSlots(n: number): void {
    if (n * this.fieldCount > this.lengths.length) this.lengths = grow(this.lengths, n * this.fieldCount);
  }
}

function grow<T extends Int32Array | Uint16Array | Float64Array>(a: T, min: number): T {
  let size = Math.max(a.length, 4);
  while (size < min) size *= 2;
  if (size === a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(size);
  b.set(a);
  return b;
}
