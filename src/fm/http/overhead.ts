import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AttemptMeter } from '../resilience/index.ts';

const meters = new WeakMap<FastifyRequest, AttemptMeter>();

/** The meter of this request's FM call (created on first use); the pipeline adds provider wait to it. */
export function meterOf(request: FastifyRequest): AttemptMeter {
  let meter = meters.get(request);
  if (!meter) meters.set(request, (meter = { attempts: 0, providerWaitMs: 0 }));
  return meter;
}

/** The gateway's own time so far: total elapsed minus time spent waiting on providers. */
export function overheadMs(request: FastifyRequest, reply: FastifyReply): number {
  const wait = meters.get(request)?.providerWaitMs ?? 0;
  return Math.max(0, Math.round((reply.elapsedTime - wait) * 100) / 100);
}

/**
 * `x-hashi-overhead-ms` on every response of the fm routes, errors included.
 * For a stream it is the overhead until the headers (the first token has
 * arrived by then); the final event carries the total.
 */
export function registerOverheadHeader(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-hashi-overhead-ms', String(overheadMs(request, reply)));
    done(null, payload);
  });
}
