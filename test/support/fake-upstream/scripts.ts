import type { FakeBehaviour, FakeDialect, FakeScript } from './types.ts';

export const DEFAULT_BEHAVIOUR: FakeBehaviour = Object.freeze({
  reply: 'Hello from the fake upstream.',
  latencyMs: 0,
});

interface Queued {
  script: FakeScript;
  remaining: number;
}

/** Default behaviour plus a FIFO of one-shot scripts ("the next N requests"). */
export class ScriptBook {
  private defaults: FakeBehaviour = { ...DEFAULT_BEHAVIOUR };
  private queue: Queued[] = [];

  add(script: FakeScript): void {
    const { times, dialect: _dialect, ...behaviour } = script;
    if (times === undefined) {
      this.defaults = { ...this.defaults, ...behaviour };
      return;
    }
    if (times > 0) this.queue.push({ script, remaining: times });
  }

  /** The behaviour for the next request of this dialect; consumes one use of a queued script. */
  take(dialect: FakeDialect): FakeBehaviour {
    const index = this.queue.findIndex((q) => q.script.dialect === undefined || q.script.dialect === dialect);
    if (index < 0) return this.defaults;
    const entry = this.queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    const { times: _times, dialect: _dialect, ...behaviour } = entry.script;
    return { ...this.defaults, ...behaviour };
  }

  reset(): void {
    this.defaults = { ...DEFAULT_BEHAVIOUR };
    this.queue = [];
  }
}
