import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses, eventStream } from '../../../http/index.ts';
import { describeError, isHashiError } from '../../../kernel/index.ts';
import { chatTurn, chatTurnStream, type TurnInput } from '../chat/turn.ts';
import type { MangaContext } from '../context.ts';
import { recentMessages } from '../chat/history.ts';
import { chatBodySchema, chatMessagesSchema, chatResultSchema, SESSION_ID } from './schemas.ts';

interface ChatBody {
  session_id: string;
  message: string;
  language: 'ja' | 'en';
  channel: 'web' | 'mobile' | 'api';
}

function turnInput(request: FastifyRequest<{ Body: ChatBody }>): TurnInput {
  const p = request.principal!;
  return { tenant: p.tenant, keyId: p.keyId, ...(p.customerId ? { customerId: p.customerId } : {}), ...request.body };
}

const sse = (reply: FastifyReply, event: string, data: unknown) => reply.raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

/**
 * `POST /manga/v1/chat` (one JSON answer, within the 29 s deadline) and
 * `POST /manga/v1/chat/stream` (the same turn as Server-Sent Events: `meta`
 * with the products found, `delta`s, then `done` with the stored result).
 * Errors before the first event are ordinary JSON errors; later ones arrive
 * as an `error` event.
 */
export function chatRoutes(ctx: MangaContext) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: ChatBody }>(
      '/manga/v1/chat',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['manga'],
          summary: 'Ask MangaAssist: product questions are answered from the catalogue, with product ids',
          body: chatBodySchema,
          response: { 200: chatResultSchema, ...errorResponses(400, 401, 422, 429, 503, 504) },
        },
      },
      async (request) => chatTurn(ctx, turnInput(request), request.deadline.signal),
    );

    app.post<{ Body: ChatBody }>(
      '/manga/v1/chat/stream',
      {
        config: { auth: 'key', deadline: false },
        schema: {
          tags: ['manga'],
          summary: 'The same chat turn, streamed as Server-Sent Events (meta, delta…, done | error)',
          body: chatBodySchema,
          response: {
            200: eventStream('Server-sent events: `meta` {session_id, products}, `delta` {text}…, then `done` with the same object POST /manga/v1/chat answers — or `error` {code, message} if the answer breaks after it started.'),
            ...errorResponses(400, 401, 422, 429, 503),
          },
        },
      },
      async (request, reply) => {
        const events = chatTurnStream(ctx, turnInput(request), request.deadline.signal);
        const first = await events.next();
        reply.hijack();
        reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-request-id': String(request.id) });
        try {
          for (let step = first; !step.done; step = await events.next()) {
            const e = step.value;
            if (e.type === 'meta') sse(reply, 'meta', { session_id: e.session_id, products: e.products });
            else if (e.type === 'delta') sse(reply, 'delta', { text: e.text });
            else if (e.type === 'result') sse(reply, 'done', e.result);
          }
        } catch (err) {
          const { code, message } = describeError(err);
          request.log.warn({ err }, 'chat stream failed after it started');
          sse(reply, 'error', { code: isHashiError(err) ? code : 'INTERNAL', message: isHashiError(err) ? message : 'the answer stream broke; ask again' });
        } finally {
          reply.raw.end();
        }
      },
    );

    app.get<{ Params: { session_id: string }; Querystring: { limit?: number } }>(
      '/manga/v1/chat/:session_id/messages',
      {
        config: { auth: 'key' },
        schema: {
          tags: ['manga'],
          summary: "A chat session's recent messages (the caller's tenant only)",
          params: { type: 'object', properties: { session_id: SESSION_ID } },
          querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
          response: { 200: chatMessagesSchema },
        },
      },
      async (request) => {
        const messages = await recentMessages(ctx.store.db, { tenant: request.principal!.tenant, session_id: request.params.session_id }, request.query.limit ?? 20);
        return {
          session_id: request.params.session_id,
          messages: messages.map((mm) => ({ id: mm.id, role: mm.role, content: mm.content, product_ids: mm.product_ids, model: mm.model, created_at: new Date(mm.created_at).toISOString() })),
        };
      },
    );
  };
}
