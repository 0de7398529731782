import type { Clock } from '../../kernel/index.ts';
import { HashiError } from '../../kernel/index.ts';
import { StreamInterruptedError } from './errors.ts';
import { raceAbort } from './signals.ts';
import { prepend, tap } from './stream.ts';
import type { AttemptCall, AttemptHandler } from './types.ts';

/**
 * The innermost handler: starts the attempt's source with the attempt's
 * signal and resolves only once the first piece has arrived — so everything
 * before it can still be retried or rerouted, and nothing after it is. The
 * first wait races the signal, so a source deaf to its signal still cannot
 * hang the request; the source itself times its waits on the provider.
 */
export function callProvider(_clock: Clock): AttemptHandler {
  return async function provider(call: AttemptCall) {
    call.meter.attempts += 1;
    const source = call.source(call.signal);
    const first = await raceAbort(source.next(), call.signal).catch(async (err: unknown) => {
      void Promise.resolve(source.return?.()).catch(() => undefined);
      throw err;
    });
    if (first.done) throw new StreamInterruptedError('The model stream ended before its first event');
    return tap(prepend(first.value, source), {
      pull: (next) => next().catch((err: unknown) => Promise.reject(asStreamError(err))),
    });
  };
}

/** After the first byte, a failure reaches the consumer as a typed error, never a clean end. */
function asStreamError(err: unknown): unknown {
  if (err instanceof HashiError) return err;
  return new StreamInterruptedError('The model stream broke after it started', err);
}
