import { systemClock, ValidationError, type Clock } from '../../kernel/index.ts';
import type { Provider } from '../types.ts';
import { createAnthropicProvider } from './anthropic.ts';
import { createBedrockConverseProvider } from './bedrock-converse.ts';
import { createBedrockInvokeProvider } from './bedrock-invoke.ts';
import type { ProviderDefinition } from './definition.ts';
import { PROVIDER_CODES } from './errors.ts';
import { createOfflineProvider } from './offline.ts';
import { createOpenAICompatibleProvider } from './openai-compatible.ts';

export interface ProviderDeps {
  clock?: Clock;
}

/** Builds the provider a (schema-validated) config definition describes. */
export function createProvider(def: ProviderDefinition, deps: ProviderDeps = {}): Provider {
  const clock = deps.clock ?? systemClock;
  const common = { name: def.name, timeoutMs: def.timeoutMs, supportsImages: def.supportsImages, clock };
  switch (def.type) {
    case 'bedrock':
    case 'bedrock-invoke': {
      const options = {
        ...common,
        region: def.region,
        endpoint: def.endpoint,
        credentials: def.credentials,
        embeddingModel: def.embeddingModel,
        embeddingDimensions: def.embeddingDimensions,
      };
      return def.type === 'bedrock' ? createBedrockConverseProvider(options) : createBedrockInvokeProvider(options);
    }
    case 'anthropic':
      return createAnthropicProvider({ ...common, apiKey: def.apiKey, baseUrl: def.baseUrl });
    case 'openai':
      return createOpenAICompatibleProvider({
        ...common,
        apiKey: def.apiKey,
        baseUrl: def.baseUrl,
        embeddingModel: def.embeddingModel,
        embeddingDimensions: def.embeddingDimensions,
      });
    case 'offline':
      return createOfflineProvider({ name: def.name });
    default:
      throw new ValidationError('FM_PROVIDER_CONFIG_INVALID', `provider ${String(def.name)}: unknown type ${String((def as { type: unknown }).type)}`, {
        status: PROVIDER_CODES.FM_PROVIDER_CONFIG_INVALID.status,
      });
  }
}
