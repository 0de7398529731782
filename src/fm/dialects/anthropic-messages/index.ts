import type { ClientDialect, ProviderDialect } from '../types.ts';
import { buildAnthropicRequest } from './build-request.ts';
import { anthropicDecoder } from './decoder.ts';
import { anthropicEncoder } from './encoder.ts';
import { anthropicStreamError, renderAnthropicError } from './errors.ts';
import { parseAnthropicRequest } from './parse-request.ts';
import { parseAnthropicResult, renderAnthropicResult } from './result.ts';

/** The Anthropic Messages API, as a client dialect (`POST /v1/messages`) and a provider dialect (Anthropic; Bedrock InvokeModel's Anthropic body). */
export const anthropicMessages: ClientDialect & ProviderDialect = Object.freeze({
  name: 'anthropic-messages' as const,
  parseRequest: parseAnthropicRequest,
  renderResult: renderAnthropicResult,
  encoder: anthropicEncoder,
  renderError: renderAnthropicError,
  streamError: anthropicStreamError,
  buildRequest: buildAnthropicRequest,
  parseResult: parseAnthropicResult,
  decoder: anthropicDecoder,
});

export { anthropicStopReason, stopReasonOf } from './stop.ts';
