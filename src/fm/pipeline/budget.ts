import type { Budgets } from '../cost/index.ts';
import { CHARS_PER_TOKEN, costOf, maxCostOf } from '../cost/index.ts';
import { tap } from '../resilience/index.ts';
import type { EventStream } from '../resilience/index.ts';
import type { Router } from '../routing/index.ts';
import type { Middleware } from './compose.ts';
import type { RequestState } from './types.ts';

/**
 * Reserves the request's worst case before anything else can spend: max
 * output tokens plus estimated input, at the priciest model the request could
 * reach (its split variants, auto's two models, and their fallbacks). Settles
 * the real cost when the answer completes — 0 for a cache hit, the provider's
 * usage otherwise. A stream that breaks or is cancelled after it started
 * settles an estimate (the upstream has billed for what it sent); a request
 * that never started releases its hold.
 */
export function budget(deps: { budgets: Budgets; router: Router; report: (err: unknown) => void }): Middleware<RequestState, EventStream> {
  return async function budget(state, next) {
    const { exchange } = state;
    const subject = { tenant: state.ctx.tenant, keyId: state.ctx.keyId };
    const inputTokens = exchange.estimatedInputTokens;
    const entries = exchange.candidates ?? deps.router.possibleEntries(exchange.model);
    // An unpriced model under a USD limit: refused (FM_MODEL_UNPRICED), or priced at budgets.fallbackPrice.
    deps.budgets.checkPriced(subject, entries);
    const worst = Math.max(0, ...entries.map((e) => maxCostOf(deps.budgets.priceOf(e), exchange.maxTokens ?? e.maxTokens, inputTokens)));
    const hold = await deps.budgets.reserve(subject, worst);
    state.hold = hold;
    const finish = async (actualUsd: number | undefined) => {
      try {
        if (actualUsd === undefined) await deps.budgets.release(hold);
        else await deps.budgets.settle(hold, actualUsd);
      } catch (err) {
        deps.report(err);
      }
    };
    let stream: EventStream;
    try {
      stream = await next(state);
    } catch (err) {
      await finish(undefined);
      throw err;
    }
    let streamedChars = 0;
    return tap(stream, {
      onEvent: (event) => {
        if (event.type === 'data') streamedChars += event.chars;
      },
      onEnd: async (end) => {
        // The caller and the usage row get the catalog price's cost (null: unknown); the budget is charged at what it held by.
        const price = state.served?.entry.price ?? null;
        const charged = state.served ? deps.budgets.priceOf(state.served.entry) : null;
        if (end.kind === 'done') {
          state.costUsd = state.cached ? 0 : costOf(price, end.event.outcome.usage);
          return finish(state.cached ? 0 : (costOf(charged, end.event.outcome.usage) ?? 0));
        }
        if (state.cached) return finish(undefined);
        const partial = costOf(charged, { inputTokens, outputTokens: Math.ceil(streamedChars / CHARS_PER_TOKEN) });
        return finish(partial ?? 0);
      },
    });
  };
}
