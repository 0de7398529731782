/**
 * FM providers: one adapter per backend behind the `Provider` port
 * (../types.ts), every failure normalised into `ProviderError`. Only the
 * files in this folder import the provider SDKs.
 */
export { createProvider, type ProviderDeps } from './create.ts';
export { PROVIDER_DEFINITION_SCHEMA, type ProviderDefinition, type ProviderType } from './definition.ts';
export { isProviderError, PROVIDER_CODES, ProviderError, type ProviderErrorCode, type ProviderErrorKind } from './errors.ts';

export { createAnthropicProvider, type AnthropicProviderOptions } from './anthropic.ts';
export { createBedrockConverseProvider, type BedrockProviderOptions } from './bedrock-converse.ts';
export { BEDROCK_ANTHROPIC_VERSION, createBedrockInvokeProvider } from './bedrock-invoke.ts';
export type { BedrockCredentials } from './bedrock-client.ts';
export { createOpenAICompatibleProvider, type OpenAICompatibleOptions } from './openai-compatible.ts';

export { createOfflineProvider, OFFLINE_CHAT_MODEL, OFFLINE_EMBED_MODEL, OFFLINE_NO_CONTEXT, OFFLINE_NO_IMAGES, OFFLINE_NO_MATCH } from './offline.ts';
export { OFFLINE_EMBED_DIMS, offlineEmbed } from './offline-embed.ts';
export { extractiveAnswer, type ExtractiveAnswer } from './offline-answer.ts';
export { moderate, sentiment, type ModerationVerdict, type SentimentVerdict, type Severity } from './offline-classify.ts';
export { renderPassages } from './prompt.ts';
