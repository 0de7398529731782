import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../kernel/index.ts';
import { openAIChat } from '../../dialects/index.ts';
import type { FmRoutesDeps } from '../types.ts';
import { registerDialectErrors } from '../wire/errors.ts';
import { WIRE_BODY_LIMIT, wireChatHandler } from '../wire/handler.ts';
import { completionBodySchema, embeddingsBodySchema, openAIErrorSchema, openAIObject } from './schema.ts';
import { callScope } from '../call-scope.ts';
import { sendWireJson } from '../wire/send.ts';
import { anthropicListProperties, anthropicModel, anthropicModelList, anthropicModelProperties, speaksAnthropic } from '../anthropic/models.ts';

const errors = { 400: openAIErrorSchema, 401: openAIErrorSchema, 403: openAIErrorSchema, 404: openAIErrorSchema, 429: openAIErrorSchema, 502: openAIErrorSchema, 503: openAIErrorSchema };

/**
 * The OpenAI-compatible surface: POST /v1/chat/completions (JSON and SSE),
 * GET /v1/models, with errors in OpenAI's shape. The official `openai`
 * client works against it with `baseURL: <hashi>/v1` and a Hashi API key.
 * Model names are catalog aliases, provider model ids, split names or `auto`.
 */
export function openAIRoutes(deps: FmRoutesDeps) {
  const { gateway } = deps;
  return async (app: FastifyInstance) => {
    registerDialectErrors(app, openAIChat);

    app.post(
      '/v1/chat/completions',
      {
        bodyLimit: WIRE_BODY_LIMIT,
        config: { auth: 'key', deadline: false },
        schema: {
          tags: ['openai'],
          summary: 'OpenAI Chat Completions (JSON or SSE): passed through to OpenAI-compatible models, translated for the others',
          body: completionBodySchema,
          response: { 200: { description: 'A chat.completion object, or a text/event-stream of chat.completion.chunk objects', ...openAIObject }, ...errors },
        },
      },
      wireChatHandler(deps, { dialect: 'openai-chat', client: openAIChat }),
    );

    app.post(
      '/v1/embeddings',
      {
        bodyLimit: WIRE_BODY_LIMIT,
        config: { auth: 'key', deadline: false },
        schema: {
          tags: ['openai'],
          summary: 'OpenAI Embeddings (float or base64): passed through to OpenAI-compatible models; Titan on Bedrock and the offline model rendered the same way',
          body: embeddingsBodySchema,
          response: { 200: { description: 'A list of embedding objects with usage', ...openAIObject }, ...errors },
        },
      },
      async (request, reply) => {
        const exchange = gateway.embeddings(request.body as Record<string, unknown>);
        const scope = callScope(request, reply, { clock: deps.clock, deadlineMs: gateway.deadlineMs }, { skipCache: request.headers['x-hashi-skip-cache'] === 'true' });
        try {
          return await sendWireJson(reply, await gateway.open(exchange, scope.ctx));
        } finally {
          scope.dispose();
        }
      },
    );

    const modelObject = (id: string, ownedBy: string) => ({ id, object: 'model', created: 0, owned_by: ownedBy });
    const models = () => gateway.models().map((m) => modelObject(m.id, m.provider ?? 'hashi'));
    // One schema for both shapes: OpenAI's, or Anthropic's for callers sending `anthropic-version`.
    const modelSchema = {
      type: 'object',
      properties: { id: { type: 'string' }, object: { type: 'string' }, created: { type: 'integer' }, owned_by: { type: 'string' }, ...anthropicModelProperties },
    } as const;

    app.get(
      '/v1/models',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['openai', 'anthropic'],
          summary: 'Models (catalog aliases, splits, auto and embedding models), in OpenAI’s shape, or Anthropic’s with an anthropic-version header',
          response: { 200: { type: 'object', properties: { object: { type: 'string' }, data: { type: 'array', items: modelSchema }, ...anthropicListProperties } }, ...errors },
        },
      },
      async (request) => (speaksAnthropic(request) ? anthropicModelList(models().map((m) => m.id)) : { object: 'list', data: models() }),
    );
    app.get<{ Params: { id: string } }>(
      '/v1/models/:id',
      { config: { auth: 'key' }, schema: { tags: ['openai', 'anthropic'], summary: 'One model, OpenAI-compatible (Anthropic’s shape with an anthropic-version header)', response: { 200: modelSchema, ...errors } } },
      async (request) => {
        const model = models().find((m) => m.id === request.params.id);
        if (!model) throw new NotFoundError('NOT_FOUND', `The model '${request.params.id}' does not exist`, { details: { model: request.params.id } });
        return speaksAnthropic(request) ? anthropicModel(model.id) : model;
      },
    );
  };
}
