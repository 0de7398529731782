import type { ResponseCache } from '../cache/index.ts';
import { replayEvents } from '../cache/index.ts';
import { fromEvents, tap } from '../resilience/index.ts';
import type { EventStream } from '../resilience/index.ts';
import type { Middleware } from './compose.ts';
import type { RequestState } from './types.ts';

/**
 * Looks the route's first choice up in the exact cache; on a miss, records
 * the answer as it streams and stores it — under the key of the model that
 * actually answered — once it completes cacheably. The key is whatever the
 * exchange says makes the answer what it is (the whole wire body but its
 * model, so tools and JSON mode are in it). `skipCache` bypasses both the
 * read and the write.
 */
export function cache(responseCache: ResponseCache | undefined): Middleware<RequestState, EventStream> {
  return async function cache(state, next) {
    const primary = state.route?.candidates[0];
    if (!responseCache || state.ctx.skipCache || !primary) return next(state);
    const key = responseCache.keyFor(state.ctx.tenant, state.exchange.cacheMaterial(primary));
    const hit = await responseCache.get(key);
    if (hit) {
      state.cached = true;
      state.served = { entry: primary, index: 0 };
      return fromEvents(replayEvents(hit));
    }
    const stream = await next(state);
    const recorder = responseCache.recorder();
    return tap(stream, {
      onEvent: (event) => recorder.record(event),
      onEnd: async (end) => {
        const answer = recorder.result();
        const served = state.served;
        if (end.kind !== 'done' || !answer || !served) return;
        const storeKey = served.entry === primary ? key : responseCache.keyFor(state.ctx.tenant, state.exchange.cacheMaterial(served.entry));
        await responseCache.put(storeKey, answer);
      },
    });
  };
}
