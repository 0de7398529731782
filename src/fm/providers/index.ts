/**
 * FM providers behind the port in port.ts: HTTP adapters that speak each
 * provider's wire themselves (OpenAI-compatible, Anthropic, Bedrock Converse
 * and InvokeModel) and the in-process offline model; every failure
 * normalised into `ProviderError`. No provider SDK is imported at run time.
 */
export { buildProvider } from './build.ts';
export { embedderOf, type Embed } from './embedder.ts';
export type { FmProvider, HttpProvider, LocalProvider, RawFrame, WireAnswer, WireCall } from './port.ts';
export { createAnthropicHttpProvider, ANTHROPIC_VERSION } from './anthropic-http.ts';
export { createBedrockHttpProvider, BEDROCK_ANTHROPIC_VERSION } from './bedrock-http.ts';
export { createOpenAIHttpProvider } from './openai-http.ts';
export { createOfflineLocalProvider } from './offline-local.ts';
export { PROVIDER_DEFINITION_SCHEMA, type ProviderDefinition, type ProviderType } from './definition.ts';
export { isProviderError, PROVIDER_CODES, ProviderError, type ProviderErrorCode, type ProviderErrorKind } from './errors.ts';

export { OFFLINE_CHAT_MODEL, OFFLINE_EMBED_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from './offline.ts';
export { OFFLINE_EMBED_DIMS, offlineEmbed } from './offline-embed.ts';
export { extractiveAnswer, type ExtractiveAnswer } from './offline-answer.ts';
export { moderate, sentiment, type ModerationVerdict, type SentimentVerdict, type Severity } from './offline-classify.ts';
