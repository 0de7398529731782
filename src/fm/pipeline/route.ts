import { isTerminal, tap } from '../resilience/index.ts';
import type { EventStream, StreamEnd } from '../resilience/index.ts';
import type { Route, Router } from '../routing/index.ts';
import type { Middleware } from './compose.ts';
import type { RequestState } from './types.ts';

/**
 * Chooses the route, and tells the router afterwards whether a split variant
 * served its request itself — the canary's sample. Cache hits, caller aborts
 * and deadlines are not samples: they say nothing about the variant.
 */
export function route(router: Router): Middleware<RequestState, EventStream> {
  return async function route(state, next) {
    const { exchange } = state;
    const chosen: Route = exchange.candidates
      ? { requested: exchange.model ?? '', reason: 'explicit', candidates: [...exchange.candidates] }
      : router.route({ model: exchange.model, latestUserText: () => exchange.latestUserText() }, { sessionId: state.ctx.sessionId });
    state.route = chosen;
    const record = (end: StreamEnd | { kind: 'error'; error: unknown }) => {
      const verdict = variantVerdict(state, end);
      if (verdict !== undefined) router.recordOutcome(chosen, verdict);
    };
    let stream: EventStream;
    try {
      stream = await next(state);
    } catch (error) {
      record({ kind: 'error', error });
      throw error;
    }
    return tap(stream, { onEnd: record });
  };
}

function variantVerdict(state: RequestState, end: StreamEnd): boolean | undefined {
  if (!state.route?.split || state.cached) return undefined;
  const primary = state.route.candidates[0];
  const primaryFailure = state.failures.find((f) => f.entry === primary && !isTerminal(f.error));
  if (primaryFailure) return false;
  if (state.served?.index !== 0) return undefined;
  if (end.kind === 'done') return true;
  if (end.kind === 'error' && !isTerminal(end.error)) return false;
  return undefined;
}
