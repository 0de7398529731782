import type { Clock } from '../../kernel/index.ts';
import { HashiError } from '../../kernel/index.ts';
import { StreamInterruptedError } from './errors.ts';
import { raceAbort } from './signals.ts';
import { eventsOfResult, fromEvents, prepend, tap } from './stream.ts';
import type { AttemptCall, AttemptHandler } from './types.ts';

/**
 * The innermost handler: calls the provider with the attempt's signal, times
 * every wait on it into `meter.providerWaitMs`, and resolves only once the
 * first event has arrived. Every wait also races the signal, so a provider
 * that ignores AbortSignal still cannot hang the request.
 */
export function callProvider(clock: Clock): AttemptHandler {
  const timed = async <T>(call: AttemptCall, work: () => Promise<T>): Promise<T> => {
    const started = clock.now();
    try {
      return await raceAbort(work(), call.signal);
    } finally {
      call.meter.providerWaitMs += clock.now() - started;
    }
  };

  return async function provider(call) {
    call.meter.attempts += 1;
    const request = { ...call.request, signal: call.signal };
    if (call.mode === 'complete') {
      const result = await timed(call, () => call.provider.complete(request));
      return fromEvents(eventsOfResult(result));
    }
    const source = call.provider.stream(request)[Symbol.asyncIterator]();
    const first = await timed(call, () => source.next()).catch(async (err: unknown) => {
      void Promise.resolve(source.return?.()).catch(() => undefined);
      throw err;
    });
    if (first.done) throw new StreamInterruptedError('The model stream ended before its first event');
    return tap(prepend(first.value, source), {
      pull: (next) => timed(call, next).catch((err: unknown) => Promise.reject(asStreamError(err))),
    });
  };
}

/** After the first byte, a failure reaches the consumer as a typed error, never a clean end. */
function asStreamError(err: unknown): unknown {
  if (err instanceof HashiError) return err;
  return new StreamInterruptedError('The model stream broke after it started', err);
}

