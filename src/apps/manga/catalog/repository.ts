import type { Executor } from '../../../store/index.ts';
import { m } from '../tables.ts';
import type { Product } from '../types.ts';
import type { ProductInput } from './input.ts';
import { toProduct } from './product.ts';

/** Stock after a change, and whether the change took it below its threshold. */
export interface StockChange {
  product_id: string;
  before: number;
  stock: number;
  threshold: number;
  crossedBelow: boolean;
}

export async function getProduct(db: Executor, id: string): Promise<Product | undefined> {
  const row = await m(db).selectFrom('manga_products').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toProduct(row) : undefined;
}

export async function getProducts(db: Executor, ids: readonly string[]): Promise<Map<string, Product>> {
  if (ids.length === 0) return new Map();
  const rows = await m(db).selectFrom('manga_products').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, toProduct(r)]));
}

/** Products changed after `since` (all of them for 0), oldest change first. */
export async function productsChangedSince(db: Executor, since: number): Promise<{ products: Product[]; latest: number }> {
  const rows = await m(db).selectFrom('manga_products').selectAll().where('updated_at', '>', since).orderBy('updated_at').execute();
  return { products: rows.map(toProduct), latest: rows.reduce((max, r) => Math.max(max, r.updated_at), since) };
}

export async function catalogueVersion(db: Executor): Promise<{ count: number; latest: number }> {
  const row = await m(db)
    .selectFrom('manga_products')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('updated_at').as('latest')])
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), latest: Number(row?.latest ?? 0) };
}

/**
 * Inserts new products and updates the catalogue fields of existing ones,
 * keeping what the AI wrote (description, tags, embedding) and the status.
 */
export async function upsertProducts(db: Executor, inputs: readonly ProductInput[], now: number, defaultThreshold: number): Promise<void> {
  for (const p of inputs) {
    const fields = {
      series: p.series ?? null,
      title: p.title,
      title_alt: p.title_alt ?? null,
      author: p.author,
      genre: p.genre,
      volume: p.volume,
      synopsis: p.synopsis,
      price: p.price,
      currency: p.currency,
      language: p.language,
      stock: p.stock,
      stock_threshold: p.stock_threshold ?? defaultThreshold,
      release_date: p.release_date ?? null,
      tags: JSON.stringify(p.tags),
      updated_at: now,
    };
    await m(db)
      .insertInto('manga_products')
      .values({ id: p.id, ...fields, status: 'active', ai_description: null, ai_tags: null, ai_source: null, ai_updated_at: null, embedding: null, embedding_model: null, created_at: now })
      .onConflict((oc) => oc.column('id').doUpdateSet({ ...fields, status: 'active' }))
      .execute();
  }
}

export async function setPrice(db: Executor, id: string, price: number, currency: string | undefined, now: number): Promise<boolean> {
  const r = await m(db)
    .updateTable('manga_products')
    .set({ price, ...(currency ? { currency } : {}), updated_at: now })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function discontinue(db: Executor, id: string, now: number): Promise<boolean> {
  const r = await m(db).updateTable('manga_products').set({ status: 'discontinued', updated_at: now }).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Changes stock by `delta` (never below 0). Update first, read after: in a
 * transaction the update holds the row, so `before` is exact on PostgreSQL too.
 */
export async function adjustStock(db: Executor, id: string, delta: number, now: number): Promise<StockChange | undefined> {
  const r = await m(db)
    .updateTable('manga_products')
    .set((eb) => ({ stock: eb('stock', '+', delta), updated_at: now }))
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  const row = await m(db).selectFrom('manga_products').select(['stock', 'stock_threshold']).where('id', '=', id).executeTakeFirstOrThrow();
  let stock = row.stock;
  if (stock < 0) {
    stock = 0;
    await m(db).updateTable('manga_products').set({ stock: 0 }).where('id', '=', id).execute();
  }
  const before = row.stock - delta;
  return { product_id: id, before, stock, threshold: row.stock_threshold, crossedBelow: before >= row.stock_threshold && stock < row.stock_threshold };
}

export interface Description {
  description: string;
  tags: string[];
  source: string;
  embedding: number[];
  embeddingModel: string;
}

export async function setDescription(db: Executor, id: string, d: Description, now: number): Promise<boolean> {
  const r = await m(db)
    .updateTable('manga_products')
    .set({
      ai_description: d.description,
      ai_tags: JSON.stringify(d.tags),
      ai_source: d.source,
      ai_updated_at: now,
      embedding: JSON.stringify(d.embedding.map((x) => Math.round(x * 1e6) / 1e6)),
      embedding_model: d.embeddingModel,
      updated_at: now,
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function getEmbeddings(db: Executor, ids: readonly string[]): Promise<Map<string, number[]>> {
  if (ids.length === 0) return new Map();
  const rows = await m(db).selectFrom('manga_products').select(['id', 'embedding']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.flatMap((r) => (r.embedding ? [[r.id, JSON.parse(r.embedding) as number[]] as const] : [])));
}

/** Sets stock to an absolute level (a catalog update); reports a fall below the threshold like adjustStock. */
export async function setStock(db: Executor, id: string, stock: number, now: number): Promise<StockChange | undefined> {
  const row = await m(db).selectFrom('manga_products').select(['stock', 'stock_threshold']).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  await m(db).updateTable('manga_products').set({ stock, updated_at: now }).where('id', '=', id).execute();
  return { product_id: id, before: row.stock, stock, threshold: row.stock_threshold, crossedBelow: row.stock >= row.stock_threshold && stock < row.stock_threshold };
}
