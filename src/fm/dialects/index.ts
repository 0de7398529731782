/**
 * The wire dialects (see types.ts): pure translations between each API's
 * JSON / stream frames and the IR. Other folders import this file only.
 */
export type * from './types.ts';
export { DIALECT_CODES, DialectRequestError, MalformedResponseError, UnsupportedFieldError, UpstreamStreamError } from './errors.ts';
export { OPENAI_STREAM_FIELDS, openAIChat } from './openai-chat/index.ts';
export { anthropicMessages } from './anthropic-messages/index.ts';
export { bedrockConverse, converseWireFrame, type EventStreamHeaders } from './bedrock-converse/index.ts';
export { base64ToVector, openAIEmbeddings, vectorToBase64 } from './openai-embeddings/index.ts';
export { titanEmbeddings } from './titan-embeddings/index.ts';
export { BEDROCK_ANTHROPIC_VERSION, invokeWireFrame, toInvokeBody } from './bedrock-invoke/index.ts';
