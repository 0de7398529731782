import type { Selectable } from 'kysely';
import { formatMoney } from '../money.ts';
import type { ProductsTable } from '../tables.ts';
import type { Language, Product } from '../types.ts';

const list = (json: string | null): string[] => {
  if (json === null) return [];
  const parsed = JSON.parse(json) as unknown;
  return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
};

export function toProduct(row: Selectable<ProductsTable>): Product {
  return {
    id: row.id,
    series: row.series,
    title: row.title,
    title_alt: row.title_alt,
    author: row.author,
    genre: row.genre,
    volume: row.volume,
    synopsis: row.synopsis,
    price: row.price,
    currency: row.currency,
    language: row.language as Language,
    stock: row.stock,
    stock_threshold: row.stock_threshold,
    status: row.status === 'discontinued' ? 'discontinued' : 'active',
    release_date: row.release_date,
    tags: list(row.tags),
    ai_description: row.ai_description,
    ai_tags: list(row.ai_tags),
    ai_source: row.ai_source,
  };
}

/** What search ranks a product by: both titles, author, genre, synopsis, tags and the AI description. */
export function searchText(p: Product): string {
  return [
    p.title_alt ?? '',
    `${p.author}. ${p.genre}. Volume ${p.volume}. ${p.language === 'ja' ? 'Japanese edition' : 'English edition'}.`,
    p.synopsis,
    p.ai_description ?? '',
    [...p.tags, ...p.ai_tags].join(', '),
  ]
    .filter((s) => s !== '')
    .join('\n');
}

/** A short, human label: `Starfall Courier vol. 3 (en)`. */
export function label(p: Pick<Product, 'title' | 'volume' | 'language'>): string {
  return `${p.title} vol. ${p.volume} (${p.language})`;
}

/** The product as a passage the model may quote and cite by id. */
export function passageOf(p: Product): { id: string; title: string; text: string } {
  const price = formatMoney(p.price, p.currency);
  const stock = p.status === 'discontinued' ? 'Discontinued.' : p.stock > 0 ? `In stock (${p.stock}).` : 'Out of stock.';
  const about = p.ai_description ?? p.synopsis;
  return {
    id: p.id,
    title: `${label(p)} by ${p.author}`,
    text: `${p.title} volume ${p.volume} by ${p.author} is a ${p.genre} manga (${p.language === 'ja' ? 'Japanese' : 'English'} edition) priced at ${price}. ${stock} ${about}`,
  };
}
