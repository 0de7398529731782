/** One inference, whichever shape published it. */
export interface InferenceUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** null: the model is unpriced. */
  costUsd: number | null;
  cached: boolean;
}

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'string' ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads an InferenceCompleted detail: the gateway's shape (`model`,
 * `inputTokens`, `outputTokens`, `costUsd`, `cached`) or the reference
 * design's (`model_id`, `metrics.input_tokens`, `metrics.output_tokens`,
 * `metrics.estimated_cost_usd` as a string). Undefined without a model.
 */
export function readUsage(detail: Record<string, unknown>): InferenceUsage | undefined {
  const metrics = isRecord(detail.metrics) ? detail.metrics : {};
  const model = typeof detail.model === 'string' ? detail.model : typeof detail.model_id === 'string' ? detail.model_id : undefined;
  if (model === undefined || model === '') return undefined;
  const cost = num(detail.costUsd) ?? num(metrics.estimated_cost_usd);
  return {
    model,
    inputTokens: Math.max(0, Math.round(num(detail.inputTokens) ?? num(metrics.input_tokens) ?? 0)),
    outputTokens: Math.max(0, Math.round(num(detail.outputTokens) ?? num(metrics.output_tokens) ?? 0)),
    costUsd: detail.costUsd === null || (cost === undefined && detail.unpriced === true) ? null : (cost ?? null),
    cached: detail.cached === true,
  };
}

/** `2026-11-22` from an event's ISO time (UTC days). */
export function dayOf(time: string): string {
  return time.slice(0, 10);
}
