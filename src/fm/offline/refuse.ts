import { UnsupportedFieldError } from '../dialects/index.ts';
import type { IrRequest } from '../ir/types.ts';

/** Sampling knobs mean nothing to a deterministic extractive model; they ask for nothing it fails to do. */
const HARMLESS = new Set(['frequency_penalty', 'presence_penalty', 'logit_bias', 'service_tier']);

/**
 * What the offline model honestly cannot do. It never invents a tool call,
 * so a request that requires one (tool_choice any / a named tool) is
 * refused; so are JSON schemas (it cannot promise an arbitrary shape),
 * several choices, log probabilities and fields it does not know.
 */
export function refuseOffline(ir: IrRequest): void {
  const target = { alias: ir.model, provider: 'offline' };
  const c = ir.toolChoice;
  if (c?.type === 'any' || c?.type === 'tool') {
    const which = c.type === 'tool' ? `a call of ${c.name}` : 'a tool call';
    throw new UnsupportedFieldError('tool_choice', target, `the offline model never calls tools, so it cannot comply with a tool_choice that requires ${which}`);
  }
  if (ir.responseFormat?.type === 'json_schema') throw new UnsupportedFieldError('response_format', target, 'the offline model cannot produce JSON to an arbitrary schema (json_object works)');
  if (ir.n !== undefined && ir.n > 1) throw new UnsupportedFieldError('n', target, 'the offline model gives one answer');
  if (ir.logprobs) throw new UnsupportedFieldError('logprobs', target, 'the offline model has no token probabilities');
  for (const [key, value] of Object.entries(ir.extra ?? {})) {
    if (value === undefined || value === null || HARMLESS.has(key) || (key === 'store' && value === false)) continue;
    throw new UnsupportedFieldError(key, target, 'the offline model cannot honour it');
  }
}
