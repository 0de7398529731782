import { getProduct } from '../catalog/repository.ts';
import { label } from '../catalog/product.ts';
import type { MangaContext } from '../context.ts';
import { m } from '../tables.ts';
import type { BusEvent } from '../types.ts';
import { Detail } from './detail.ts';
import { publishAll } from './publish.ts';

export const MODERATION_SOURCE = 'mangaassist.moderation';

/**
 * ModerationFlagged (the rule routes only high and critical here) → the review
 * is hidden and ReviewHidden is published with a Slack-ready summary
 * (`title`, `text`, `fields`), which the Slack subscription's `slack`
 * transform turns into a message. Hiding and announcing commit together;
 * a review already hidden is not announced twice.
 */
export function moderationAction(ctx: MangaContext) {
  return async (event: BusEvent): Promise<void> => {
    const d = new Detail(event.detail, 'ModerationFlagged');
    const reviewId = d.str('review_id');
    const severity = d.str('severity');
    const productId = d.optStr('product_id');
    const product = productId ? await getProduct(ctx.store.db, productId) : undefined;
    const categories = Array.isArray(d.raw('flagged_categories')) ? (d.raw('flagged_categories') as string[]) : [];
    const now = ctx.clock.now();
    await ctx.store.transaction(async (tx) => {
      const hidden = await m(tx)
        .updateTable('manga_reviews')
        .set({ status: 'hidden', updated_at: now })
        .where('review_id', '=', reviewId)
        .where('status', '!=', 'hidden')
        .executeTakeFirst();
      if (Number(hidden.numUpdatedRows) === 0) return;
      const on = product ? label(product) : (productId ?? 'an unknown product');
      await publishAll(
        ctx.bus,
        [
          {
            Source: MODERATION_SOURCE,
            DetailType: 'ReviewHidden',
            Resources: [`review/${reviewId}`],
            Detail: {
              review_id: reviewId,
              product_id: productId ?? '',
              severity,
              categories,
              title: `Review hidden (${severity}): ${on}`,
              text: `A customer review of ${on} was hidden automatically. Reason: ${d.optStr('reason') || 'flagged by moderation'}\n> ${d.optStr('content_preview') ?? ''}`,
              fields: [
                { label: 'Review', value: reviewId },
                { label: 'Severity', value: severity },
                { label: 'Categories', value: categories.join(', ') || '—' },
                { label: 'Judged by', value: d.optStr('verdict_source') ?? d.optStr('model_id') ?? 'unknown' },
                { label: 'Content SHA-256', value: d.optStr('content_hash') ?? '' },
              ],
            },
          },
        ],
        tx,
        event,
      );
    });
  };
}
