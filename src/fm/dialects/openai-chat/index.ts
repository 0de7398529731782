import type { ClientDialect, ProviderDialect } from '../types.ts';
import { buildOpenAIChatRequest, OPENAI_STREAM_FIELDS } from './build-request.ts';
import { openAIChatDecoder } from './decoder.ts';
import { openAIChatEncoder } from './encoder.ts';
import { openAIStreamError, renderOpenAIError } from './errors.ts';
import { parseOpenAIChatRequest } from './parse-request.ts';
import { parseOpenAIChatResult, renderOpenAIChatResult } from './result.ts';

/** OpenAI Chat Completions, as a client dialect (what Hashi serves) and a provider dialect (OpenAI-compatible servers). */
export const openAIChat: ClientDialect & ProviderDialect = Object.freeze({
  name: 'openai-chat' as const,
  parseRequest: parseOpenAIChatRequest,
  renderResult: renderOpenAIChatResult,
  encoder: openAIChatEncoder,
  renderError: renderOpenAIError,
  streamError: openAIStreamError,
  buildRequest: buildOpenAIChatRequest,
  parseResult: parseOpenAIChatResult,
  decoder: openAIChatDecoder,
});

export { OPENAI_STREAM_FIELDS };
export { finishReason, stopReasonOf } from './finish.ts';
