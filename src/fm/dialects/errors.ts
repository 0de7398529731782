import { defineCodes, HashiError, ValidationError } from '../../kernel/index.ts';

export const DIALECT_CODES = defineCodes({
  FM_REQUEST_INVALID: { status: 400, description: 'The request body breaks its dialect\'s own rules (OpenAI Chat, Anthropic Messages, Embeddings); details[0].path names the field.' },
  FM_FIELD_UNSUPPORTED: {
    status: 400,
    description: 'The request uses a field the model it was routed to cannot honour (e.g. n > 1 or logprobs on an Anthropic model); the message names the field and the model. Nothing is silently dropped.',
  },
});

/** A body that breaks its dialect's rules (400); `path` is the field, as the client wrote it (`messages[2].tool_call_id`). */
export class DialectRequestError extends ValidationError {
  constructor(path: string, message: string) {
    super('FM_REQUEST_INVALID', message, { details: [{ keyword: 'dialect', path, message }] });
    this.name = 'DialectRequestError';
  }
}

/** A field the target provider dialect cannot carry (400), naming the field and the model. */
export class UnsupportedFieldError extends ValidationError {
  readonly field: string;
  constructor(field: string, target: { alias: string; provider: string }, why?: string) {
    const message = `${field} is not supported by model ${target.alias} (provider ${target.provider})${why ? `: ${why}` : ''}`;
    super('FM_FIELD_UNSUPPORTED', message, { details: [{ keyword: 'unsupported', path: field, message }] });
    this.name = 'UnsupportedFieldError';
    this.field = field;
  }
}

/** The provider's in-stream error event (Anthropic `event: error`, OpenAI `data: {"error":…}`, a Converse exception message). */
export class UpstreamStreamError extends HashiError {
  /** The upstream's own error type (`overloaded_error`, `throttlingException`, `rate_limit_exceeded`…). */
  readonly upstreamType: string | undefined;
  constructor(upstreamType: string | undefined, message: string) {
    super('FM_PROVIDER_STREAM_BROKEN', message, { status: 502 });
    this.name = 'UpstreamStreamError';
    this.upstreamType = upstreamType;
  }
}

/** A response body or stream frame that is not what the dialect says it must be. */
export class MalformedResponseError extends HashiError {
  constructor(message: string, cause?: unknown) {
    super('FM_PROVIDER_BAD_RESPONSE', message, { status: 502, cause });
    this.name = 'MalformedResponseError';
  }
}
