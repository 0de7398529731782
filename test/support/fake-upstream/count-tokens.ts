import { anthropicError } from './anthropic.ts';
import { bedrockError } from './bedrock.ts';
import { respondJson } from './respond.ts';
import type { RouteContext } from './handle.ts';

/**
 * Deterministic token counts: the scripted `usage.inputTokens`, else
 * ⌈bytes / 4⌉ of what is counted (at least 1), like the default input usage.
 */
const countOf = (ctx: RouteContext, bytes: number): number => ctx.behaviour.usage?.inputTokens ?? Math.max(1, Math.ceil(bytes / 4));

/** Anthropic `POST /v1/messages/count_tokens` → `{input_tokens}` (https://docs.anthropic.com/en/api/messages-count-tokens). */
export function anthropicCountTokens(ctx: RouteContext): Promise<void> {
  const { ex, behaviour, req } = ctx;
  if (!Array.isArray(req.body?.messages)) {
    return respondJson(ex, { ...behaviour, fault: { type: 'status', status: 400, message: 'messages: Field required' } }, anthropicError, () => '');
  }
  return respondJson(ex, behaviour, anthropicError, () => JSON.stringify({ input_tokens: countOf(ctx, ctx.bodyBytes) }));
}

/**
 * Bedrock `POST /model/{id}/count-tokens` (CountTokensCommand): `{input:
 * {invokeModel: {body: <base64>}}}` counts the decoded body, `{input:
 * {converse: {messages, system?, toolConfig?}}}` the converse request's JSON; → `{inputTokens}`.
 */
export function bedrockCountTokens(ctx: RouteContext): Promise<void> {
  const { ex, behaviour, req } = ctx;
  const input = req.body?.input;
  let bytes: number | undefined;
  if (typeof input?.invokeModel?.body === 'string') bytes = Buffer.from(input.invokeModel.body, 'base64').length;
  else if (Array.isArray(input?.converse?.messages)) bytes = Buffer.byteLength(JSON.stringify(input.converse));
  if (bytes === undefined) {
    const message = 'Malformed input request: input must hold invokeModel.body or converse.messages';
    return respondJson(ex, { ...behaviour, fault: { type: 'status', status: 400, message } }, bedrockError, () => '');
  }
  return respondJson(ex, behaviour, bedrockError, () => JSON.stringify({ inputTokens: countOf(ctx, bytes) }));
}
