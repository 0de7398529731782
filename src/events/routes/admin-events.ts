import type { FastifyInstance } from 'fastify';
import { errorResponses, listOf, noContent } from '../../http/index.ts';
import type { Queue } from '../../queue/index.ts';
import type { EventBus } from '../event-bus.ts';
import { DELIVER_JOB, type DeliveryMeta, type DeliveryPayload } from '../targets/jobs.ts';
import { deadDeliverySchema, envelopeSchema, schemaDefinitionSchema } from './schemas.ts';

const admin = { auth: 'admin' } as const;

const busSchema = {
  type: 'object',
  properties: {
    Name: { type: 'string' },
    Arn: { type: 'string' },
    Description: { type: 'string' },
    Origin: { enum: ['default', 'config', 'api'] },
    CreationTime: { type: 'string' },
    LastModifiedTime: { type: 'string' },
  },
} as const;

/** Read-only views: buses, schemas, a stored event, and dead-lettered deliveries with their context. */
export function adminEventRoutes(bus: EventBus, queue: Queue) {
  return async (app: FastifyInstance) => {
    app.get(
      '/admin/events/buses',
      {
        config: admin,
        schema: {
          tags: ['admin'],
          summary: "Every event bus: each account's default, events.buses, and those created at run time (other accounts' as <account>/<name>)",
          response: { 200: { type: 'object', properties: { Buses: { type: 'array', items: { type: 'string' } }, Details: { type: 'array', items: busSchema } } } },
        },
      },
      async () => {
        const buses = await bus.listBuses();
        return { Buses: buses.map((b) => b.Name), Details: buses };
      },
    );
    app.post<{ Body: { Name: string; Description?: string } }>(
      '/admin/events/buses',
      {
        config: admin,
        schema: {
          tags: ['admin'],
          summary: 'Create an event bus (CreateEventBus); <account>/<name> creates it in that account',
          body: { type: 'object', required: ['Name'], additionalProperties: false, properties: { Name: { type: 'string', minLength: 1, maxLength: 270 }, Description: { type: 'string', maxLength: 512 } } },
          response: { 201: busSchema, ...errorResponses(400, 409) },
        },
      },
      async (request, reply) => reply.code(201).send(await bus.createBus(request.body)),
    );
    app.delete<{ Params: { name: string } }>(
      '/admin/events/buses/:name',
      {
        config: admin,
        schema: {
          tags: ['admin'],
          summary: 'Delete an event bus made at run time (its rules first)',
          params: { type: 'object', properties: { name: { type: 'string' } } },
          response: { 204: noContent, ...errorResponses(400, 404, 409) },
        },
      },
      async (request, reply) => {
        await bus.deleteBus(request.params.name);
        return reply.code(204).send();
      },
    );
    app.get('/admin/events/schemas', { config: admin, schema: { tags: ['admin'], summary: 'The schema registry (events.schemas)', response: { 200: listOf('Schemas', schemaDefinitionSchema) } } }, async () => ({ Schemas: bus.schemas() }));
    app.get<{ Params: { id: string } }>('/admin/events/events/:id', { config: admin, schema: { tags: ['admin'], summary: 'A stored event envelope', response: { 200: envelopeSchema, ...errorResponses(404) } } }, async (request) =>
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
          response: { 200: listOf('Deliveries', deadDeliverySchema) },
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
