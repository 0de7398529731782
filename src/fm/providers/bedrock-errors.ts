import type { Clock } from '../../kernel/index.ts';
import type { BedrockSdk } from './bedrock-client.ts';
import { badResponse, connectionError, fromUpstream, parseRetryAfterMs, timeoutError } from './classify.ts';
import { ProviderError, type ProviderErrorKind } from './errors.ts';

/**
 * Bedrock exception names (the SDK's typed exceptions, also what arrives in
 * an event stream's `:exception-type`) → kind. Unknown names fall back to
 * the HTTP status.
 */
const EXCEPTION_KINDS: Record<string, ProviderErrorKind> = {
  ThrottlingException: 'throttled',
  ServiceUnavailableException: 'server',
  InternalServerException: 'server',
  ModelStreamErrorException: 'server',
  ModelErrorException: 'server',
  ModelNotReadyException: 'server',
  ModelTimeoutException: 'timeout',
  ValidationException: 'client',
  AccessDeniedException: 'client',
  ResourceNotFoundException: 'client',
  ServiceQuotaExceededException: 'client',
};

// Connection-level codes; the SDK's node handler renames ECONNRESET/EPIPE errors to TimeoutError.
const CONNECTION_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE']);

interface NodeishError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/** `sdk` is undefined only before the SDK loaded, when no SDK error can exist yet. */
export function classifyBedrockError(provider: string, clock: Clock, err: unknown, sdk: BedrockSdk | undefined): ProviderError {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodeishError;
  if (e.name === 'AbortError') return new ProviderError(`${provider}: cancelled`, { kind: 'aborted', provider, cause: err });
  const status = e.$metadata?.httpStatusCode;
  const named = e.name !== undefined ? EXCEPTION_KINDS[e.name] : undefined;
  if ((sdk !== undefined && err instanceof sdk.BedrockRuntimeServiceException) || named !== undefined) {
    const headers = e.$response?.headers ?? {};
    return fromUpstream({
      provider,
      status,
      kind: named,
      upstreamType: e.name,
      message: err instanceof Error ? err.message : String(err),
      retryAfterMs: parseRetryAfterMs((h) => headerOf(headers, h), clock.now()),
      cause: err,
    });
  }
  if (e.code !== undefined && CONNECTION_CODES.has(e.code)) return connectionError(provider, err);
  if (e.name === 'TimeoutError') return timeoutError(provider, err);
  // A 2xx whose body could not be deserialised.
  if (err instanceof SyntaxError || (status !== undefined && status < 300)) return badResponse(provider, err);
  if (status !== undefined) {
    return fromUpstream({ provider, status, message: err instanceof Error ? err.message : String(err), cause: err });
  }
  return connectionError(provider, err);
}

function headerOf(headers: Record<string, string | undefined>, name: string): string | undefined {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}
