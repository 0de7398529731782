import { anthropicError, anthropicMessage, anthropicSse } from './anthropic.ts';
import { bedrockError, converseFrames, converseOutput, invokeAnthropic, invokeChunks, titanEmbedding } from './bedrock.ts';
import type { Exchange } from './exchange.ts';
import { chatChunks, chatCompletion, embeddingsList, modelList, openaiError } from './openai.ts';
import { fakeVector, planReply } from './plan.ts';
import { respondJson, respondStream } from './respond.ts';
import type { FakeApi, FakeBehaviour, FakeDialect, RecordedRequest } from './types.ts';

/** Everything a route needs about one received request. */
export interface RouteContext {
  ex: Exchange;
  req: RecordedRequest;
  bodyBytes: number;
  behaviour: FakeBehaviour;
  id: string;
  created: number;
  models: string[];
}

export interface Route {
  api: FakeApi;
  dialect: FakeDialect;
  modelId: string | undefined;
}

/** Which endpoint a method + path names, or undefined for a 404. */
export function matchRoute(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/messages') return { api: 'anthropic.messages', dialect: 'anthropic', modelId: undefined };
  if (method === 'POST' && path === '/v1/chat/completions') return { api: 'openai.chat', dialect: 'openai', modelId: undefined };
  if (method === 'POST' && path === '/v1/embeddings') return { api: 'openai.embeddings', dialect: 'openai', modelId: undefined };
  if (method === 'GET' && path === '/v1/models') return { api: 'openai.models', dialect: 'openai', modelId: undefined };
  const m = /^\/model\/([^/]+)\/(converse|converse-stream|invoke|invoke-with-response-stream)$/.exec(path);
  if (method !== 'POST' || !m) return undefined;
  const op = m[2]!;
  const api: FakeApi =
    op === 'converse' ? 'bedrock.converse'
    : op === 'converse-stream' ? 'bedrock.converse-stream'
    : op === 'invoke' ? 'bedrock.invoke'
    : 'bedrock.invoke-stream';
  return { api, dialect: 'bedrock', modelId: decodeURIComponent(m[1]!) };
}

const STREAMING: ReadonlySet<FakeApi> = new Set(['bedrock.converse-stream', 'bedrock.invoke-stream']);

export function isStream(api: FakeApi, body: any): boolean {
  return STREAMING.has(api) || ((api === 'anthropic.messages' || api === 'openai.chat') && body?.stream === true);
}

function maxTokensOf(api: FakeApi, body: any): number | undefined {
  if (api === 'bedrock.converse' || api === 'bedrock.converse-stream') return body?.inferenceConfig?.maxTokens;
  if (api === 'openai.chat') return body?.max_completion_tokens ?? body?.max_tokens ?? undefined;
  return body?.max_tokens;
}

export async function handle(ctx: RouteContext): Promise<void> {
  const { ex, req, behaviour, bodyBytes } = ctx;
  const plan = () => planReply(behaviour, req, bodyBytes, maxTokensOf(req.api, req.body));
  switch (req.api) {
    case 'anthropic.messages':
      if (req.stream) return respondStream(ex, behaviour, anthropicError, plan(), anthropicSse(ctx.id));
      return respondJson(ex, behaviour, anthropicError, () => JSON.stringify(anthropicMessage(plan(), ctx.id)));
    case 'openai.chat':
      if (req.stream) {
        const includeUsage = req.body?.stream_options?.include_usage === true;
        return respondStream(ex, behaviour, openaiError, plan(), chatChunks(ctx.id, ctx.created, includeUsage));
      }
      return respondJson(ex, behaviour, openaiError, () => JSON.stringify(chatCompletion(plan(), ctx.id, ctx.created)));
    case 'openai.embeddings':
      return respondJson(ex, behaviour, openaiError, () => {
        const input: string[] = Array.isArray(req.body?.input) ? req.body.input : [String(req.body?.input ?? '')];
        const dims: number = req.body?.dimensions ?? 16;
        const vectors = input.map((text) => fakeVector(text, dims));
        const tokens = input.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
        return JSON.stringify(embeddingsList(vectors, req.modelId ?? 'fake-embedding', req.body?.encoding_format === 'base64', tokens));
      });
    case 'openai.models':
      return respondJson(ex, behaviour, openaiError, () => JSON.stringify(modelList(ctx.models)));
    case 'bedrock.converse':
      return respondJson(ex, behaviour, bedrockError, () => JSON.stringify(converseOutput(plan(), behaviour.latencyMs)));
    case 'bedrock.converse-stream':
      return respondStream(ex, behaviour, bedrockError, plan(), converseFrames(behaviour.latencyMs));
    case 'bedrock.invoke':
    case 'bedrock.invoke-stream':
      return invoke(ctx, plan);
  }
}

function invoke(ctx: RouteContext, plan: () => ReturnType<typeof planReply>): Promise<void> {
  const { ex, req, behaviour } = ctx;
  const body = req.body;
  if (req.api === 'bedrock.invoke' && req.modelId?.includes('titan-embed') && typeof body?.inputText === 'string') {
    const dims: number = body.dimensions ?? 1024;
    const text: string = body.inputText;
    return respondJson(ex, behaviour, bedrockError, () => JSON.stringify(titanEmbedding(fakeVector(text, dims), Math.ceil(text.length / 4))));
  }
  if (typeof body?.anthropic_version !== 'string') {
    const invalid = { ...behaviour, fault: { type: 'status' as const, status: 400, message: 'Malformed input request: expected an Anthropic Messages body with anthropic_version' } };
    return respondJson(ex, invalid, bedrockError, () => '');
  }
  const p = plan();
  if (req.api === 'bedrock.invoke-stream') return respondStream(ex, behaviour, bedrockError, p, invokeChunks(ctx.id, behaviour.latencyMs));
  return respondJson(ex, behaviour, bedrockError, () => JSON.stringify(invokeAnthropic(p, ctx.id)), {
    'x-amzn-bedrock-input-token-count': String(p.inputTokens),
    'x-amzn-bedrock-output-token-count': String(p.outputTokens),
  });
}
