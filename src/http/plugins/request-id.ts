import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Keeps a caller's `x-request-id` when it is sane, otherwise makes one from a
 * random per-server prefix plus a counter: unique across replicas without
 * paying for random bytes on every request.
 */
export function requestIdGenerator(): (req: IncomingMessage) => string {
  const prefix = `req_${randomBytes(6).toString('hex')}`;
  let counter = 0;
  return (req) => {
    const incoming = req.headers['x-request-id'];
    if (typeof incoming === 'string' && SAFE_ID.test(incoming)) return incoming;
    counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
    return `${prefix}${counter.toString(36).padStart(6, '0')}`;
  };
}

export function registerRequestId(app: FastifyInstance): void {
  // Callback-style hooks throughout the edge: cheaper than async ones on every request.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
}
