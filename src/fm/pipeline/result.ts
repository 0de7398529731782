import type { Outcome } from '../exchange/types.ts';
import type { EventStream } from '../resilience/index.ts';
import type { GatewayResult, GatewayStream, GatewayStreamEvent, GatewayStreamMeta, RequestState, RouteSummary } from './types.ts';

function routeSummary(state: RequestState): RouteSummary {
  const summary: RouteSummary = { reason: state.route?.reason ?? 'explicit' };
  if (state.route?.split) summary.split = { ...state.route.split };
  return summary;
}

export function metaOf(state: RequestState): GatewayStreamMeta {
  const served = state.served!;
  return {
    model: served.entry.alias,
    providerModel: served.entry.modelId,
    provider: served.entry.provider,
    cached: state.cached,
    route: routeSummary(state),
  };
}

export function resultOf(state: RequestState, text: string, outcome: Outcome, now: number): GatewayResult {
  return {
    text,
    usage: { ...outcome.usage },
    stopReason: outcome.stopReason,
    ...metaOf(state),
    costUsd: state.costUsd,
    latencyMs: (state.finishedAt ?? now) - state.startedAt,
    providerWaitMs: state.meter.providerWaitMs,
    attempts: state.meter.attempts,
    fallbackUsed: (state.served?.index ?? 0) > 0,
  };
}

/** The native API's view of a stream: text deltas as they are, `done` enriched with usage and cost. */
export function gatewayStream(state: RequestState, inner: EventStream, now: () => number): GatewayStream {
  const meta = metaOf(state);
  const stream: GatewayStream = {
    meta,
    async next() {
      for (;;) {
        const r = await inner.next();
        if (r.done) return { done: true, value: undefined };
        if (r.value.type === 'data') {
          if (r.value.data === '') continue;
          return { done: false, value: { type: 'delta', text: r.value.data } };
        }
        const { text: _text, ...rest } = resultOf(state, '', r.value.outcome, now());
        const value: GatewayStreamEvent = { type: 'done', ...rest };
        return { done: false, value };
      }
    },
    async return() {
      await inner.return();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
