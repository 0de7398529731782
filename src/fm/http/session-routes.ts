import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../kernel/index.ts';
import type { ChatSession } from '../sessions/index.ts';
import { SESSION_ID } from './chat-schema.ts';
import { sessionDeleteDocs, sessionDocs } from './openapi.ts';
import { callerOf, type FmRoutesDeps } from './types.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const view = (s: ChatSession) => ({
  id: s.id,
  messages: s.messages,
  turns: s.turns,
  created_at: iso(s.createdAt),
  updated_at: iso(s.updatedAt),
  expires_at: iso(s.expiresAt),
});
const notFound = (id: string) => new NotFoundError('NOT_FOUND', `no session ${id} (it may have expired)`, { details: { session_id: id } });
const params = { type: 'object', required: ['id'], properties: { id: SESSION_ID } } as const;

/** GET and DELETE /v1/sessions/:id — the caller's tenant only; another tenant's session reads as absent. */
export function sessionRoutes(app: FastifyInstance, deps: FmRoutesDeps): void {
  const { sessions } = deps.gateway;
  app.get<{ Params: { id: string } }>(
    '/v1/sessions/:id',
    { config: { auth: 'key', openapi: sessionDocs }, schema: { tags: ['fm'], summary: 'A chat session: its stored history and expiry', params } },
    async (request) => {
      const session = await sessions.get(callerOf(request).tenant, request.params.id);
      if (!session) throw notFound(request.params.id);
      return view(session);
    },
  );
  app.delete<{ Params: { id: string } }>(
    '/v1/sessions/:id',
    { config: { auth: 'key', openapi: sessionDeleteDocs }, schema: { tags: ['fm'], summary: 'Forget a chat session', params } },
    async (request, reply) => {
      if (!(await sessions.delete(callerOf(request).tenant, request.params.id))) throw notFound(request.params.id);
      return reply.code(204).send();
    },
  );
}
