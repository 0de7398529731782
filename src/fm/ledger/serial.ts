/**
 * Runs async work one piece at a time, in call order: the leased ledger's
 * syncs (and the reads that must not see one half done) never overlap.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
