import { sha256Hex } from '../../../kernel/index.ts';
import type { MangaContext } from '../context.ts';
import { judgeReview } from '../moderation/judge.ts';
import { NEEDS_HUMAN_REVIEW } from '../moderation/verdict.ts';
import { m } from '../tables.ts';
import type { BusEvent } from '../types.ts';
import { Detail } from './detail.ts';
import { publishAll } from './publish.ts';

export const AI_SOURCE = 'mangaassist.ai';
export const PREVIEW_CHARS = 200;

/**
 * ReviewSubmitted → a verdict stored with the review. Safe reviews are
 * published; unsafe ones are held and announced as ModerationFlagged (the
 * content travels as a SHA-256 hash and a 200-character preview); reviews
 * without a usable verdict wait for a person. One transaction, keyed by
 * review id: a redelivered event finds the review and stops.
 */
export function reviewSubmitted(ctx: MangaContext) {
  return async (event: BusEvent, run: { signal: AbortSignal }): Promise<void> => {
    const d = new Detail(event.detail, 'ReviewSubmitted');
    const reviewId = d.str('review_id');
    const text = d.str('review_text');
    if (await m(ctx.store.db).selectFrom('manga_reviews').select('review_id').where('review_id', '=', reviewId).executeTakeFirst()) return;
    const judged = await judgeReview(ctx, text, run.signal);
    const { verdict } = judged;
    const needsHuman = verdict === NEEDS_HUMAN_REVIEW;
    const status = needsHuman ? 'needs_review' : verdict.safe ? 'published' : 'held';
    const hash = sha256Hex(text);
    const now = ctx.clock.now();
    await ctx.store.transaction(async (tx) => {
      const inserted = await m(tx)
        .insertInto('manga_reviews')
        .values({
          review_id: reviewId,
          product_id: d.str('product_id'),
          customer_id: d.optStr('customer_id') ?? null,
          rating: d.optNum('rating') ?? null,
          text,
          sentiment: d.optStr('ai_sentiment') ?? 'neutral',
          status,
          safe: verdict.safe ? 1 : 0,
          severity: verdict.severity,
          categories: JSON.stringify(verdict.categories),
          reason: verdict.reason,
          verdict_source: judged.source,
          content_hash: hash,
          event_id: event.id,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('review_id').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0 || verdict.safe) return;
      await publishAll(
        ctx.bus,
        [
          {
            Source: AI_SOURCE,
            DetailType: 'ModerationFlagged',
            Resources: [`review/${reviewId}`],
            Detail: {
              review_id: reviewId,
              product_id: d.str('product_id'),
              session_id: d.optStr('customer_id') ?? '',
              content_hash: hash,
              content_preview: text.slice(0, PREVIEW_CHARS),
              severity: verdict.severity,
              flagged_categories: verdict.categories,
              reason: verdict.reason,
              model_id: judged.modelId,
              verdict_source: judged.source,
              needs_human_review: needsHuman,
            },
          },
        ],
        tx,
        event,
      );
    });
  };
}
