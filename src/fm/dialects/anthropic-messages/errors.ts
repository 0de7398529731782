import type { WireErrorInfo } from '../types.ts';

/** Anthropic's error body, `{ type: 'error', error: { type, message } }`, with the error type its SDK maps from the status. */
export function renderAnthropicError(e: WireErrorInfo) {
  const error: Record<string, unknown> = { type: errorType(e.status), message: e.message };
  // A model that cannot hold a message thread (any model reached by translation) says so as Anthropic does, so the
  // SDK's thread users (the beta tool runner) send the full history without `thread` instead of failing.
  if (e.code === 'FM_FIELD_UNSUPPORTED' && e.param === 'thread') error.details = { error_code: 'thread_unsupported_request', unsupported: ['model'] };
  return { type: 'error', error };
}

/** An error after the stream started: Anthropic's own `event: error` (its SDK throws on it). */
export function anthropicStreamError(e: WireErrorInfo): string {
  return `event: error\ndata: ${JSON.stringify(renderAnthropicError(e))}\n\n`;
}

function errorType(status: number): string {
  switch (status) {
    case 400:
    case 422:
      return 'invalid_request_error';
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}
