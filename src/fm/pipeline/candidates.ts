import { HashiError, type Clock } from '../../kernel/index.ts';
import type { CatalogEntry } from '../catalog/index.ts';
import type { FmProvider } from '../providers/port.ts';
import { attemptKey, isRetryable, isTerminal } from '../resilience/index.ts';
import type { AttemptHandler, EventStream } from '../resilience/index.ts';
import type { Handler } from './compose.ts';
import { imagesUnsupported, providerNotConfigured, unavailable } from './errors.ts';
import type { RequestState } from './types.ts';

/**
 * The fallback loop and the end of the request-level chain: tries each route
 * candidate through the attempt chain (breaker → retry → timeout →
 * concurrency → provider) until one opens a stream. Fallback happens only
 * before the first byte — an opened stream is returned as it is.
 */
export function tryCandidates(providers: ReadonlyMap<string, FmProvider>, attempt: AttemptHandler, clock: Clock): Handler<RequestState, EventStream> {
  const now = () => clock.now();
  return async function tryCandidates(state) {
    const candidates = state.route?.candidates ?? [];
    const usable = usableCandidates(state, candidates, providers);
    for (const { entry, index, provider } of usable) {
      if (state.signal.aborted) throw state.signal.reason;
      try {
        const stream = await attempt({
          mode: state.mode,
          provider,
          source: (signal) => state.exchange.source({ entry, provider, signal, meter: state.meter, now }),
          key: attemptKey(provider.name, entry.modelId),
          signal: state.signal,
          deadline: state.deadline,
          meter: state.meter,
        });
        state.served = { entry, index };
        return stream;
      } catch (error) {
        if (state.signal.aborted) throw state.signal.reason;
        if (isTerminal(error)) throw error;
        state.failures.push({ entry, error });
      }
    }
    throw finalError(state.failures);
  };
}

function usableCandidates(state: RequestState, candidates: CatalogEntry[], providers: ReadonlyMap<string, FmProvider>) {
  const images = state.exchange.hasImages;
  const usable: { entry: CatalogEntry; index: number; provider: FmProvider }[] = [];
  candidates.forEach((entry, index) => {
    const provider = providers.get(entry.provider);
    if (!provider) state.failures.push({ entry, error: providerNotConfigured(entry) });
    else if (!images || provider.supportsImages) usable.push({ entry, index, provider });
  });
  if (images && usable.length === 0 && state.failures.length < candidates.length) {
    throw imagesUnsupported(candidates.map((c) => c.alias));
  }
  return usable;
}

/**
 * When every candidate refused the request itself (a 4xx that is not worth
 * retrying anywhere), the caller gets that error; otherwise FM_UNAVAILABLE.
 */
function finalError(failures: { entry: CatalogEntry; error: unknown }[]): unknown {
  const last = failures.at(-1)?.error;
  const callerFault = (e: unknown) => e instanceof HashiError && e.status >= 400 && e.status < 500 && !isRetryable(e);
  if (failures.length > 0 && failures.every((f) => callerFault(f.error))) return last;
  return unavailable(failures);
}
