import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { newId } from '../../kernel/index.ts';
import type { GatewayRequest } from '../pipeline/index.ts';
import { callScope } from './call-scope.ts';
import { chatResponse } from './chat-response.ts';
import { chatBodySchema, chatQuerySchema, type ChatBody } from './chat-schema.ts';
import { toGatewayRequest } from './chat-request.ts';
import { chatEventFrames } from './chat-stream.ts';
import { chatDocs, chatStreamDocs } from './openapi.ts';
import { overheadMs } from './overhead.ts';
import { sendEventStream, wantsEventStream } from './sse.ts';
import type { FmRoutesDeps } from './types.ts';

type ChatQuery = Pick<ChatBody, 'message' | 'system' | 'model' | 'session_id' | 'max_tokens' | 'temperature' | 'top_p' | 'skip_cache'> & { api_key?: string };

/** POST /v1/chat (JSON, or SSE with Accept: text/event-stream) and GET /v1/chat/stream (SSE). */
export function chatRoutes(app: FastifyInstance, deps: FmRoutesDeps): void {
  const { gateway, clock } = deps;
  const scopeDeps = { clock, deadlineMs: gateway.deadlineMs };

  const streamAnswer = async (request: FastifyRequest, reply: FastifyReply, body: ChatBody, gatewayRequest: GatewayRequest) => {
    const scope = callScope(request, reply, scopeDeps, { sessionId: body.session_id, skipCache: body.skip_cache });
    let stream;
    try {
      stream = await gateway.chatStream(gatewayRequest, scope.ctx);
    } catch (err) {
      scope.dispose();
      throw err;
    }
    const frames = chatEventFrames(stream, {
      id: newId('chat'),
      sessionId: body.session_id,
      overheadMs: () => overheadMs(request, reply),
      onEnd: scope.dispose,
    });
    return sendEventStream(reply, frames);
  };

  app.post<{ Body: ChatBody }>(
    '/v1/chat',
    {
      config: { auth: 'key', deadline: false, openapi: chatDocs },
      schema: {
        tags: ['fm'],
        summary: 'Chat with a model (JSON, or server-sent events with Accept: text/event-stream)',
        body: chatBodySchema,
      },
    },
    async (request, reply) => {
      const body = request.body;
      const gatewayRequest = toGatewayRequest(body);
      if (body.stream || wantsEventStream(request.headers.accept)) return streamAnswer(request, reply, body, gatewayRequest);
      const scope = callScope(request, reply, scopeDeps, { sessionId: body.session_id, skipCache: body.skip_cache });
      try {
        const result = await gateway.chat(gatewayRequest, scope.ctx);
        return chatResponse(newId('chat'), result, body.session_id);
      } finally {
        scope.dispose();
      }
    },
  );

  app.get<{ Querystring: ChatQuery }>(
    '/v1/chat/stream',
    {
      config: { auth: 'key', deadline: false, queryKey: true, openapi: chatStreamDocs },
      schema: { tags: ['fm'], summary: 'Chat as server-sent events: start, chunk…, complete (or error); the key may come as ?api_key=', querystring: chatQuerySchema },
    },
    async (request, reply) => {
      const { api_key: _key, ...query } = request.query;
      return streamAnswer(request, reply, query, toGatewayRequest(query));
    },
  );
}
