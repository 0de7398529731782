import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorResponses, eventStream } from '../../../http/index.ts';
import { ConflictError } from '../../../kernel/index.ts';
import type { Citation } from '../types.ts';
import type { TicketsTable } from '../tables.ts';
import type { LiveFeed } from '../workflow/live.ts';
import { PREFIX, callerOf, type RouteDeps } from './context.ts';
import { replayChunks, sseEvent } from './sse.ts';

/**
 * GET /tickets/:id/solution/stream — Server-Sent Events `start`, `chunk`…,
 * `complete` (with token counts). A READY ticket is replayed from the store;
 * a ticket being generated in this process is streamed live (the text so far,
 * then each delta). Otherwise 409 with the reason: queued (or generating on
 * another worker), retrying after a failed attempt, or FAILED.
 */
export function streamRoutes(deps: RouteDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: { id: string } }>(
      `${PREFIX}/tickets/:id/solution/stream`,
      {
        // A live stream may outlast the 29 s request deadline.
        config: { auth: 'key', deadline: false },
        schema: {
          tags: ['support'],
          summary: 'Stream the solution as Server-Sent Events (live, or replayed once READY)',
          response: {
            200: eventStream(
              'Server-sent events: `start` {ticket_id, status, mode: live|replay}, `chunk` {text}…, then `complete` {ticket_id, status: READY, usage {input_tokens, output_tokens}, citations [{id, title}], grounded} — or `error` {ticket_id, reason, retrying} if a live generation attempt fails.',
            ),
            ...errorResponses(401, 403, 404, 409, 429),
          },
        },
      },
      async (request, reply) => {
        const caller = callerOf(request);
        let ticket = await deps.tickets.get(caller, request.params.id);
        if (ticket.status === 'PROCESSING') {
          const feed = deps.live.get(ticket.id);
          if (feed) return streamLive(request, reply, ticket, feed);
          // It may have finished between the two reads.
          ticket = await deps.tickets.get(caller, request.params.id);
        }
        if (ticket.status === 'PROCESSING') throw notReady(ticket);
        if (ticket.status === 'FAILED') {
          throw new ConflictError('SOLUTION_FAILED', `ticket ${ticket.id} FAILED: ${ticket.failure_reason ?? ''}`, { details: { status: 'FAILED', reason: ticket.failure_reason } });
        }
        return replay(deps, reply, ticket);
      },
    );
  };
}

function open(reply: FastifyReply): PassThrough {
  const body = new PassThrough();
  reply.code(200).header('content-type', 'text/event-stream; charset=utf-8').header('cache-control', 'no-cache').header('x-accel-buffering', 'no');
  return body;
}

async function replay(deps: RouteDeps, reply: FastifyReply, ticket: TicketsTable) {
  const generation = await deps.repo.getGeneration(ticket.id);
  const solution = JSON.parse(ticket.solution ?? '{}') as { text?: string; citations?: Citation[]; grounded?: boolean };
  const body = open(reply);
  body.write(sseEvent('start', { ticket_id: ticket.id, status: ticket.status, mode: 'replay' }));
  for (const text of replayChunks(solution.text ?? '')) body.write(sseEvent('chunk', { text }));
  body.end(
    sseEvent('complete', {
      ticket_id: ticket.id,
      status: 'READY',
      usage: { input_tokens: generation?.input_tokens ?? 0, output_tokens: generation?.output_tokens ?? 0 },
      citations: solution.citations ?? [],
      grounded: solution.grounded ?? false,
    }),
  );
  return reply.send(body);
}

function streamLive(request: FastifyRequest, reply: FastifyReply, ticket: TicketsTable, feed: LiveFeed) {
  const body = open(reply);
  body.write(sseEvent('start', { ticket_id: ticket.id, status: 'PROCESSING', mode: 'live' }));
  const sent = feed.text;
  if (sent) body.write(sseEvent('chunk', { text: sent }));
  let streamed = sent;
  const unsubscribe = feed.subscribe((event) => {
    if (event.type === 'delta') {
      streamed += event.text;
      body.write(sseEvent('chunk', { text: event.text }));
      return;
    }
    if (event.type === 'error') {
      body.end(sseEvent('error', { ticket_id: ticket.id, reason: event.reason, retrying: event.retrying }));
      return;
    }
    // The stored solution may add to what the model said (the "no article fits" note).
    const { solution, usage } = event;
    if (solution.text.startsWith(streamed) && solution.text.length > streamed.length) body.write(sseEvent('chunk', { text: solution.text.slice(streamed.length) }));
    body.end(
      sseEvent('complete', {
        ticket_id: ticket.id,
        status: 'READY',
        usage: { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens },
        citations: solution.citations,
        grounded: solution.grounded,
      }),
    );
  });
  request.raw.once('close', unsubscribe);
  body.once('close', unsubscribe);
  return reply.send(body);
}

function notReady(ticket: TicketsTable): ConflictError {
  const code = ticket.last_error?.split(':')[0];
  const reason =
    ticket.attempts > 0 && code
      ? `retrying: attempt ${ticket.attempts} failed (${code}); the next attempt has not started yet`
      : 'queued: the solution is not being generated in this process yet (queued, or running on another worker)';
  return new ConflictError('SOLUTION_NOT_READY', `the solution of ticket ${ticket.id} cannot be streamed yet: ${reason}`, {
    details: { status: 'PROCESSING', reason },
    retryAfterSeconds: 1,
  });
}
