import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../../http/index.ts';
import { NotFoundError } from '../../../kernel/index.ts';
import { dailyUsage } from '../analytics/repository.ts';
import type { MangaContext } from '../context.ts';
import { m } from '../tables.ts';
import { analyticsSchema, catalogBatchSchema, orderSchema, reviewSchema } from './schemas.ts';

const json = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Back-office views (admin key): orders, reviews and their verdicts, catalog batches, AI usage. */
export function adminRoutes(ctx: MangaContext) {
  return async (app: FastifyInstance) => {
    const db = ctx.store.db;
    const admin = { config: { auth: 'admin' as const } };

    app.get<{ Querystring: { days?: number } }>(
      '/manga/v1/analytics',
      {
        ...admin,
        schema: {
          tags: ['manga'],
          summary: 'Per-model daily inference counts, tokens and cost (from InferenceCompleted events)',
          querystring: { type: 'object', properties: { days: { type: 'integer', minimum: 1, maximum: 366, default: 7 } } },
          response: { 200: analyticsSchema },
        },
      },
      async (request) => {
        const days = request.query.days ?? 7;
        const from = new Date(ctx.clock.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
        const rows = await dailyUsage(db, from);
        const totals = rows.reduce(
          (t, r) => ({ requests: t.requests + r.requests, input_tokens: t.input_tokens + r.input_tokens, output_tokens: t.output_tokens + r.output_tokens, cost_usd: t.cost_usd + r.cost_usd }),
          { requests: 0, input_tokens: 0, output_tokens: 0, cost_usd: 0 },
        );
        return { from, days: rows, totals: { ...totals, cost_usd: Math.round(totals.cost_usd * 1e6) / 1e6 } };
      },
    );

    app.get<{ Params: { id: string } }>('/manga/v1/orders/:id', { ...admin, schema: { tags: ['manga'], summary: 'An order and its confirmation', response: { 200: orderSchema, ...errorResponses(404) } } }, async (request) => {
      const row = await m(db).selectFrom('manga_orders').selectAll().where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new NotFoundError('MANGA_ORDER_NOT_FOUND', `no order ${request.params.id}`);
      const mail = await m(db).selectFrom('manga_mail_outbox').selectAll().where('subject_key', '=', `order:${row.id}`).executeTakeFirst();
      return {
        ...row,
        items: json(row.items),
        created_at: iso(row.created_at),
        mail: mail ? { id: mail.id, to: mail.to_address, subject: mail.subject, status: mail.status, delivered_to: mail.delivered_to, sent_at: iso(mail.sent_at) } : null,
      };
    });

    app.get<{ Params: { id: string } }>('/manga/v1/reviews/:id', { ...admin, schema: { tags: ['manga'], summary: 'A review with its moderation verdict', response: { 200: reviewSchema, ...errorResponses(404) } } }, async (request) => {
      const row = await m(db).selectFrom('manga_reviews').selectAll().where('review_id', '=', request.params.id).executeTakeFirst();
      if (!row) throw new NotFoundError('MANGA_REVIEW_NOT_FOUND', `no review ${request.params.id} (reviews are stored once moderation has run)`);
      return { ...row, safe: row.safe === 1, categories: json(row.categories), created_at: iso(row.created_at), updated_at: iso(row.updated_at) };
    });

    app.get<{ Params: { id: string } }>('/manga/v1/catalog/batches/:id', { ...admin, schema: { tags: ['manga'], summary: 'A catalog batch: per item published, rejected, failed, described or skipped', response: { 200: catalogBatchSchema, ...errorResponses(404) } } }, async (request) => {
      const batch = await m(db).selectFrom('manga_catalog_batches').selectAll().where('batch_id', '=', request.params.id).executeTakeFirst();
      if (!batch) throw new NotFoundError('MANGA_BATCH_NOT_FOUND', `no catalog batch ${request.params.id}`);
      const items = await m(db).selectFrom('manga_catalog_items').selectAll().where('batch_id', '=', batch.batch_id).orderBy('idx').execute();
      return {
        batch_id: batch.batch_id,
        received_at: iso(batch.received_at),
        item_count: batch.items,
        published: batch.published,
        rejected: batch.rejected,
        failed: batch.failed,
        items: items.map((i) => ({ index: i.idx, product_id: i.product_id, type: i.type, status: i.status, reason: i.reason, event_id: i.event_id })),
      };
    });
  };
}
