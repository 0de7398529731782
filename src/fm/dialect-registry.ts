import { anthropicMessages, bedrockConverse, openAIChat } from './dialects/index.ts';
import type { ChatDialectName, ClientDialect, ProviderDialect } from './dialects/index.ts';
import type { PassThroughDialect, WireDialects } from './exchange/index.ts';

const CLIENTS: Record<PassThroughDialect, ClientDialect> = { 'openai-chat': openAIChat, 'anthropic-messages': anthropicMessages };
const PROVIDERS: Record<ChatDialectName, ProviderDialect> = { 'openai-chat': openAIChat, 'anthropic-messages': anthropicMessages, 'bedrock-converse': bedrockConverse };

/** Every wire dialect the gateway speaks, by name: what exchanges translate with. */
export const wireDialects: WireDialects = {
  client: (name) => CLIENTS[name],
  provider: (name) => PROVIDERS[name],
};
