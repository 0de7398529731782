import type { CatalogEntry } from '../catalog/index.ts';
import type { GatewayRequest, ProviderRequest } from './types.ts';

/** The provider request for one candidate: the caller's parameters over the catalog's defaults. */
export function providerRequest(entry: CatalogEntry, request: GatewayRequest): ProviderRequest {
  const out: ProviderRequest = {
    model: entry.modelId,
    messages: request.messages,
    maxTokens: request.maxTokens ?? entry.maxTokens,
  };
  const temperature = request.temperature ?? entry.temperature;
  const topP = request.topP ?? entry.topP;
  if (request.system !== undefined) out.system = request.system;
  if (temperature !== undefined) out.temperature = temperature;
  if (topP !== undefined) out.topP = topP;
  if (request.stopSequences?.length) out.stopSequences = request.stopSequences;
  if (request.context?.length) out.context = request.context;
  return out;
}

export function hasImages(request: GatewayRequest): boolean {
  return request.messages.some((m) => typeof m.content !== 'string' && m.content.some((p) => p.type === 'image'));
}
