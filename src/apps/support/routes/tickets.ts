import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../../http/index.ts';
import createTicketSchema from '../schemas/create-ticket.schema.json' with { type: 'json' };
import type { TicketRequest, TicketStatus } from '../types.ts';
import { acceptedTicket, publicTicket } from '../tickets/view.ts';
import { PREFIX, callerOf, type RouteDeps } from './context.ts';
import { acceptedSchema, ticketListSchema, ticketSchema } from './response-schemas.ts';

const listQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', enum: ['PROCESSING', 'READY', 'FAILED'] },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    cursor: { type: 'string', maxLength: 200 },
  },
} as const;

/** POST /tickets, GET /tickets/:id, GET /tickets. */
export function ticketRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: TicketRequest }>(
      `${PREFIX}/tickets`,
      {
        // Idempotency-Key: replay (same status, same ticket id), 422 on another body, 409 while the first runs.
        config: { auth: 'key', idempotency: true },
        schema: {
          tags: ['support'],
          summary: 'File a ticket; it is solved asynchronously (202 + Location)',
          body: structuredClone(createTicketSchema),
          response: { 202: acceptedSchema, ...errorResponses(400, 401, 403, 409, 422, 429) },
        },
      },
      async (request, reply) => {
        const row = await deps.tickets.create(callerOf(request), request.body);
        return reply
          .code(202)
          .header('location', `${deps.publicUrl}${PREFIX}/tickets/${row.id}`)
          .send(acceptedTicket(row));
      },
    );

    app.get<{ Params: { id: string } }>(
      `${PREFIX}/tickets/:id`,
      {
        config: { auth: 'key' },
        schema: { tags: ['support'], summary: "A ticket's public view, with its solution once READY", response: { 200: ticketSchema, ...errorResponses(401, 403, 404, 429) } },
      },
      async (request) => publicTicket(await deps.tickets.get(callerOf(request), request.params.id)),
    );

    app.get<{ Querystring: { status?: TicketStatus; limit: number; cursor?: string } }>(
      `${PREFIX}/tickets`,
      {
        config: { auth: 'key' },
        schema: {
          tags: ['support'],
          summary: "The caller's tickets, newest first (cursor pagination)",
          querystring: listQuerySchema,
          response: { 200: ticketListSchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => {
        const page = await deps.tickets.list(callerOf(request), request.query);
        return { tickets: page.rows.map(publicTicket), next_cursor: page.nextCursor };
      },
    );
  };
}
