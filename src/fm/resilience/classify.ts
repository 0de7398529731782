import { ClientAbortedError, DeadlineExceededError } from './errors.ts';

/**
 * What the resilience layer needs from an error. Provider errors carry it
 * (`ProviderError` has `kind`, `retryable`, `retryAfterMs`); so do ours.
 */
export interface RetryHint {
  retryable: boolean;
  retryAfterMs?: number;
  kind?: string;
}

/** Socket-level failures worth another attempt, recognised by `code`, never by message text. */
const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

function hintOf(err: unknown): RetryHint | undefined {
  if (err !== null && typeof err === 'object' && typeof (err as { retryable?: unknown }).retryable === 'boolean') {
    return err as RetryHint;
  }
  return undefined;
}

function isNetworkError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 2) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
  // fetch/undici wrap the socket error as `cause`.
  return isNetworkError((err as { cause?: unknown }).cause, depth + 1);
}

/** The request is over for reasons that are not the provider's fault: no retry, no fallback. */
export function isTerminal(err: unknown): boolean {
  return err instanceof ClientAbortedError || err instanceof DeadlineExceededError;
}

export function isRetryable(err: unknown): boolean {
  if (isTerminal(err)) return false;
  const hint = hintOf(err);
  if (hint) return hint.retryable;
  return isNetworkError(err);
}

export function retryAfterMsOf(err: unknown): number | undefined {
  const ms = hintOf(err)?.retryAfterMs;
  return typeof ms === 'number' && Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/**
 * Whether an error says something about the provider's health. Retryable
 * errors (5xx, throttling, timeouts, resets, broken streams) do; caller
 * aborts, deadlines, local overload and bad requests do not.
 */
export function isProviderFailure(err: unknown): boolean {
  return isRetryable(err);
}
