import { MalformedResponseError, UpstreamStreamError } from '../dialects/errors.ts';
import { badResponse, brokenStream, fromAbort } from './classify.ts';
import { ProviderError, type ProviderErrorKind } from './errors.ts';

/**
 * In-stream error types of every dialect (Anthropic `error.type`, OpenAI
 * `code`/`type`, Bedrock exception names, lower-cased) → kind. Unknown types
 * are server trouble: worth another attempt.
 */
const TYPE_KINDS: Record<string, ProviderErrorKind> = {
  rate_limit_error: 'throttled',
  rate_limit_exceeded: 'throttled',
  throttlingexception: 'throttled',
  servicequotaexceededexception: 'throttled',
  overloaded_error: 'server',
  api_error: 'server',
  server_error: 'server',
  internalserverexception: 'server',
  serviceunavailableexception: 'server',
  modelstreamerrorexception: 'server',
  modelerrorexception: 'server',
  modelnotreadyexception: 'server',
  timeout_error: 'timeout',
  modeltimeoutexception: 'timeout',
  invalid_request_error: 'client',
  request_too_large: 'client',
  validationexception: 'client',
  not_found_error: 'client',
  resourcenotfoundexception: 'client',
  authentication_error: 'client',
  permission_error: 'client',
  accessdeniedexception: 'client',
};

export function kindOfUpstreamType(type: string | undefined): ProviderErrorKind {
  return (type !== undefined && TYPE_KINDS[type.toLowerCase()]) || 'server';
}

/**
 * A failure of an HTTP attempt, in the resilience layer's terms: the
 * provider's in-stream error classified by its type, an unreadable body as
 * a (retryable) bad response, our own abort as aborted or timeout — and,
 * once pieces have reached the caller, a broken stream (never retried).
 */
export function attemptFailure(provider: string, err: unknown, piecesYielded: number, signal: AbortSignal): unknown {
  let inner: ProviderError;
  if (err instanceof ProviderError) inner = err;
  else if (err instanceof UpstreamStreamError) {
    inner = new ProviderError(`${provider}: ${err.message}`, { kind: kindOfUpstreamType(err.upstreamType), provider, upstreamType: err.upstreamType, cause: err });
  } else if (err instanceof MalformedResponseError) inner = badResponse(provider, err);
  else if (signal.aborted) inner = fromAbort(provider, signal, err);
  else return err;
  return brokenStream(provider, inner, piecesYielded);
}
