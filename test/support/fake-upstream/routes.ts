import type { FakeApi, FakeDialect } from './types.ts';

export interface Route {
  api: FakeApi;
  dialect: FakeDialect;
  modelId: string | undefined;
}

const BEDROCK_OPS: Record<string, FakeApi> = {
  converse: 'bedrock.converse',
  'converse-stream': 'bedrock.converse-stream',
  invoke: 'bedrock.invoke',
  'invoke-with-response-stream': 'bedrock.invoke-stream',
  'count-tokens': 'bedrock.count-tokens',
};

/** Which endpoint a method + path names, or undefined for a 404. */
export function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { api: 'openai.chat', dialect: 'openai', modelId: undefined };
  if (method === 'POST' && path === '/v1/messages') return { api: 'anthropic.messages', dialect: 'anthropic', modelId: undefined };
  if (method === 'POST' && path === '/v1/messages/count_tokens') return { api: 'anthropic.count-tokens', dialect: 'anthropic', modelId: undefined };
  if (method === 'POST' && path === '/v1/embeddings') return { api: 'openai.embeddings', dialect: 'openai', modelId: undefined };
  if (method === 'GET' && path === '/v1/models') return { api: 'openai.models', dialect: 'openai', modelId: undefined };
  const m = /^\/model\/([^/]+)\/([a-z-]+)$/.exec(path);
  const api = m ? BEDROCK_OPS[m[2]!] : undefined;
  if (method !== 'POST' || !api) return undefined;
  return { api, dialect: 'bedrock', modelId: decodeURIComponent(m![1]!) };
}

const STREAMING: ReadonlySet<FakeApi> = new Set(['bedrock.converse-stream', 'bedrock.invoke-stream']);

export function isStream(api: FakeApi, body: any): boolean {
  return STREAMING.has(api) || ((api === 'anthropic.messages' || api === 'openai.chat') && body?.stream === true);
}
