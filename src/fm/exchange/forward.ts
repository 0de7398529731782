import { anthropicMessages } from '../dialects/index.ts';
import { ProviderError } from '../providers/errors.ts';
import type { HttpProvider } from '../providers/port.ts';

/**
 * The provider refused the caller's own body (a request passed through with
 * only the model swapped, or counted as it is): the caller gets the
 * provider's answer as it is, in its own dialect — Bedrock InvokeModel's
 * `{message}` rewrapped in Anthropic's error shape. Sets `err.forward`, which
 * the wire routes' error handler sends instead of Hashi's own error.
 */
const FORWARDED_STATUSES = new Set([400, 413, 422]);
export function forwardable(err: unknown, provider: HttpProvider): unknown {
  if (err instanceof ProviderError && err.kind === 'client' && err.upstreamStatus !== undefined && FORWARDED_STATUSES.has(err.upstreamStatus) && err.upstreamBody) {
    const status = err.upstreamStatus;
    err.forward = { status, body: provider.type === 'bedrock-invoke' ? bedrockAsAnthropic(status, err.upstreamBody) : err.upstreamBody };
  }
  return err;
}

/** Bedrock words InvokeModel's refusals its own way (`{message}`): the Anthropic client gets Bedrock's message in Anthropic's error shape. */
function bedrockAsAnthropic(status: number, body: string): string {
  let message: unknown;
  try {
    const parsed = JSON.parse(body) as { message?: unknown; Message?: unknown };
    message = parsed.message ?? parsed.Message;
  } catch {
    message = undefined;
  }
  return JSON.stringify(anthropicMessages.renderError({ status, code: 'FM_PROVIDER_REJECTED', message: typeof message === 'string' && message ? message : body, param: null }));
}
