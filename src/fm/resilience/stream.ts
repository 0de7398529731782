import type { Outcome, Piece } from '../exchange/types.ts';
import { StreamInterruptedError } from './errors.ts';

/** What flows through the pipeline: pieces of the answer, then one `done`. */
export type StreamEvent = Piece;
export type DoneEvent = Extract<Piece, { type: 'done' }>;

/**
 * An upstream answer that has started: by the time a middleware receives one,
 * its first event has already arrived, so everything before that point can be
 * retried or rerouted and nothing after it can. `return()` always reaches the
 * source, even when the stream was never iterated.
 */
export interface EventStream extends AsyncIterableIterator<StreamEvent> {
  next(): Promise<IteratorResult<StreamEvent, undefined>>;
  return(): Promise<IteratorResult<StreamEvent, undefined>>;
}

export type StreamEnd =
  | { kind: 'done'; event: DoneEvent }
  | { kind: 'error'; error: unknown }
  | { kind: 'cancelled' };

export interface StreamHooks {
  /** Wraps each pull from the source (timers, timing, error translation). */
  pull?(next: () => Promise<IteratorResult<StreamEvent, unknown>>): Promise<IteratorResult<StreamEvent, unknown>>;
  /** Sees every event before the consumer does. */
  onEvent?(event: StreamEvent): void | Promise<void>;
  /** Runs exactly once: after `done` is seen (before it is handed on), on error, or on cancel. */
  onEnd?(end: StreamEnd): void | Promise<void>;
}

const FINISHED: IteratorResult<StreamEvent, undefined> = { done: true, value: undefined };

/**
 * Wraps `source` with hooks. A source that finishes without a `done` event
 * fails with FM_STREAM_INTERRUPTED — a broken stream never ends cleanly.
 */
export function tap(source: AsyncIterator<StreamEvent, unknown>, hooks: StreamHooks = {}): EventStream {
  let ended = false;
  let pulling = false;
  const { pull, onEvent, onEnd } = hooks;
  const pullSource = () => source.next();
  // Hooks are mostly synchronous: await only what returns a promise (each await is a turn of the microtask queue, per layer, per piece).
  const end = (how: StreamEnd): void | Promise<void> => {
    ended = true;
    return onEnd?.(how);
  };
  const closeSource = async (): Promise<void> => {
    // A tap below that has already ended has nothing left to close.
    if ((source as { readonly finished?: boolean }).finished === true) return;
    try {
      await source.return?.();
    } catch {
      // The source is already failing or finished; its cleanup error changes nothing.
    }
  };
  // After a failed pull the source may still be busy (a provider deaf to its
  // signal): ask it to close, but never wait for it.
  const abandonSource = (): void => {
    Promise.resolve()
      .then(() => source.return?.())
      .catch(() => undefined);
  };
  const stream: EventStream & { readonly finished: boolean } = {
    get finished() {
      return ended;
    },
    async next() {
      if (ended) return FINISHED;
      let result: IteratorResult<StreamEvent, unknown>;
      try {
        pulling = true;
        result = pull ? await pull(pullSource) : await source.next();
        pulling = false;
        if (result.done) throw new StreamInterruptedError('The model stream ended without a final event');
        if (onEvent) {
          const seen = onEvent(result.value);
          if (seen) await seen;
        }
      } catch (error) {
        pulling = false;
        if (!ended) {
          abandonSource();
          const ending = end({ kind: 'error', error });
          if (ending) await ending;
        }
        throw error;
      }
      if (result.value.type === 'done') {
        await closeSource();
        const ending = end({ kind: 'done', event: result.value });
        if (ending) await ending;
      }
      return { done: false, value: result.value };
    },
    async return() {
      if (!ended) {
        // Called while a pull is pending (a consumer cancelling from another
        // task): the source is busy, so do not wait for it to close.
        if (pulling) abandonSource();
        else await closeSource();
        const ending = end({ kind: 'cancelled' });
        if (ending) await ending;
      }
      return FINISHED;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}

/** A source that yields an already-received first result, then continues with `rest`. */
export function prepend(first: StreamEvent, rest: AsyncIterator<StreamEvent, unknown>): AsyncIterator<StreamEvent, unknown> {
  let delivered = false;
  return {
    next: () => {
      if (delivered) return rest.next();
      delivered = true;
      return Promise.resolve({ done: false, value: first });
    },
    return: async () => (rest.return ? rest.return() : { done: true, value: undefined }),
  };
}

/** An EventStream over events that are all known already (a complete() answer, a cache hit). */
export function fromEvents(events: readonly StreamEvent[]): EventStream {
  let index = 0;
  return tap({
    next: async () => (index < events.length ? { done: false, value: events[index++]! } : { done: true, value: undefined }),
  });
}

/** Reads a stream to its end, collecting the data and the outcome. */
export async function drain(stream: EventStream): Promise<{ text: string; outcome: Outcome }> {
  let text = '';
  for await (const event of stream) {
    if (event.type === 'data') text += event.data;
    else return { text, outcome: event.outcome };
  }
  throw new StreamInterruptedError('The model stream ended without a final event');
}
