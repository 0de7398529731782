import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/index.ts';
import type { EventBus } from '../event-bus.ts';
import type { PutEventsEntry } from '../types.ts';
import { MAX_ENTRY_BYTES } from '../bus/entry-size.ts';
import { MAX_ENTRIES } from '../bus/put-events.ts';

const entrySchema = {
  type: 'object',
  properties: {
    Source: { type: 'string' },
    DetailType: { type: 'string' },
    // Untyped on purpose: the bus checks them per entry (and the edge's type coercion would rewrite them).
    Detail: { description: 'A JSON object, or its JSON text.' },
    Resources: { type: 'array', items: { type: 'string' } },
    Time: { description: 'ISO 8601 text, or epoch seconds as the AWS SDKs send it.' },
    EventBusName: { type: 'string' },
  },
} as const;

const resultSchema = {
  type: 'object',
  properties: {
    FailedEntryCount: { type: 'integer' },
    Entries: { type: 'array', items: { type: 'object', properties: { EventId: { type: 'string' }, ErrorCode: { type: 'string' }, ErrorMessage: { type: 'string' } } } },
  },
} as const;

/** `POST /v1/events`: EventBridge's PutEvents request and response bodies. */
export function putEventsRoute(bus: EventBus) {
  return async (app: FastifyInstance) => {
    app.post<{ Body: { Entries: PutEventsEntry[] } }>(
      '/v1/events',
      {
        config: { auth: 'key' },
        // Ten entries of up to 256 KB each, plus JSON escaping.
        bodyLimit: MAX_ENTRIES * MAX_ENTRY_BYTES * 2,
        schema: {
          tags: ['events'],
          summary: 'PutEvents: publish 1-10 events; each entry succeeds or fails on its own',
          body: {
            type: 'object',
            required: ['Entries'],
            properties: { Entries: { type: 'array', minItems: 1, maxItems: MAX_ENTRIES, items: entrySchema } },
          },
          response: { 200: resultSchema, ...errorResponses(400, 401, 413, 429) },
        },
      },
      async (request) => bus.putEvents(request.body.Entries),
    );
  };
}
