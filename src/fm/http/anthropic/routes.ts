import type { FastifyInstance, FastifyRequest } from 'fastify';
import { anthropicMessages } from '../../dialects/index.ts';
import type { FmRoutesDeps } from '../types.ts';
import { registerDialectErrors } from '../wire/errors.ts';
import { WIRE_BODY_LIMIT, wireChatHandler } from '../wire/handler.ts';
import { countTokens } from './count-tokens.ts';
import { anthropicErrorSchema, anthropicHeadersSchema, countTokensBodySchema, messagesBodySchema } from './schema.ts';

const errors = { 400: anthropicErrorSchema, 401: anthropicErrorSchema, 403: anthropicErrorSchema, 404: anthropicErrorSchema, 429: anthropicErrorSchema, 502: anthropicErrorSchema, 503: anthropicErrorSchema };

export function betasOf(request: FastifyRequest): string[] | undefined {
  const raw = request.headers['anthropic-beta'];
  const list = (Array.isArray(raw) ? raw.join(',') : (raw ?? '')).split(',').map((b) => b.trim()).filter(Boolean);
  return list.length > 0 ? list : undefined;
}

/**
 * The Anthropic Messages API: POST /v1/messages (JSON and SSE with the
 * exact event sequence) and POST /v1/messages/count_tokens, errors in
 * Anthropic's shape. The official `@anthropic-ai/sdk` works against it with
 * `baseURL: <hashi>` and a Hashi API key as its `apiKey` (sent as
 * `x-api-key`). Model names are catalog aliases, provider model ids, split
 * names or `auto`.
 */
export function anthropicRoutes(deps: FmRoutesDeps) {
  return async (app: FastifyInstance) => {
    registerDialectErrors(app, anthropicMessages);

    app.post(
      '/v1/messages',
      {
        bodyLimit: WIRE_BODY_LIMIT,
        config: { auth: 'key', deadline: false },
        schema: {
          tags: ['anthropic'],
          summary: 'Anthropic Messages (JSON or SSE): passed through to Anthropic and Bedrock InvokeModel, translated for the others',
          headers: anthropicHeadersSchema,
          body: messagesBodySchema,
          response: { 200: { description: 'A Message, or a text/event-stream of message events', type: 'object', additionalProperties: true }, ...errors },
        },
      },
      wireChatHandler(deps, { dialect: 'anthropic-messages', client: anthropicMessages, betas: betasOf }),
    );

    app.post(
      '/v1/messages/count_tokens',
      {
        bodyLimit: WIRE_BODY_LIMIT,
        config: { auth: 'key' },
        schema: {
          tags: ['anthropic'],
          summary: "Count a Messages request's input tokens with the routed model's own counter (an estimate where the provider has none)",
          headers: anthropicHeadersSchema,
          body: countTokensBodySchema,
          response: { 200: { type: 'object', required: ['input_tokens'], properties: { input_tokens: { type: 'integer' } } }, ...errors },
        },
      },
      async (request, reply) => {
        const counted = await countTokens(deps.gateway, request.body as Record<string, unknown>, betasOf(request));
        reply.header('x-hashi-model', counted.model).header('x-hashi-estimated', String(counted.estimated));
        return { input_tokens: counted.inputTokens };
      },
    );
  };
}
