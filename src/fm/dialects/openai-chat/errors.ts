import type { WireErrorInfo } from '../types.ts';

/** OpenAI's error object, `{ error: { message, type, param, code } }`, with the type its SDKs expect for the status. */
export function renderOpenAIError(e: WireErrorInfo) {
  return { error: { message: e.message, type: errorType(e.status, e.code), param: e.param ?? null, code: e.code } };
}

/** An error after the stream started: a data chunk holding the error object (the SDKs throw on it), and no [DONE]. */
export function openAIStreamError(e: WireErrorInfo): string {
  return `data: ${JSON.stringify(renderOpenAIError(e))}\n\n`;
}

function errorType(status: number, code: string): string {
  if (code === 'FM_BUDGET_EXCEEDED') return 'insufficient_quota';
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}
