import type { FastifyInstance } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import { sendError } from './errors.ts';

/**
 * Every route answers within `timeoutMs` (the 29 s API Gateway limit): at the
 * deadline the caller gets 504 and `request.deadline.signal` aborts, so
 * downstream work (an FM call) stops too. A client that disconnects aborts the
 * same signal. Streaming routes opt out with `config: { deadline: false }`.
 */
export function registerDeadline(app: FastifyInstance, timeoutMs: number, clock: Clock): void {
  app.decorateRequest('deadline', undefined as never);
  app.addHook('onRequest', async (request, reply) => {
    const controller = new AbortController();
    const enforced = request.routeOptions.config?.deadline !== false;
    request.deadline = { at: clock.now() + timeoutMs, signal: controller.signal };
    const abort = (reason: string) => {
      if (!controller.signal.aborted) controller.abort(new Error(reason));
    };
    request.raw.once('close', () => {
      if (!reply.raw.writableFinished) abort('client disconnected');
    });
    if (!enforced) return;
    const timer = setTimeout(() => {
      abort('deadline exceeded');
      if (!reply.sent && !reply.raw.headersSent) {
        sendError(request, reply, 504, 'DEADLINE_EXCEEDED', `the request did not complete within ${timeoutMs} ms`);
      }
    }, timeoutMs);
    timer.unref();
    reply.raw.once('close', () => clearTimeout(timer));
  });
}
