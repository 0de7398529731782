import type { ProviderDialect } from '../types.ts';
import { buildConverseRequest } from './build-request.ts';
import { converseDecoder } from './decoder.ts';
import { parseConverseResult } from './result.ts';

/** Bedrock Converse / ConverseStream, as a provider dialect (the model id travels in the URL). */
export const bedrockConverse: ProviderDialect = Object.freeze({
  name: 'bedrock-converse' as const,
  buildRequest: buildConverseRequest,
  parseResult: parseConverseResult,
  decoder: converseDecoder,
});

export { converseWireFrame, type EventStreamHeaders } from './frame.ts';
export { stopReasonOf as converseStopReason } from './result.ts';
