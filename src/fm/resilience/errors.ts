import { defineCodes, HashiError, LimitError } from '../../kernel/index.ts';

export const RESILIENCE_CODES = defineCodes({
  FM_TIMEOUT: { status: 504, description: 'The provider did not answer (or send the next chunk) within its timeout.' },
  FM_CIRCUIT_OPEN: { status: 503, description: "The provider model's circuit breaker is open after repeated failures." },
  FM_OVERLOADED: { status: 503, description: "The provider's concurrency limit and pending queue are full." },
  FM_DEADLINE_EXCEEDED: { status: 504, description: 'The request deadline passed before the model answered.' },
  FM_CLIENT_ABORTED: { status: 499, description: 'The caller aborted the request; the upstream call was cancelled.' },
  FM_STREAM_INTERRUPTED: { status: 502, description: 'The model stream broke or ended without its final event.' },
});

export type TimeoutPhase = 'total' | 'first_byte' | 'idle';

export class FmTimeoutError extends HashiError {
  readonly retryable = true;
  readonly kind = 'timeout';
  constructor(readonly phase: TimeoutPhase, readonly timeoutMs: number) {
    super('FM_TIMEOUT', `Provider ${phase.replace('_', ' ')} timeout after ${timeoutMs} ms`, {
      status: 504,
      details: { phase, timeoutMs },
    });
    this.name = 'FmTimeoutError';
  }
}

export class CircuitOpenError extends HashiError {
  readonly retryable = false;
  readonly kind = 'circuit_open';
  constructor(readonly key: string, retryAfterMs: number) {
    super('FM_CIRCUIT_OPEN', `Circuit for ${key} is open`, {
      status: 503,
      retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)),
      details: { key },
    });
    this.name = 'CircuitOpenError';
  }
}

export class OverloadedError extends LimitError {
  readonly retryable = false;
  readonly kind = 'overloaded';
  constructor(key: string, retryAfterSeconds: number) {
    super('FM_OVERLOADED', `Too many concurrent requests to ${key}`, {
      status: 503,
      retryAfterSeconds,
      details: { key },
    });
    this.name = 'OverloadedError';
  }
}

export class DeadlineExceededError extends HashiError {
  readonly retryable = false;
  readonly kind = 'deadline';
  constructor(deadline: number) {
    super('FM_DEADLINE_EXCEEDED', 'The request deadline passed', {
      status: 504,
      details: { deadline: new Date(deadline).toISOString() },
    });
    this.name = 'DeadlineExceededError';
  }
}

export class ClientAbortedError extends HashiError {
  readonly retryable = false;
  readonly kind = 'client_aborted';
  constructor(cause?: unknown) {
    super('FM_CLIENT_ABORTED', 'The caller aborted the request', { status: 499, cause });
    this.name = 'ClientAbortedError';
  }
}

/** Retryable only in the sense of "another attempt may work" — after the first byte nobody retries. */
export class StreamInterruptedError extends HashiError {
  readonly retryable = true;
  readonly kind = 'stream_interrupted';
  constructor(message: string, cause?: unknown) {
    super('FM_STREAM_INTERRUPTED', message, { status: 502, cause });
    this.name = 'StreamInterruptedError';
  }
}
