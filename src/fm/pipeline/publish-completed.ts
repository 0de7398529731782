import type { Clock } from '../../kernel/index.ts';
import { CHARS_PER_TOKEN, costOf } from '../cost/index.ts';
import type { IrUsage } from '../ir/types.ts';
import { tap } from '../resilience/index.ts';
import type { EventStream } from '../resilience/index.ts';
import type { Publish } from '../routing/index.ts';
import type { Middleware } from './compose.ts';
import type { RequestState } from './types.ts';

/**
 * Publishes `InferenceCompleted` once an answer completes — after the cost
 * has been settled (this step sits outside the budget step), before the
 * caller receives the final event. `publish` must already be safe.
 *
 * A stream that broke or was cancelled after it started was billed by the
 * provider for what it sent, so it is published too — with `stopReason`
 * `cancelled` or `interrupted`, `estimated: true`, and token counts and cost
 * estimated as the budget step settles them — and so gets its usage row.
 * (Estimated here, not read from the budget step: a cancel during a pending
 * pull ends this step before the inner one.)
 */
export function publishCompleted(deps: { publish: Publish; clock: Clock }): Middleware<RequestState, EventStream> {
  return async function publishCompleted(state, next) {
    const stream = await next(state);
    let streamedChars = 0;
    return tap(stream, {
      onEvent: (event) => {
        if (event.type === 'data') streamedChars += event.chars;
      },
      onEnd: (end) => {
        if (!state.served || (end.kind !== 'done' && state.cached)) return;
        let usage: IrUsage;
        let costUsd = state.costUsd;
        if (end.kind === 'done') {
          state.outcome = end.event.outcome;
          usage = end.event.outcome.usage;
        } else {
          usage = { inputTokens: state.exchange.estimatedInputTokens, outputTokens: Math.ceil(streamedChars / CHARS_PER_TOKEN) };
          costUsd = costOf(state.served.entry.price, usage);
        }
        const estimated = end.kind !== 'done' || end.event.outcome.estimated === true;
        state.finishedAt = deps.clock.now();
        const { entry } = state.served;
        deps.publish('InferenceCompleted', {
          model: entry.alias,
          provider: entry.provider,
          providerModel: entry.modelId,
          inputTokens: usage.inputTokens,
          outputTokens: usage.outputTokens,
          cacheReadTokens: usage.cacheReadTokens ?? 0,
          cacheWriteTokens: usage.cacheWriteTokens ?? 0,
          stopReason: end.kind === 'done' ? end.event.outcome.stopReason : end.kind === 'cancelled' ? 'cancelled' : 'interrupted',
          ...(estimated ? { estimated: true } : {}),
          dialect: state.exchange.dialect,
          latencyMs: state.finishedAt - state.startedAt,
          providerWaitMs: state.meter.providerWaitMs,
          costUsd,
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
