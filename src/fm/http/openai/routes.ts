import type { FastifyInstance } from 'fastify';
import { NotFoundError, ulid } from '../../../kernel/index.ts';
import { callScope } from '../call-scope.ts';
import { sendEventStream } from '../sse.ts';
import type { FmRoutesDeps } from '../types.ts';
import { registerOpenAIErrors } from './errors.ts';
import { completionBodySchema, type CompletionBody } from './schema.ts';
import { completionChunks } from './stream.ts';
import { completionRequest } from './to-request.ts';
import { completionResponse } from './to-response.ts';

/**
 * The OpenAI-compatible surface: POST /v1/chat/completions (JSON and SSE) and
 * GET /v1/models, with errors in OpenAI's shape. The official `openai` client
 * works against it with `baseURL: <hashi>/v1` and a Hashi API key. Model names
 * are catalog aliases, provider model ids, split names or `auto`.
 */
export function openAIRoutes(deps: FmRoutesDeps) {
  const { gateway, clock } = deps;
  return async (app: FastifyInstance) => {
    registerOpenAIErrors(app);

    app.post<{ Body: CompletionBody }>(
      '/v1/chat/completions',
      { config: { auth: 'key', deadline: false }, schema: { tags: ['openai'], summary: 'OpenAI-compatible chat completions (JSON or SSE)', body: completionBodySchema } },
      async (request, reply) => {
        const body = request.body;
        const gatewayRequest = completionRequest(body);
        const skipCache = request.headers['x-hashi-skip-cache'] === 'true';
        const scope = callScope(request, reply, { clock, deadlineMs: gateway.deadlineMs }, { skipCache });
        const id = `chatcmpl-${ulid(clock.now()).toLowerCase()}`;
        const created = Math.floor(clock.now() / 1000);
        if (body.stream) {
          let stream;
          try {
            stream = await gateway.stream(gatewayRequest, scope.ctx);
          } catch (err) {
            scope.dispose();
            throw err;
          }
          reply.header('x-hashi-model', stream.meta.model).header('x-hashi-cached', String(stream.meta.cached));
          const includeUsage = body.stream_options?.include_usage === true;
          return sendEventStream(reply, completionChunks(stream, { id, created, includeUsage, onEnd: scope.dispose }));
        }
        try {
          const result = await gateway.complete(gatewayRequest, scope.ctx);
          reply
            .header('x-hashi-model', result.model)
            .header('x-hashi-cached', String(result.cached))
            .header('x-hashi-cost-usd', result.costUsd === null ? 'unpriced' : String(result.costUsd));
          return completionResponse(id, created, result);
        } finally {
          scope.dispose();
        }
      },
    );

    const modelObject = (id: string, ownedBy: string) => ({ id, object: 'model', created: 0, owned_by: ownedBy });
    const models = () => gateway.models().map((m) => modelObject(m.id, m.provider ?? 'hashi'));

    app.get('/v1/models', { config: { auth: 'key' }, schema: { tags: ['openai'], summary: 'Models (catalog aliases, splits and auto), OpenAI-compatible' } }, async () => ({
      object: 'list',
      data: models(),
    }));
    app.get<{ Params: { id: string } }>(
      '/v1/models/:id',
      { config: { auth: 'key' }, schema: { tags: ['openai'], summary: 'One model, OpenAI-compatible' } },
      async (request) => {
        const model = models().find((m) => m.id === request.params.id);
        if (!model) throw new NotFoundError('NOT_FOUND', `The model '${request.params.id}' does not exist`, { details: { model: request.params.id } });
        return model;
      },
    );
  };
}
