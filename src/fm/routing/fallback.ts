import type { Catalog, CatalogEntry } from '../catalog/index.ts';

/**
 * The primary model followed by its configured fallbacks, without repeats.
 * Fallbacks of fallbacks are not followed: the chain is exactly what the
 * configuration lists, so it is easy to read and cannot loop.
 */
export function candidateChain(primary: CatalogEntry, fallbacks: Readonly<Record<string, string[]>>, catalog: Catalog): CatalogEntry[] {
  const chain = [primary];
  for (const name of fallbacks[primary.alias] ?? []) {
    const entry = catalog.require(name);
    if (!chain.includes(entry)) chain.push(entry);
  }
  return chain;
}
