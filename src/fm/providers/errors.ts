import { defineCodes, HashiError } from '../../kernel/index.ts';

/**
 * What went wrong with an FM call, in the terms the resilience layer needs.
 * `stream_broken` means the stream started (and may have yielded deltas) and
 * then failed or ended without its terminal event — never a silent clean end.
 */
export type ProviderErrorKind =
  | 'throttled'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'client'
  | 'aborted'
  | 'stream_broken';

export const PROVIDER_CODES = defineCodes({
  FM_PROVIDER_THROTTLED: { status: 429, description: 'The FM provider refused the call for rate reasons; retryable, honour retryAfterMs.' },
  FM_PROVIDER_SERVER: { status: 502, description: 'The FM provider failed or was overloaded (5xx, 529); retryable.' },
  FM_PROVIDER_BAD_RESPONSE: { status: 502, description: 'The FM provider answered with a body that could not be parsed; retryable.' },
  FM_PROVIDER_TIMEOUT: { status: 504, description: 'The FM provider did not answer in time (upstream timeout or our deadline); retryable.' },
  FM_PROVIDER_CONNECTION: { status: 502, description: 'The connection to the FM provider failed or was reset before an answer; retryable.' },
  FM_PROVIDER_REJECTED: { status: 422, description: 'The FM provider rejected the request as invalid (4xx); not retryable.' },
  FM_PROVIDER_AUTH: { status: 502, description: 'The FM provider refused our credentials or access (401/403); not retryable, fix the configuration.' },
  FM_PROVIDER_UNSUPPORTED: { status: 501, description: 'The provider cannot do this operation (e.g. no embedding model configured); not retryable.' },
  FM_PROVIDER_ABORTED: { status: 499, description: 'The caller cancelled the FM call; not retryable.' },
  FM_PROVIDER_STREAM_BROKEN: { status: 502, description: 'The FM stream broke mid-way (reset, malformed event, in-stream error or missing end); details.deltasYielded says how much was already yielded.' },
  FM_PROVIDER_CONFIG_INVALID: { status: 500, description: 'A provider definition in the configuration is invalid.' },
});

export type ProviderErrorCode = keyof typeof PROVIDER_CODES;

export interface ProviderErrorInit {
  kind: ProviderErrorKind;
  /** The configured provider name (e.g. `bedrock`). */
  provider: string;
  /** Defaults to the kind's usual code. */
  code?: ProviderErrorCode;
  /** HTTP status the upstream answered with, when there was one. */
  upstreamStatus?: number;
  /** The upstream's own error type (`ThrottlingException`, `overloaded_error`, …). */
  upstreamType?: string;
  /** How long the upstream asked us to wait, when it said so. */
  retryAfterMs?: number;
  /** For `stream_broken`: deltas already yielded to the caller. */
  deltasYielded?: number;
  /** The upstream's error body (a bounded prefix), kept so pass-through can hand a caller's 4xx back verbatim. */
  upstreamBody?: string;
  cause?: unknown;
}

const DEFAULT_CODE: Record<ProviderErrorKind, ProviderErrorCode> = {
  throttled: 'FM_PROVIDER_THROTTLED',
  server: 'FM_PROVIDER_SERVER',
  timeout: 'FM_PROVIDER_TIMEOUT',
  connection: 'FM_PROVIDER_CONNECTION',
  client: 'FM_PROVIDER_REJECTED',
  aborted: 'FM_PROVIDER_ABORTED',
  stream_broken: 'FM_PROVIDER_STREAM_BROKEN',
};

const RETRYABLE: Record<ProviderErrorKind, boolean> = {
  throttled: true,
  server: true,
  timeout: true,
  connection: true,
  client: false,
  aborted: false,
  stream_broken: true,
};

/**
 * Every failure of every provider, normalised. Retry decisions read
 * `retryable` (and `retryAfterMs`) only. `status` is what the HTTP edge
 * answers (from the code table); the upstream's own status is `upstreamStatus`.
 */
export class ProviderError extends HashiError {
  readonly kind: ProviderErrorKind;
  readonly retryable: boolean;
  readonly provider: string;
  readonly upstreamStatus: number | undefined;
  readonly upstreamType: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly deltasYielded: number | undefined;
  readonly upstreamBody: string | undefined;
  /**
   * Set by pass-through when the provider refused the caller's own body
   * (400/413/422) in the caller's dialect: the edge answers with exactly this.
   */
  forward: { status: number; body: string } | undefined;

  constructor(message: string, init: ProviderErrorInit) {
    const code = init.code ?? DEFAULT_CODE[init.kind];
    const retryAfterSeconds = init.retryAfterMs === undefined ? undefined : Math.ceil(init.retryAfterMs / 1000);
    super(code, message, {
      status: PROVIDER_CODES[code].status,
      cause: init.cause,
      retryAfterSeconds,
      details: {
        provider: init.provider,
        kind: init.kind,
        upstreamStatus: init.upstreamStatus,
        upstreamType: init.upstreamType,
        deltasYielded: init.deltasYielded,
      },
    });
    this.name = 'ProviderError';
    this.kind = init.kind;
    this.retryable = code === 'FM_PROVIDER_AUTH' || code === 'FM_PROVIDER_UNSUPPORTED' ? false : RETRYABLE[init.kind];
    this.provider = init.provider;
    this.upstreamStatus = init.upstreamStatus;
    this.upstreamType = init.upstreamType;
    this.retryAfterMs = init.retryAfterMs;
    this.deltasYielded = init.deltasYielded;
    this.upstreamBody = init.upstreamBody;
    this.forward = undefined;
  }
}

export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof ProviderError;
}
