import type { FastifyInstance } from 'fastify';

/**
 * During shutdown, answers still in flight carry `Connection: close`, so
 * keep-alive clients let go and `close()` finishes as soon as they are sent
 * instead of waiting out the keep-alive timeout.
 */
export function registerDrain(app: FastifyInstance): void {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
