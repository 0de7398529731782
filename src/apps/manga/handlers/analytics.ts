import { dayOf, readUsage } from '../analytics/usage.ts';
import { recordInference } from '../analytics/repository.ts';
import type { MangaContext } from '../context.ts';
import type { BusEvent } from '../types.ts';

/** InferenceCompleted → per-model daily counts, tokens and cost (GET /manga/v1/analytics). */
export function inferenceAnalytics(ctx: MangaContext) {
  return async (event: BusEvent): Promise<void> => {
    const usage = readUsage(event.detail);
    if (!usage) {
      ctx.logger.warn({ event: event.id }, 'InferenceCompleted without a model: not counted');
      return;
    }
    await ctx.store.transaction((tx) => recordInference(tx, event.id, dayOf(event.time), usage).then(() => undefined));
  };
}
