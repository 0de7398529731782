/**
 * Long polls waiting on a queue. A send committed in this process wakes them
 * at once; sends through other replicas are seen at the next poll
 * (sqs.pollIntervalMs), so waiting never needs more than a timer.
 */
export class Waiters {
  private readonly byQueue = new Map<string, Set<() => void>>();

  wake(queueId: string): void {
    const set = this.byQueue.get(queueId);
    if (!set) return;
    this.byQueue.delete(queueId);
    for (const resolve of set) resolve();
  }

  /** Resolves on a wake, after `ms`, or when `signal` aborts — whichever is first. */
  wait(queueId: string, ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.byQueue.get(queueId);
      if (!set) this.byQueue.set(queueId, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.byQueue.get(queueId)?.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }
}
