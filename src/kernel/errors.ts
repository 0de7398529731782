/**
 * The few error classes every capability throws. Each carries a stable `code`
 * (documented in the capability's code table), the HTTP status it maps to at the
 * edge, optional `details` the caller can act on, and the `cause`.
 */
export interface HashiErrorOptions {
  status?: number;
  details?: unknown;
  cause?: unknown;
  /** Seconds a caller should wait before retrying (becomes `Retry-After`). */
  retryAfterSeconds?: number;
  /** Extra response headers the edge should set (e.g. `Location`). */
  headers?: Record<string, string>;
}

export class HashiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details: unknown;
  readonly retryAfterSeconds: number | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HashiError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.headers = options.headers;
  }
}

/** The caller sent something we cannot accept (4xx). */
export class ValidationError extends HashiError {
  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(code, message, { status: 400, ...options });
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends HashiError {
  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(code, message, { status: 404, ...options });
    this.name = 'NotFoundError';
  }
}

export class ConflictError extends HashiError {
  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(code, message, { status: 409, ...options });
    this.name = 'ConflictError';
  }
}

/** Authentication (401) or authorization (403) failures. */
export class AuthError extends HashiError {
  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(code, message, { status: 401, ...options });
    this.name = 'AuthError';
  }
}

/** Throttling, quota and budget refusals (429 unless said otherwise). */
export class LimitError extends HashiError {
  constructor(code: string, message: string, options: HashiErrorOptions = {}) {
    super(code, message, { status: 429, ...options });
    this.name = 'LimitError';
  }
}

/**
 * Thrown by job handlers to ask for another attempt. Unknown errors are
 * treated the same way; `retryAfterMs` overrides the backoff schedule once.
 */
export class RetryableError extends HashiError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: HashiErrorOptions & { code?: string; retryAfterMs?: number } = {}) {
    super(options.code ?? 'RETRYABLE', message, { status: 503, ...options });
    this.name = 'RetryableError';
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Thrown by job handlers when retrying cannot help: the job goes to the DLQ at once. */
export class PermanentError extends HashiError {
  constructor(message: string, options: HashiErrorOptions & { code?: string } = {}) {
    super(options.code ?? 'PERMANENT', message, { status: 422, ...options });
    this.name = 'PermanentError';
  }
}

export function isHashiError(value: unknown): value is HashiError {
  return value instanceof HashiError;
}

/** A short, loggable description of any thrown value. */
export function describeError(err: unknown): { code: string; message: string } {
  if (err instanceof HashiError) return { code: err.code, message: err.message };
  if (err instanceof Error) return { code: err.name || 'Error', message: err.message };
  return { code: 'UNKNOWN', message: String(err) };
}
