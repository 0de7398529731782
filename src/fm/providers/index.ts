/**
 * FM providers: one adapter per backend behind the `Provider` port
 * (../types.ts), every failure normalised into `ProviderError`. Only the
 * files in this folder import the provider SDKs.
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


export { createOfflineProvider, OFFLINE_CHAT_MODEL, OFFLINE_EMBED_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from './offline.ts';
export { OFFLINE_EMBED_DIMS, offlineEmbed } from './offline-embed.ts';
export { extractiveAnswer, type ExtractiveAnswer } from './offline-answer.ts';
export { moderate, sentiment, type ModerationVerdict, type SentimentVerdict, type Severity } from './offline-classify.ts';
export { renderPassages } from './prompt.ts';
