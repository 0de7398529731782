import type { FakeBehaviour, FakeDialect, FakeScript } from './types.ts';

export const DEFAULT_BEHAVIOUR: FakeBehaviour = Object.freeze({
  reply: 'Hello from the fake upstream.',
  latencyMs: 0,
});

interface Queued {
  behaviour: Partial<FakeBehaviour>;
  dialect: FakeDialect | undefined;
  remaining: number;
}

/** A script's behaviour fields; `toolCalls` without `reply` means the calls alone, not the default text before them. */
function behaviourOf(script: FakeScript): Partial<FakeBehaviour> {
  const { times: _times, dialect: _dialect, ...behaviour } = script;
  if (behaviour.toolCalls?.length && !('reply' in behaviour)) behaviour.reply = '';
  return behaviour;
}

/** Default behaviour plus a FIFO of one-shot scripts ("the next N requests"). */
export class ScriptBook {
  private defaults: FakeBehaviour;
  private queue: Queued[] = [];

  constructor(private readonly base: FakeBehaviour = DEFAULT_BEHAVIOUR) {
    this.defaults = { ...base };
  }

  add(script: FakeScript): void {
    const behaviour = behaviourOf(script);
    if (script.times === undefined) {
      this.defaults = { ...this.defaults, ...behaviour };
      return;
    }
    if (script.times > 0) this.queue.push({ behaviour, dialect: script.dialect, remaining: script.times });
  }

  /** The behaviour for the next request of this dialect; consumes one use of a queued script. */
  take(dialect: FakeDialect): FakeBehaviour {
    if (this.queue.length === 0) return this.defaults;
    const index = this.queue.findIndex((q) => q.dialect === undefined || q.dialect === dialect);
    if (index < 0) return this.defaults;
    const entry = this.queue[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue.splice(index, 1);
    return { ...this.defaults, ...entry.behaviour };
  }

  reset(): void {
    this.defaults = { ...this.base };
    this.queue = [];
  }
}
