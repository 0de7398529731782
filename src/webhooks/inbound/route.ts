import type { FastifyInstance } from 'fastify';
import { errorResponses } from '../../http/index.ts';
import type { InboundReceiver } from './receive.ts';

const answerSchema = {
  type: 'object',
  properties: {
    status: { enum: ['accepted', 'already_processed'] },
    deliveryId: { type: 'string' },
    eventIds: { type: 'array', items: { type: 'string' } },
    failedItemCount: { type: 'integer', description: 'Itemized sources only: items rejected by the mapper or refused by the bus.' },
    items: {
      type: 'array',
      description: "Itemized sources only: every item's outcome, in the delivery's order.",
      items: {
        type: 'object',
        properties: {
          index: { type: 'integer' },
          ref: { type: 'string' },
          status: { enum: ['published', 'rejected', 'failed'] },
          eventId: { type: 'string' },
          reason: { type: 'string' },
          errorCode: { type: 'string' },
          errorMessage: { type: 'string' },
        },
      },
    },
  },
} as const;

/**
 * `POST /webhooks/:source`. This plugin is its own encapsulation context, so
 * the content-type parsers below apply to this route only: every body, of any
 * content type, arrives as the exact bytes received (a Buffer), because
 * signatures cover bytes; JSON is parsed afterwards, by the receiver.
 */
export function inboundRoute(receiver: InboundReceiver) {
  return async (app: FastifyInstance) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
    app.post<{ Params: { source: string } }>(
      '/webhooks/:source',
      {
        // The signature is the credential; senders are not API-key holders and are not rate-limited per key.
        config: {
          auth: 'none',
          rateLimit: false,
          openapi: {
            consumes: ['application/json', 'application/x-www-form-urlencoded', '*/*'],
            body: { type: 'string', description: "The provider's body, exactly as it sent it: any content type, verified byte for byte against its signature headers." },
          },
        },
        schema: {
          tags: ['webhooks'],
          summary: 'Receive a signed webhook: verified, de-duplicated and durably accepted before the answer',
          params: { type: 'object', properties: { source: { type: 'string' } } },
          response: { 200: answerSchema, 202: answerSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 422, 503) },
        },
      },
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const answer = await receiver.receive({ source: request.params.source, headers: request.headers, body, ip: request.ip, signal: request.deadline.signal });
        return reply.code(answer.status === 'accepted' ? 202 : 200).send(answer);
      },
    );
  };
}
