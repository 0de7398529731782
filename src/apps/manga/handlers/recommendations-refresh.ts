import { MAX_ENTRIES } from '../../../events/index.ts';
import type { MangaContext } from '../context.ts';
import { activeCustomers } from '../customers/activity.ts';
import { loadCandidates, recommendFor } from '../recommend/service.ts';
import type { BusEntry, BusEvent } from '../types.ts';
import { AI_SOURCE } from './moderation.ts';
import { publishAll } from './publish.ts';

/**
 * The scheduled rule (`rate(6 hours)`) → fresh recommendations for every
 * customer active within `recommendations.activeWithinHours`, each announced
 * as `Recommendation.Generated` (published in PutEvents calls of ≤ 10).
 */
export function recommendationsRefresh(ctx: MangaContext) {
  return async (event: BusEvent): Promise<void> => {
    const s = ctx.settings.recommendations;
    const now = ctx.clock.now();
    const customers = await activeCustomers(ctx.store.db, now - s.activeWithinHours * 3_600_000, s.maxCustomersPerRun);
    if (customers.length === 0) return;
    const candidates = await loadCandidates(ctx.store.db);
    const entries: BusEntry[] = [];
    for (const customer of customers) {
      const set = await recommendFor(ctx.store.db, candidates, customer, undefined, s.count, now);
      entries.push({
        Source: AI_SOURCE,
        DetailType: 'Recommendation.Generated',
        Detail: { customer_id: customer, items: set.items.map((i) => ({ product_id: i.product_id, reason: i.reason })), based_on: set.based_on, generated_at: set.generated_at, trigger: 'schedule' },
      });
    }
    await ctx.store.transaction(async (tx) => {
      for (let i = 0; i < entries.length; i += MAX_ENTRIES) await publishAll(ctx.bus, entries.slice(i, i + MAX_ENTRIES), tx, event);
    });
    ctx.logger.info({ customers: customers.length }, 'recommendations refreshed');
  };
}
