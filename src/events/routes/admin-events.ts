import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { EventBus } from '../event-bus.ts';
import { DELIVER_JOB, type DeliveryMeta, type DeliveryPayload } from '../targets/jobs.ts';

const admin = { auth: 'admin' } as const;

/** Read-only views: buses, schemas, a stored event, and dead-lettered deliveries with their context. */
export function adminEventRoutes(bus: EventBus, queue: Queue) {
  return async (app: FastifyInstance) => {
    app.get('/admin/events/buses', { config: admin, schema: { tags: ['admin'], summary: 'The configured event buses' } }, async () => ({ Buses: bus.buses }));
    app.get('/admin/events/schemas', { config: admin, schema: { tags: ['admin'], summary: 'The schema registry (events.schemas)' } }, async () => ({ Schemas: bus.schemas() }));
    app.get<{ Params: { id: string } }>('/admin/events/events/:id', { config: admin, schema: { tags: ['admin'], summary: 'A stored event envelope', response: errorResponses(404) } }, async (request) =>
      bus.getEvent(request.params.id),
    );
    app.get<{ Querystring: { limit?: number } }>(
      '/admin/events/dlq',
      {
        config: admin,
        schema: {
          tags: ['admin'],
          summary: 'Dead-lettered deliveries with rule, target, event and last error (redrive with POST /admin/dlq/redrive)',
          querystring: { type: 'object', properties: { limit: { type: 'integer', minimum: 1, maximum: 1000 } } },
        },
      },
      async (request) => {
        const dead = await queue.listDead({ type: DELIVER_JOB, limit: request.query.limit ?? 100 });
        return {
          Deliveries: dead.map((d) => {
            const meta = d.meta as DeliveryMeta;
            const last = d.errors.at(-1);
            return {
              JobId: d.id,
              Rule: meta.rule,
              EventBusName: meta.bus,
              Target: meta.target,
              TargetArn: meta.targetArn,
              EventId: meta.eventId,
              ErrorCode: last?.code,
              ErrorMessage: last?.message,
              Reason: d.reason,
              Attempts: d.attempts,
              DeadAt: new Date(d.deadAt).toISOString(),
              Event: (d.payload as DeliveryPayload).event,
            };
          }),
        };
      },
    );
  };
}
