import type { GatewayResult, GatewayStreamEvent, GatewayStreamMeta } from '../pipeline/index.ts';

type Done = Extract<GatewayStreamEvent, { type: 'done' }>;

/** The JSON answer of POST /v1/chat. */
export function chatResponse(id: string, result: GatewayResult, sessionId: string | undefined) {
  return { id, text: result.text, ...summary(result), ...(sessionId ? { session_id: sessionId } : {}) };
}

/** The SSE/WebSocket `start` event: known once the first token has arrived. */
export function startPayload(id: string, meta: GatewayStreamMeta, sessionId: string | undefined) {
  return {
    id,
    model: meta.model,
    provider: meta.provider,
    provider_model: meta.providerModel,
    cached: meta.cached,
    route: meta.route.reason,
    ...(meta.route.split ? { split: meta.route.split } : {}),
    ...(sessionId ? { session_id: sessionId } : {}),
  };
}

/** Usage, cost and stop reason, as the JSON answer and the final stream event carry them. */
export function summary(r: GatewayResult | Done) {
  return {
    model: r.model,
    provider: r.provider,
    provider_model: r.providerModel,
    usage: { input_tokens: r.usage.inputTokens, output_tokens: r.usage.outputTokens },
    cost_usd: r.costUsd,
    cached: r.cached,
    stop_reason: r.stopReason,
    route: r.route.reason,
    ...(r.route.split ? { split: r.route.split } : {}),
    fallback_used: r.fallbackUsed,
    latency_ms: r.latencyMs,
  };
}
