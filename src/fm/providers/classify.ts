import { ProviderError, type ProviderErrorKind } from './errors.ts';

/**
 * Pure classification shared by every SDK adapter: HTTP status → kind,
 * abort reason → aborted/timeout, Retry-After parsing, and the rule that a
 * failure after the first delta is a broken stream.
 */
export function kindForStatus(status: number): ProviderErrorKind {
  if (status === 429) return 'throttled';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'server'; // includes Anthropic's 529 overloaded
  if (status === 424) return 'server'; // Bedrock ModelErrorException: the model failed, not our request
  return 'client';
}

export interface UpstreamFailure {
  provider: string;
  status?: number;
  kind?: ProviderErrorKind;
  upstreamType?: string;
  message: string;
  retryAfterMs?: number;
  upstreamBody?: string;
  cause?: unknown;
}

export function fromUpstream(f: UpstreamFailure): ProviderError {
  const kind = f.kind ?? (f.status === undefined ? 'server' : kindForStatus(f.status));
  const auth = f.status === 401 || f.status === 403;
  return new ProviderError(`${f.provider}: ${f.message}`, {
    kind,
    provider: f.provider,
    code: auth ? 'FM_PROVIDER_AUTH' : undefined,
    upstreamStatus: f.status,
    upstreamType: f.upstreamType,
    retryAfterMs: kind === 'throttled' || kind === 'server' ? f.retryAfterMs : undefined,
    ...(f.upstreamBody !== undefined ? { upstreamBody: f.upstreamBody } : {}),
    cause: f.cause,
  });
}

/**
 * The caller's signal fired. A reason named `TimeoutError` (what
 * `AbortSignal.timeout()` uses) or carrying `kind: 'timeout'` (the
 * resilience layer's attempt timeouts) is a timeout; anything else is a
 * cancellation.
 */
export function fromAbort(provider: string, signal: AbortSignal, cause?: unknown): ProviderError {
  const reason = signal.reason as { name?: unknown; kind?: unknown } | null | undefined;
  const timedOut = typeof reason === 'object' && reason !== null && (reason.name === 'TimeoutError' || reason.kind === 'timeout');
  return new ProviderError(timedOut ? `${provider}: deadline reached` : `${provider}: cancelled by the caller`, {
    kind: timedOut ? 'timeout' : 'aborted',
    provider,
    cause: cause ?? reason,
  });
}

export function connectionError(provider: string, cause: unknown): ProviderError {
  return new ProviderError(`${provider}: connection failed`, { kind: 'connection', provider, cause });
}

export function timeoutError(provider: string, cause: unknown): ProviderError {
  return new ProviderError(`${provider}: no answer in time`, { kind: 'timeout', provider, cause });
}

export function badResponse(provider: string, cause: unknown): ProviderError {
  return new ProviderError(`${provider}: unreadable response`, {
    kind: 'server',
    code: 'FM_PROVIDER_BAD_RESPONSE',
    provider,
    cause,
  });
}

/** A failure once the stream is under way. Aborts and deadlines keep their kind. */
export function brokenStream(provider: string, inner: ProviderError, deltasYielded: number): ProviderError {
  if (inner.kind === 'aborted' || inner.kind === 'timeout' || inner.kind === 'stream_broken') return inner;
  if (deltasYielded === 0) return inner;
  return new ProviderError(`${provider}: stream broke after ${deltasYielded} deltas (${inner.kind})`, {
    kind: 'stream_broken',
    provider,
    upstreamStatus: inner.upstreamStatus,
    upstreamType: inner.upstreamType ?? inner.kind,
    deltasYielded,
    cause: inner,
  });
}

export function endedEarly(provider: string, deltasYielded: number, what: string): ProviderError {
  return new ProviderError(`${provider}: stream ended without ${what}`, {
    kind: 'stream_broken',
    provider,
    deltasYielded,
  });
}

/**
 * `retry-after-ms` (milliseconds), then `retry-after` as seconds or an HTTP
 * date. Returns undefined when absent or unparsable.
 */
export function parseRetryAfterMs(get: (name: string) => string | null | undefined, now: number): number | undefined {
  const ms = get('retry-after-ms');
  if (ms) {
    const v = Number.parseFloat(ms);
    if (Number.isFinite(v) && v >= 0) return Math.round(v);
  }
  const raw = get('retry-after');
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number.parseFloat(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
