import type { UsageRecord } from './types.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const int = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The usage row of an `InferenceCompleted` detail (as the pipeline publishes it). */
export function usageFromCompleted(detail: Record<string, unknown>, at: number): UsageRecord | undefined {
  const tenant = str(detail.tenant);
  const model = str(detail.model);
  if (!tenant || !model) return undefined;
  return {
    at,
    tenant,
    keyId: str(detail.keyId),
    sessionId: str(detail.sessionId),
    model,
    provider: str(detail.provider) ?? '',
    providerModel: str(detail.providerModel) ?? '',
    inputTokens: int(detail.inputTokens),
    outputTokens: int(detail.outputTokens),
    cacheReadTokens: int(detail.cacheReadTokens),
    cacheWriteTokens: int(detail.cacheWriteTokens),
    latencyMs: int(detail.latencyMs),
    providerWaitMs: int(detail.providerWaitMs),
    cached: detail.cached === true,
    costUsd: typeof detail.costUsd === 'number' ? detail.costUsd : null,
    stopReason: str(detail.stopReason) ?? 'other',
    route: str(detail.route),
    attempts: int(detail.attempts),
    fallbackUsed: detail.fallbackUsed === true,
  };
}
