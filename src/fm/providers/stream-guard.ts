import type { StreamEvent } from '../types.ts';
import { brokenStream, endedEarly, fromAbort } from './classify.ts';
import { ProviderError } from './errors.ts';

export interface GuardOptions {
  provider: string;
  signal?: AbortSignal | undefined;
  /** Turns whatever the SDK threw into a ProviderError. */
  classify: (err: unknown) => ProviderError;
}

/**
 * Enforces the stream contract on an adapter's raw event source: deltas, then
 * exactly one `done`. A failure after the first delta becomes `stream_broken`;
 * a source that ends without `done` (SDKs end quietly on abort or on a
 * truncated body) is never passed off as a clean end.
 */
export async function* guardStream(source: AsyncIterable<StreamEvent>, opts: GuardOptions): AsyncGenerator<StreamEvent> {
  let deltas = 0;
  let done = false;
  try {
    for await (const event of source) {
      if (done) continue;
      if (event.type === 'delta') {
        if (event.text === '') continue;
        deltas += 1;
      } else {
        done = true;
      }
      yield event;
    }
  } catch (err) {
    throw brokenStream(opts.provider, toProviderError(err, opts), deltas);
  }
  if (!done) {
    if (opts.signal?.aborted) throw fromAbort(opts.provider, opts.signal);
    throw endedEarly(opts.provider, deltas, 'its final event');
  }
}

function toProviderError(err: unknown, opts: GuardOptions): ProviderError {
  if (opts.signal?.aborted) return fromAbort(opts.provider, opts.signal, err);
  if (err instanceof ProviderError) return err;
  return opts.classify(err);
}
