/**
 * Maps external document ids to dense integer slots shared by the lexical and
 * vector indexes, so both can keep per-document data in typed arrays. Freed
 * slots are reused, so a store that re-ingests forever does not grow the arrays.
 */
export class SlotTable {
  private readonly byId = new Map<string, number>();
  private readonly ids: (string | undefined)[] = [];
  private readonly free: number[] = [];

  get size(): number {
    return this.byId.size;
  }

  /** One past the highest slot ever used: the length per-slot arrays need. */
  get capacity(): number {
    return this.ids.length;
  }

  slotOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  idOf(slot: number): string | undefined {
    return this.ids[slot];
  }

  allocate(id: string): number {
    if (this.byId.has(id)) throw new Error(`slot already allocated for ${id}`);
    // Lowest free slot first keeps the arrays dense and the order deterministic.
    const slot = this.free.length > 0 ? this.popLowestFree() : this.ids.length;
    this.ids[slot] = id;
    this.byId.set(id, slot);
    return slot;
  }

  release(id: string): number | undefined {
    const slot = this.byId.get(id);
    if (slot === undefined) return undefined;
    this.byId.delete(id);
    this.ids[slot] = undefined;
    this.free.push(slot);
    return slot;
  }

  /** Live slots in ascending order. */
  *liveSlots(): IterableIterator<number> {
    for (let s = 0; s < this.ids.length; s++) if (this.ids[s] !== undefined) yield s;
  }

  private popLowestFree(): number {
    let best = 0;
    for (let i = 1; i < this.free.length; i++) if (this.free[i]! < this.free[best]!) best = i;
    const slot = this.free[best]!;
    this.free[best] = this.free[this.free.length - 1]!;
    this.free.pop();
    return slot;
  }
}
