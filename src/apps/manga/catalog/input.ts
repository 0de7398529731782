import type { Language } from '../types.ts';

/** A product as the catalogue file or a `new_release` catalog item describes it. */
export interface ProductInput {
  id: string;
  series?: string;
  title: string;
  title_alt?: string;
  author: string;
  genre: string;
  volume: number;
  synopsis: string;
  price: number;
  currency: string;
  language: Language;
  stock: number;
  stock_threshold?: number;
  release_date?: string;
  tags: string[];
}

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.trim() !== '' && v.length <= max;
const fail = (field: string, message: string): Checked<never> => ({ ok: false, field, message });

export function checkProductId(v: unknown): v is string {
  return typeof v === 'string' && ID.test(v);
}

/** Checks one product of the catalogue or of a `new_release` item; the first problem is reported. */
export function checkProductInput(raw: unknown): Checked<ProductInput> {
  if (!isRecord(raw)) return fail('', 'is not an object');
  if (!checkProductId(raw.id)) return fail('id', 'must be 1–128 letters, digits, . _ : -');
  for (const f of ['title', 'author', 'genre'] as const) if (!text(raw[f], 300)) return fail(f, 'must be non-empty text of at most 300 characters');
  if (!text(raw.synopsis, 4000)) return fail('synopsis', 'must be non-empty text of at most 4000 characters');
  if (!Number.isInteger(raw.volume) || (raw.volume as number) < 1) return fail('volume', 'must be a positive integer');
  if (typeof raw.price !== 'number' || !Number.isFinite(raw.price) || raw.price < 0) return fail('price', 'must be a non-negative number');
  if (raw.language !== 'ja' && raw.language !== 'en') return fail('language', 'must be ja or en');
  if (raw.stock !== undefined && (!Number.isInteger(raw.stock) || (raw.stock as number) < 0)) return fail('stock', 'must be a non-negative integer');
  if (raw.stock_threshold !== undefined && (!Number.isInteger(raw.stock_threshold) || (raw.stock_threshold as number) < 0)) {
    return fail('stock_threshold', 'must be a non-negative integer');
  }
  if (raw.currency !== undefined && !(typeof raw.currency === 'string' && /^[A-Za-z]{3}$/.test(raw.currency))) return fail('currency', 'must be a 3-letter ISO code');
  if (raw.tags !== undefined && !(Array.isArray(raw.tags) && raw.tags.every((t) => text(t, 60)))) return fail('tags', 'must be a list of short texts');
  const optional = (f: 'series' | 'title_alt' | 'release_date') => (text(raw[f], 300) ? { [f]: raw[f] as string } : {});
  return {
    ok: true,
    value: {
      id: raw.id,
      title: (raw.title as string).trim(),
      author: (raw.author as string).trim(),
      genre: (raw.genre as string).trim(),
      volume: raw.volume as number,
      synopsis: (raw.synopsis as string).trim(),
      price: raw.price,
      currency: typeof raw.currency === 'string' ? raw.currency.toUpperCase() : 'JPY',
      language: raw.language,
      stock: (raw.stock as number | undefined) ?? 0,
      ...(raw.stock_threshold !== undefined ? { stock_threshold: raw.stock_threshold as number } : {}),
      tags: (raw.tags as string[] | undefined) ?? [],
      ...optional('series'),
      ...optional('title_alt'),
      ...optional('release_date'),
    },
  };
}
