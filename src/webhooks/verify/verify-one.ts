import { checkSourceDefinition, verifyDelivery } from '../schemes/index.ts';
import type { IncomingHeaders, SourceDefinition } from '../schemes/index.ts';
import type { InputReason, VerifyContext, VerifyInput, VerifyOutcome } from './types.ts';

function inputError(reason: InputReason, message: string): VerifyOutcome {
  return { valid: false, reason, message };
}

/**
 * Headers from a JSON object: string values, arrays of strings, and numbers
 * (a timestamp is often written as one) are accepted; anything else is an error.
 */
export function toHeaders(value: unknown): IncomingHeaders | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'headers must be a JSON object of header name to value';
  const out: IncomingHeaders = {};
  for (const [name, v] of Object.entries(value)) {
    if (typeof v === 'string') out[name] = v;
    else if (typeof v === 'number' && Number.isFinite(v)) out[name] = String(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) out[name] = v as string[];
    else return `header ${JSON.stringify(name)} must be a string, a number or an array of strings`;
  }
  return out;
}

function resolve(source: unknown, ctx: VerifyContext): SourceDefinition | VerifyOutcome {
  if (typeof source === 'string') {
    return ctx.resolveSource(source) ?? inputError('unknown_source', `no webhook source named ${JSON.stringify(source)} is configured`);
  }
  const checked = checkSourceDefinition(source);
  return checked.ok ? checked.def : inputError('invalid_source', `inline source definition is invalid: ${checked.errors.join('; ')}`);
}

/** Verifies one delivery; never throws, every problem becomes an outcome. */
export function verifyOne(input: VerifyInput, ctx: VerifyContext): VerifyOutcome {
  const def = resolve(input.source, ctx);
  if ('valid' in def) return def;
  const headers = toHeaders(input.headers);
  if (typeof headers === 'string') return inputError('malformed_line', headers);
  const at = input.at ?? ctx.nowSeconds;
  const result = verifyDelivery(def, headers, input.body, at);
  if (!result.valid) return result;
  const outcome: VerifyOutcome = { valid: true };
  if (result.timestamp !== undefined) outcome.timestamp = result.timestamp;
  if (result.id !== undefined) outcome.id = result.id;
  return outcome;
}
