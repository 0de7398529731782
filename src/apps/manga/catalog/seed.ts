import { readFile } from 'node:fs/promises';
import { ValidationError, type Clock } from '../../../kernel/index.ts';
import type { Store } from '../../../store/index.ts';
import type { ProductEmbedder } from '../types.ts';
import { checkProductInput, type ProductInput } from './input.ts';
import { searchText, toProduct } from './product.ts';
import { upsertProducts } from './repository.ts';
import { m } from '../tables.ts';

/** Reads `{ products: [...] }` (or a bare array); every product is checked, the first bad one is named. */
export function parseCatalogue(text: string, where: string): ProductInput[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new ValidationError('MANGA_CATALOGUE_INVALID', `${where} is not valid JSON`);
  }
  const raw = Array.isArray(doc) ? doc : (doc as { products?: unknown } | null)?.products;
  if (!Array.isArray(raw)) throw new ValidationError('MANGA_CATALOGUE_INVALID', `${where} must hold a "products" array`);
  const seen = new Set<string>();
  return raw.map((item, i) => {
    const checked = checkProductInput(item);
    if (!checked.ok) throw new ValidationError('MANGA_CATALOGUE_INVALID', `${where}: products[${i}]${checked.field ? `.${checked.field}` : ''} ${checked.message}`);
    if (seen.has(checked.value.id)) throw new ValidationError('MANGA_CATALOGUE_INVALID', `${where}: products[${i}].id ${checked.value.id} appears twice`);
    seen.add(checked.value.id);
    return checked.value;
  });
}

export interface SeedDeps {
  store: Store;
  clock: Clock;
  embedder: ProductEmbedder;
  defaultThreshold: number;
}

/**
 * Loads a catalogue file: inserts new products, updates the catalogue fields
 * of known ones (AI descriptions are kept) and stores every product's
 * embedding, in one transaction.
 */
export async function seedCatalogue(deps: SeedDeps, file: string): Promise<{ products: number; embedded: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ValidationError('MANGA_CATALOGUE_INVALID', `cannot read the catalogue ${file}: ${(err as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const inputs = parseCatalogue(text, file);
  const now = deps.clock.now();
  await deps.store.transaction(async (tx) => {
    for (let i = 0; i < inputs.length; i += 100) await upsertProducts(tx, inputs.slice(i, i + 100), now, deps.defaultThreshold);
  });
  const rows = await m(deps.store.db).selectFrom('manga_products').selectAll().where('id', 'in', inputs.map((p) => p.id)).execute();
  const products = rows.map(toProduct);
  const vectors = await deps.embedder.embed(products.map(searchText));
  await deps.store.transaction(async (tx) => {
    for (const [i, p] of products.entries()) {
      await m(tx)
        .updateTable('manga_products')
        .set({ embedding: JSON.stringify(vectors[i]!.map((x) => Math.round(x * 1e6) / 1e6)), embedding_model: deps.embedder.model })
        .where('id', '=', p.id)
        .execute();
    }
  });
  return { products: inputs.length, embedded: products.length };
}
