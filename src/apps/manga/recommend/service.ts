import { NotFoundError } from '../../../kernel/index.ts';
import type { Executor } from '../../../store/index.ts';
import { toProduct } from '../catalog/product.ts';
import { getProducts } from '../catalog/repository.ts';
import { customerHistory } from '../customers/activity.ts';
import { m } from '../tables.ts';
import type { Product } from '../types.ts';
import { rankRecommendations, type Recommendation } from './rank.ts';

export interface RecommendationSet {
  customer_id: string;
  based_on: string[];
  items: Recommendation[];
  generated_at: string;
}

/** Everything recommendable (active and in stock) with its stored embedding: loaded once per request or scheduled run. */
export async function loadCandidates(db: Executor): Promise<{ products: Product[]; embeddings: Map<string, number[]> }> {
  const rows = await m(db).selectFrom('manga_products').selectAll().where('status', '=', 'active').where('stock', '>', 0).execute();
  const embeddings = new Map<string, number[]>();
  for (const r of rows) if (r.embedding) embeddings.set(r.id, JSON.parse(r.embedding) as number[]);
  return { products: rows.map(toProduct), embeddings };
}

/**
 * Ranked products with a one-line reason each, from `basedOn` (product ids)
 * or else the customer's recent activity (products seen in chat, bought).
 * Unknown ids in an explicit `basedOn` are a 404.
 */
export async function recommendFor(
  db: Executor,
  candidates: { products: Product[]; embeddings: Map<string, number[]> },
  customerId: string,
  basedOn: readonly string[] | undefined,
  count: number,
  now: number,
): Promise<RecommendationSet> {
  const explicit = basedOn !== undefined && basedOn.length > 0;
  const ids = explicit ? [...basedOn] : await customerHistory(db, customerId);
  const found = await getProducts(db, ids);
  if (explicit) {
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new NotFoundError('MANGA_PRODUCT_NOT_FOUND', `based_on names unknown products: ${unknown.join(', ')}`);
  }
  const basis = ids.flatMap((id) => (found.has(id) ? [found.get(id)!] : []));
  const embeddings = new Map(candidates.embeddings);
  for (const b of basis) if (!embeddings.has(b.id)) await addEmbedding(db, b.id, embeddings);
  const items = rankRecommendations({ basis, candidates: candidates.products, embeddings, count });
  const set = { customer_id: customerId, based_on: basis.map((b) => b.id), items, generated_at: new Date(now).toISOString() };
  await m(db)
    .insertInto('manga_recommendations')
    .values({ customer_id: customerId, items: JSON.stringify(items), based_on: JSON.stringify(set.based_on), generated_at: now })
    .onConflict((oc) => oc.column('customer_id').doUpdateSet({ items: JSON.stringify(items), based_on: JSON.stringify(set.based_on), generated_at: now }))
    .execute();
  return set;
}

async function addEmbedding(db: Executor, id: string, into: Map<string, number[]>): Promise<void> {
  const row = await m(db).selectFrom('manga_products').select('embedding').where('id', '=', id).executeTakeFirst();
  if (row?.embedding) into.set(id, JSON.parse(row.embedding) as number[]);
}
