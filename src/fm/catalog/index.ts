export { createCatalog, DEFAULT_MAX_TOKENS } from './catalog.ts';
export type { Catalog, CatalogEntry } from './catalog.ts';
export { MODEL_CATALOG_SCHEMA, RESERVED_ALIASES } from './schema.ts';
export type { ModelCatalogConfig, ModelConfig, ModelPrice } from './schema.ts';
export { CATALOG_CODES } from './errors.ts';
