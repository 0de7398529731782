import { HashiError, type Clock } from '../kernel/index.ts';
import type { ModelCatalogConfig } from './catalog/index.ts';
import { createOfflineProvider, createProvider, type ProviderDefinition } from './providers/index.ts';
import type { Provider } from './types.ts';

/**
 * One provider per definition. The offline provider is let through image
 * messages (unless configured otherwise) so that it can say plainly that it
 * cannot see them, instead of the route refusing the request.
 */
export function buildProviders(definitions: readonly ProviderDefinition[], models: ModelCatalogConfig, clock: Clock): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  for (const def of definitions) {
    if (providers.has(def.name)) throw new HashiError('FM_CATALOG_INVALID', `fm.providers: "${def.name}" is defined twice`, { status: 500 });
    const provider = createProvider(def, { clock });
    providers.set(def.name, def.type === 'offline' ? { ...provider, supportsImages: def.supportsImages ?? true } : provider);
  }
  const unknown = Object.entries(models).filter(([, m]) => !providers.has(m.provider));
  if (unknown.length > 0) {
    const list = unknown.map(([alias, m]) => `${alias} → ${m.provider}`).join(', ');
    throw new HashiError('FM_CATALOG_INVALID', `fm.models name providers that fm.providers does not define: ${list}`, {
      status: 500,
      details: { models: unknown.map(([alias, m]) => ({ model: alias, provider: m.provider })), providers: [...providers.keys()] },
    });
  }
  return providers;
}

/** The provider used for embeddings: the first with an embedding model, else the offline one. */
export function embeddingProvider(definitions: readonly ProviderDefinition[], providers: ReadonlyMap<string, Provider>): Provider {
  const def = definitions.find((d) => d.embeddingModel !== undefined && providers.get(d.name)?.embed);
  if (def) return providers.get(def.name)!;
  const offline = definitions.find((d) => d.type === 'offline');
  return (offline && providers.get(offline.name)) || createOfflineProvider();
}
