import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../../http/index.ts';
import { NotFoundError } from '../../../kernel/index.ts';
import { getProduct, getProducts } from '../catalog/repository.ts';
import type { MangaContext } from '../context.ts';
import { touchCustomer } from '../customers/activity.ts';
import { loadCandidates, recommendFor } from '../recommend/service.ts';
import { PRODUCT_ID, productSchema, recommendationsBodySchema, recommendationsResultSchema } from './schemas.ts';

/** Products (read and search) and recommendations. */
export function shopRoutes(ctx: MangaContext) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: { customer_id: string; based_on?: string[]; count?: number } }>(
      '/manga/v1/recommendations',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['manga'],
          summary: 'Ranked products for a customer, each with a one-line reason',
          body: recommendationsBodySchema,
          response: { 200: recommendationsResultSchema, ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request) => {
        const { customer_id, based_on, count } = request.body;
        const now = ctx.clock.now();
        const set = await recommendFor(ctx.store.db, await loadCandidates(ctx.store.db), customer_id, based_on, count ?? ctx.settings.recommendations.count, now);
        await touchCustomer(ctx.store.db, customer_id, based_on ?? [], now);
        return set;
      },
    );

    app.get<{ Params: { id: string } }>(
      '/manga/v1/products/:id',
      {
        config: { auth: 'key' },
        schema: { tags: ['manga'], summary: 'One catalogue product', params: { type: 'object', properties: { id: PRODUCT_ID } }, response: { 200: productSchema, ...errorResponses(401, 404) } },
      },
      async (request) => {
        const product = await getProduct(ctx.store.db, request.params.id);
        if (!product) throw new NotFoundError('MANGA_PRODUCT_NOT_FOUND', `no product ${request.params.id}`);
        return product;
      },
    );

    app.get<{ Querystring: { q: string; limit?: number } }>(
      '/manga/v1/products',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['manga'],
          summary: 'Search the catalogue (hybrid BM25 + vector)',
          querystring: { type: 'object', required: ['q'], properties: { q: { type: 'string', minLength: 1, maxLength: 500 }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } } },
          response: { 200: { type: 'object', properties: { results: { type: 'array', items: productSchema } } }, ...errorResponses(400, 401) },
        },
      },
      async (request) => {
        const hits = await ctx.products.search(request.query.q, { maxResults: request.query.limit ?? 10, filters: { kind: 'product' } });
        const found = await getProducts(ctx.store.db, hits.map((h) => h.id));
        return { results: hits.flatMap((h) => (found.has(h.id) ? [found.get(h.id)!] : [])) };
      },
    );
  };
}
