import type { Clock } from '../../kernel/index.ts';
import { tap } from '../resilience/index.ts';
import type { EventStream } from '../resilience/index.ts';
import type { Publish } from '../routing/index.ts';
import type { Middleware } from './compose.ts';
import type { RequestState } from './types.ts';

/**
 * Publishes `InferenceCompleted` once an answer completes — after the cost
 * has been settled (this step sits outside the budget step), before the
 * caller receives the final event. `publish` must already be safe.
 */
export function publishCompleted(deps: { publish: Publish; clock: Clock }): Middleware<RequestState, EventStream> {
  return async function publishCompleted(state, next) {
    const stream = await next(state);
    return tap(stream, {
      onEnd: (end) => {
        if (end.kind !== 'done' || !state.served) return;
        state.done = end.event;
        state.finishedAt = deps.clock.now();
        const { entry } = state.served;
        deps.publish('InferenceCompleted', {
          model: entry.alias,
          provider: entry.provider,
          providerModel: entry.modelId,
          inputTokens: end.event.usage.inputTokens,
          outputTokens: end.event.usage.outputTokens,
          stopReason: end.event.stopReason,
          latencyMs: state.finishedAt - state.startedAt,
          providerWaitMs: state.meter.providerWaitMs,
          costUsd: state.costUsd,
          unpriced: !state.cached && entry.price === null,
          cached: state.cached,
          attempts: state.meter.attempts,
          fallbackUsed: state.served.index > 0,
          route: state.route?.reason,
          split: state.route?.split?.name,
          variant: state.route?.split?.variant,
          tenant: state.ctx.tenant,
          keyId: state.ctx.keyId,
          sessionId: state.ctx.sessionId,
        });
      },
    });
  };
}
