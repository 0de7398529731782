import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../../http/index.ts';
import feedbackBodySchema from '../schemas/feedback.schema.json' with { type: 'json' };
import { PREFIX, callerOf, type RouteDeps } from './context.ts';
import { feedbackSchema } from './response-schemas.ts';

/** POST /tickets/:id/feedback: stored, and published as TicketFeedbackReceived. */
export function feedbackRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Params: { id: string }; Body: { rating: number; resolved: boolean; comment?: string } }>(
      `${PREFIX}/tickets/:id/feedback`,
      {
        config: { auth: 'key', idempotency: true },
        schema: {
          tags: ['support'],
          summary: "An operator's rating of a solved (or failed) ticket",
          body: structuredClone(feedbackBodySchema),
          response: { 201: feedbackSchema, ...errorResponses(400, 401, 403, 404, 409, 422, 429) },
        },
      },
      async (request, reply) => {
        const f = await deps.tickets.feedback(callerOf(request), request.params.id, request.body);
        return reply.code(201).send({
          feedback_id: f.id,
          ticket_id: f.ticket_id,
          rating: f.rating,
          resolved: f.resolved === 1,
          ...(f.comment !== null ? { comment: f.comment } : {}),
          created_at: new Date(f.created_at).toISOString(),
        });
      },
    );
  };
}
