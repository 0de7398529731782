import { anthropicError, anthropicMessage, anthropicSse } from './anthropic.ts';
import { checkAuth } from './auth.ts';
import { bedrockError, converseFrames, converseOutput, invokeAnthropic, invokeChunks, titanEmbedding } from './bedrock.ts';
import { anthropicCountTokens, bedrockCountTokens } from './count-tokens.ts';
import type { Exchange } from './exchange.ts';
import { chatCompletion, embeddingsList, modelList, openaiError } from './openai.ts';
import { chatChunks } from './openai-stream.ts';
import { planReply, type PlanOptions, type ReplyPlan } from './plan.ts';
import { respondJson, sendError, type ErrorFormatter } from './respond.ts';
import { respondStream } from './stream.ts';
import type { FakeBehaviour, FakeDialect, RecordedRequest } from './types.ts';
import { fakeVector } from './vector.ts';

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

const ERRORS: Record<FakeDialect, ErrorFormatter> = { openai: openaiError, anthropic: anthropicError, bedrock: bedrockError };

function planOptions(ctx: RouteContext): PlanOptions {
  const { api, body } = ctx.req;
  const base = { responseId: ctx.id, maxTokens: body?.max_tokens as number | undefined };
  switch (api) {
    case 'openai.chat':
      return {
        ...base,
        maxTokens: body?.max_completion_tokens ?? body?.max_tokens ?? undefined,
        toolIdPrefix: 'call_',
        n: typeof body?.n === 'number' ? body.n : 1,
        topLogprobs: body?.logprobs === true ? (body.top_logprobs ?? 0) : undefined,
      };
    case 'bedrock.converse':
    case 'bedrock.converse-stream':
      return { ...base, maxTokens: body?.inferenceConfig?.maxTokens, toolIdPrefix: 'tooluse_' };
    default:
      return { ...base, toolIdPrefix: 'toolu_' };
  }
}

export async function handle(ctx: RouteContext): Promise<void> {
  const { ex, req, behaviour, bodyBytes } = ctx;
  const expected = behaviour.requireAuth?.[req.dialect];
  if (expected !== undefined) {
    const denied = checkAuth(req.dialect, req.headers, expected);
    if (denied) return sendError(ex, { type: 'status', ...denied }, ERRORS[req.dialect]);
  }
  const plan = () => planReply(behaviour, req, bodyBytes, planOptions(ctx));
  switch (req.api) {
    case 'anthropic.messages':
      if (req.stream) return respondStream(ex, behaviour, anthropicError, plan(), anthropicSse(ctx.id));
      return respondJson(ex, behaviour, anthropicError, () => JSON.stringify(anthropicMessage(plan(), ctx.id)));
    case 'anthropic.count-tokens':
      return anthropicCountTokens(ctx);
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
    case 'bedrock.count-tokens':
      return bedrockCountTokens(ctx);
    case 'bedrock.invoke':
    case 'bedrock.invoke-stream':
      return invoke(ctx, plan);
  }
}

function invoke(ctx: RouteContext, plan: () => ReplyPlan): Promise<void> {
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
