import { HashiError, ValidationError } from '../../kernel/index.ts';
import { RESERVED_ALIASES } from './schema.ts';
import type { ModelCatalogConfig, ModelPrice } from './schema.ts';

export const DEFAULT_MAX_TOKENS = 1024;

/** One resolved catalog model. `price === null` means unpriced. */
export interface CatalogEntry {
  readonly alias: string;
  readonly provider: string;
  readonly modelId: string;
  readonly maxTokens: number;
  readonly temperature: number | undefined;
  readonly topP: number | undefined;
  readonly price: ModelPrice | null;
}

export interface Catalog {
  readonly entries: readonly CatalogEntry[];
  /** Alias first, then provider model id (first declared alias wins when several share an id). */
  resolve(nameOrId: string): CatalogEntry | undefined;
  /** Like `resolve`, but an unknown name is a 400 `FM_UNKNOWN_MODEL`. */
  require(nameOrId: string): CatalogEntry;
}

export function createCatalog(config: ModelCatalogConfig): Catalog {
  const byAlias = new Map<string, CatalogEntry>();
  const byModelId = new Map<string, CatalogEntry>();
  for (const [alias, model] of Object.entries(config)) {
    if ((RESERVED_ALIASES as readonly string[]).includes(alias)) {
      throw new HashiError('FM_CATALOG_INVALID', `Model alias "${alias}" is reserved`, { status: 500 });
    }
    const entry: CatalogEntry = Object.freeze({
      alias,
      provider: model.provider,
      modelId: model.model,
      maxTokens: model.maxTokens ?? DEFAULT_MAX_TOKENS,
      temperature: model.temperature,
      topP: model.topP,
      price: model.price ? Object.freeze({ ...model.price }) : null,
    });
    byAlias.set(alias, entry);
    if (!byModelId.has(entry.modelId)) byModelId.set(entry.modelId, entry);
  }
  const entries = Object.freeze([...byAlias.values()]);
  const resolve = (nameOrId: string): CatalogEntry | undefined => byAlias.get(nameOrId) ?? byModelId.get(nameOrId);
  return {
    entries,
    resolve,
    require(nameOrId) {
      const entry = resolve(nameOrId);
      if (!entry) {
        throw new ValidationError('FM_UNKNOWN_MODEL', `Unknown model "${nameOrId}"`, {
          details: { model: nameOrId, known: entries.map((e) => e.alias) },
        });
      }
      return entry;
    },
  };
}
