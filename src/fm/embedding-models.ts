import { ValidationError } from '../kernel/index.ts';
import type { Catalog, CatalogEntry } from './catalog/index.ts';
import type { FmProvider, ProviderDefinition } from './providers/index.ts';
import { OFFLINE_EMBED_MODEL } from './providers/index.ts';

export interface EmbeddingModels {
  resolve(name: string): CatalogEntry;
  /** Every name `resolve` takes, for /v1/models. */
  list(): { id: string; provider: string }[];
}

/**
 * Which model a `/v1/embeddings` call names: a catalog entry (priced, like
 * chat models), else a provider's configured `embeddingModel`, else the
 * offline hashed embeddings (`offline/hash-embed-384`). Unknown names are a
 * 400 that lists the ones that exist.
 */
export function embeddingModels(catalog: Catalog, definitions: readonly ProviderDefinition[], providers: ReadonlyMap<string, FmProvider>): EmbeddingModels {
  const configured = new Map<string, CatalogEntry>();
  for (const def of definitions) {
    if (def.embeddingModel && !catalog.resolve(def.embeddingModel)) configured.set(def.embeddingModel, entryOf(def.embeddingModel, def.name));
  }
  const offline = definitions.find((d) => d.type === 'offline' && providers.get(d.name)?.kind === 'local');
  if (offline) configured.set(OFFLINE_EMBED_MODEL, entryOf(OFFLINE_EMBED_MODEL, offline.name));
  const list = () => [...configured.values()].map((e) => ({ id: e.alias, provider: e.provider }));
  return {
    resolve(name) {
      const entry = catalog.resolve(name) ?? configured.get(name);
      if (entry) return entry;
      throw new ValidationError('FM_UNKNOWN_MODEL', `no embedding model named ${name}; known: ${[...configured.keys(), ...catalog.entries.map((e) => e.alias)].join(', ')}`, {
        details: [{ keyword: 'model', path: 'model', message: `unknown model ${name}` }],
      });
    },
    list,
  };
}

function entryOf(modelId: string, provider: string): CatalogEntry {
  return { alias: modelId, provider, modelId, maxTokens: 0, temperature: undefined, topP: undefined, price: null };
}
