import { HashiError, systemClock, type Clock } from '../../kernel/index.ts';
import { createAnthropicHttpProvider } from './anthropic-http.ts';
import { createBedrockHttpProvider } from './bedrock-http.ts';
import type { ProviderDefinition } from './definition.ts';
import { createOfflineLocalProvider } from './offline-local.ts';
import { createOpenAIHttpProvider } from './openai-http.ts';
import type { FmProvider } from './port.ts';

/** The provider a (schema-validated) config definition describes. */
export function buildProvider(def: ProviderDefinition, deps: { clock?: Clock } = {}): FmProvider {
  const clock = deps.clock ?? systemClock;
  const common = { name: def.name, timeoutMs: def.timeoutMs, supportsImages: def.supportsImages, clock };
  switch (def.type) {
    case 'bedrock':
    case 'bedrock-invoke':
      return createBedrockHttpProvider({
        ...common,
        api: def.type === 'bedrock' ? 'converse' : 'invoke',
        region: def.region,
        endpoint: def.endpoint,
        credentials: def.credentials,
      });
    case 'anthropic':
      return createAnthropicHttpProvider({ ...common, apiKey: def.apiKey, baseUrl: def.baseUrl });
    case 'openai':
      return createOpenAIHttpProvider({ ...common, apiKey: def.apiKey, baseUrl: def.baseUrl });
    case 'offline':
      // Let image messages through so the offline model can say plainly that it cannot see them.
      return createOfflineLocalProvider({ name: def.name, supportsImages: def.supportsImages ?? true });
    default:
      throw new HashiError('FM_PROVIDER_CONFIG_INVALID', `provider ${String(def.name)}: unknown type ${String((def as { type: unknown }).type)}`, { status: 500 });
  }
}
