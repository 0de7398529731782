import { HashiError, type Clock } from '../kernel/index.ts';
import type { ModelCatalogConfig } from './catalog/index.ts';
import { buildProvider, embedderOf, type Embed, type FmProvider, type ProviderDefinition } from './providers/index.ts';
import { createOfflineLocalProvider } from './providers/offline-local.ts';

/** One provider per definition; every catalog model must name one of them. */
export function buildProviders(definitions: readonly ProviderDefinition[], models: ModelCatalogConfig, clock: Clock): Map<string, FmProvider> {
  const providers = new Map<string, FmProvider>();
  for (const def of definitions) {
    if (providers.has(def.name)) throw new HashiError('FM_CATALOG_INVALID', `fm.providers: "${def.name}" is defined twice`, { status: 500 });
    providers.set(def.name, buildProvider(def, { clock }));
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

/** The embedding function: the first provider with an embedding model, else the offline hashed embeddings. */
export function embeddingFunction(definitions: readonly ProviderDefinition[], providers: ReadonlyMap<string, FmProvider>): Embed {
  for (const def of definitions) {
    if (def.embeddingModel === undefined) continue;
    const provider = providers.get(def.name);
    const embed = provider ? embedderOf(def, provider) : undefined;
    if (embed) return embed;
  }
  const offline = definitions.find((d) => d.type === 'offline');
  const local = offline ? providers.get(offline.name) : undefined;
  const fallback = local?.kind === 'local' && local.embed ? local : createOfflineLocalProvider();
  return (texts, signal) => fallback.embed!(texts, signal);
}
