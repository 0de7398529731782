import { HashiError } from '../../kernel/index.ts';

export interface WireError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  retryAfterSeconds?: number;
}

/** What a stream's error event (SSE, WebSocket, OpenAI chunk) says about a failure. */
export function wireError(err: unknown): WireError {
  if (err instanceof HashiError) {
    const out: WireError = { status: err.status, code: err.code, message: err.message };
    if (err.details !== undefined) out.details = err.details;
    if (err.retryAfterSeconds !== undefined) out.retryAfterSeconds = err.retryAfterSeconds;
    return out;
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}
