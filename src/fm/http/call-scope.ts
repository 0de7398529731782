import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Clock } from '../../kernel/index.ts';
import type { GatewayContext } from '../pipeline/index.ts';
import { ClientAbortedError } from '../resilience/index.ts';
import { meterOf } from './overhead.ts';
import { callerOf } from './types.ts';

export interface CallScope {
  ctx: GatewayContext;
  /** Stops listening for the client going away. */
  dispose(): void;
}

/**
 * The gateway context of one HTTP call: the caller's tenant and key, the
 * request deadline (fm routes run with the edge deadline off and enforce it
 * in the pipeline, so a stream can end with an error event instead of a cut
 * connection), and a signal that aborts the upstream call when the client
 * disconnects. Disconnect is read from the response: in Node 20 the request's
 * own `close` fires as soon as its body has been read.
 */
export function callScope(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: { clock: Clock; deadlineMs: number },
  extra: { sessionId?: string | undefined; skipCache?: boolean | undefined } = {},
): CallScope {
  const caller = callerOf(request);
  const controller = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableFinished && !controller.signal.aborted) controller.abort(new ClientAbortedError(new Error('client disconnected')));
  };
  reply.raw.once('close', onClose);
  const ctx: GatewayContext = {
    tenant: caller.tenant,
    keyId: caller.keyId,
    deadline: deps.clock.now() + deps.deadlineMs,
    signal: controller.signal,
    abortController: controller,
    meter: meterOf(request),
  };
  if (extra.sessionId) ctx.sessionId = extra.sessionId;
  if (extra.skipCache) ctx.skipCache = true;
  return { ctx, dispose: () => reply.raw.removeListener('close', onClose) };
}
