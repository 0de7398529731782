import { openAIChat } from './dialects/index.ts';
import * as dialects from './dialects/index.ts';
import type { ChatDialectName, ClientDialect, ProviderDialect } from './dialects/index.ts';
import type { PassThroughDialect, WireDialects } from './exchange/index.ts';

// TEMPORARY while the Anthropic and Converse dialects land.
const pending = (name: string) => new Proxy({}, { get: () => { throw new Error(`dialect ${name} not available yet`); } }) as ClientDialect & ProviderDialect;
const anthropicMessages = ((dialects as Record<string, unknown>).anthropicMessages ?? pending('anthropic-messages')) as ClientDialect & ProviderDialect;
const bedrockConverse = ((dialects as Record<string, unknown>).bedrockConverse ?? pending('bedrock-converse')) as ProviderDialect;

const CLIENTS: Record<PassThroughDialect, ClientDialect> = { 'openai-chat': openAIChat, 'anthropic-messages': anthropicMessages };
const PROVIDERS: Record<ChatDialectName, ProviderDialect> = { 'openai-chat': openAIChat, 'anthropic-messages': anthropicMessages, 'bedrock-converse': bedrockConverse };

/** Every wire dialect the gateway speaks, by name: what exchanges translate with. */
export const wireDialects: WireDialects = {
  client: (name) => CLIENTS[name],
  provider: (name) => PROVIDERS[name],
};
export { anthropicMessages, bedrockConverse };
